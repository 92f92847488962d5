import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';

@ObjectType({ description: "A unit's clubs in the period: active, weak, unreported (counts only)." })
export class ClubQualityRank {
  @Field(() => Int, { description: 'Position, 1 = worst share of weak or unreported clubs.' })
  rank!: number;

  @Field(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Field(() => Int, { description: 'Clubs active in the period, where they were at its end.' })
  activeClubs!: number;

  @Field(() => Int, { description: 'Active clubs whose latest supervision rating on or before the end of the period is WEAK.' })
  weakClubs!: number;

  @Field(() => Int, { description: 'Active clubs missing the report of a month of the period they were expected for (months ended before today).' })
  unreportedClubs!: number;

  @Field(() => Int, { description: 'Active clubs weak or unreported, each club once.' })
  weakOrUnreportedClubs!: number;

  @Field(() => Float, { nullable: true, description: 'weakOrUnreportedClubs ÷ activeClubs, in percent (1 decimal); null without active clubs.' })
  weakOrUnreportedPercent!: number | null;
}

@ObjectType({ description: 'Units ranked by the share of their clubs that are weak or did not report, worst first.' })
export class ClubQualityRanking {
  @Field(() => AdminStructure)
  structure!: AdminStructure;

  @Field({ description: 'The period key asked for.' })
  period!: string;

  @Field(() => Int, { description: 'Units ranked (before offset and limit).' })
  totalCount!: number;

  @Field(() => [ClubQualityRank])
  rows!: ClubQualityRank[];
}
