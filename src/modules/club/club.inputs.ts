import { Field, InputType, registerEnumType } from 'type-graphql';
import { and, sql, SqlPart, textArray } from '../../db/sql';
import { BadUserInputError } from '../../errors';
import { SortDirection } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { FundKind } from '../fund/fund.enums';
import { ClubStatus, Programme } from './club.enums';

@InputType({ description: 'Filters on clubs; all given conditions must hold.' })
export class ClubFilter {
  @Field(() => [ClubStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: ClubStatus[];

  @Field(() => [Programme], { nullable: true, description: 'Any of these programmes.' })
  programme?: Programme[];

  @Field(() => DateScalar, { nullable: true, description: 'Founded on or after this date.' })
  foundedFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Founded on or before this date.' })
  foundedTo?: string;

  @Field(() => FundKind, { nullable: true, description: 'Holds a fund of this kind.' })
  hasFundKind?: FundKind;
}

export enum ClubOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
  FOUNDED_ON = 'FOUNDED_ON',
}
registerEnumType(ClubOrderField, { name: 'ClubOrderField' });

@InputType()
export class ClubOrder {
  @Field(() => ClubOrderField)
  field!: ClubOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@InputType({ description: 'An administrative unit named by structure and code.' })
export class UnitRef {
  @Field(() => AdminStructure)
  structure!: AdminStructure;

  @Field()
  code!: string;
}

const CLUB_SORT_COLUMN: Record<ClubOrderField, string> = {
  CODE: 'code',
  NAME: 'name',
  FOUNDED_ON: 'founded_on',
};

export function clubSort(order: ClubOrder | undefined, alias: string): { expr: string; direction: 'asc' | 'desc' } {
  const field = order?.field ?? ClubOrderField.CODE;
  const expr = `${alias}.${CLUB_SORT_COLUMN[field]}`;
  // Dates sort and compare as ISO text, so cursors carry plain strings.
  return { expr: field === ClubOrderField.FOUNDED_ON ? `${expr}::text` : expr, direction: order?.direction === SortDirection.DESC ? 'desc' : 'asc' };
}

/** The filter as SQL over the club table aliased `alias`; every condition uses an indexed or narrow column. */
export function clubFilterSql(filter: ClubFilter | undefined, alias: string): SqlPart {
  if (!filter) return sql('true');
  if (filter.foundedFrom && filter.foundedTo && filter.foundedFrom > filter.foundedTo) {
    throw new BadUserInputError('"foundedFrom" must not be after "foundedTo"', 'filter');
  }
  return and([
    filter.status?.length ? sql(`${alias}.status = any(?::text[])`, textArray(filter.status)) : null,
    filter.programme?.length ? sql(`${alias}.programme = any(?::text[])`, textArray(filter.programme)) : null,
    filter.foundedFrom ? sql(`${alias}.founded_on >= ?::date`, filter.foundedFrom) : null,
    filter.foundedTo ? sql(`${alias}.founded_on <= ?::date`, filter.foundedTo) : null,
    filter.hasFundKind ? sql(`exists (select 1 from fund f where f.club_id = ${alias}.id and f.kind = ?)`, filter.hasFundKind) : null,
  ]);
}
