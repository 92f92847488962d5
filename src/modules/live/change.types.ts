import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AdminStructure } from '../admin-unit/admin-unit.enums';

/** What changed, by the kind of record written; GAP: events may have been missed, refetch what is shown. */
export enum ChangeKind {
  CLUB = 'CLUB',
  MEMBER = 'MEMBER',
  MEETING = 'MEETING',
  FUND = 'FUND',
  TRAINING = 'TRAINING',
  AWARD = 'AWARD',
  SUPERVISION = 'SUPERVISION',
  CLUB_REPORT = 'CLUB_REPORT',
  APPROVAL = 'APPROVAL',
  TARGET = 'TARGET',
  OTHER = 'OTHER',
  GAP = 'GAP',
}
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'The kind of record a write changed. GAP is not a write: events may have been missed (the hub lost its database feed for a while), so refetch everything shown.',
});

@ObjectType({ description: 'A unit a changed record belongs to, by its identity only.' })
export class ChangedUnit {
  @Field(() => AdminStructure)
  structure!: AdminStructure;

  @Field({ description: 'The official code; "VN" for the nation.' })
  code!: string;
}

@ObjectType({
  description:
    'That something changed, by ids only (no figures, no personal data): refetch what you show through the ordinary queries. ' +
    'One event per kind of record, club and month that a committed write changed; a large write (an import) may be summarised by province.',
})
export class ChangeEvent {
  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => String, { nullable: true, description: 'The mutation (e.g. "submitClubReport") or import (e.g. "import:members") that wrote; null for GAP.' })
  operation!: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the club whose records changed (null: not a club's record, or a summary)." })
  clubId!: string | null;

  @Field(() => String, { nullable: true, description: 'The month changed, as "2024-03", for reports and approvals.' })
  month!: string | null;

  @Field(() => [ChangedUnit], { description: "The lowest units the record belongs to, one per structure (a club's communes; an approval's unit)." })
  units!: ChangedUnit[];
}

@InputType({ description: 'Which changes to receive; everything the caller may see when empty.' })
export class ChangeFilter {
  @Field(() => AdminStructure, { nullable: true, description: 'The structure of unitCode (default POST_2025).' })
  structure?: AdminStructure | null;

  @Field(() => String, { nullable: true, description: 'Only changes inside this unit ("VN": the nation).' })
  unitCode?: string | null;

  @Field(() => [ChangeKind], { nullable: true, description: 'Only these kinds (GAP is always sent).' })
  kinds?: ChangeKind[] | null;
}
