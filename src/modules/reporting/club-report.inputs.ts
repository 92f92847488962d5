import { Field, InputType, Int } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars';
import { ActivityArea } from '../club/club.enums';

@InputType({ description: "A club's monthly report with its figures (re-submitting the month replaces it)." })
export class RecordClubReportInput {
  @Field()
  clubCode!: string;

  @Field({ description: 'The month reported, YYYY-MM. A month may be reported from its last day on.' })
  month!: string;

  @Field(() => Int)
  meetingsHeld!: number;

  @Field(() => Int, { description: "Members present, summed over the month's meetings." })
  attendance!: number;

  @Field(() => [ActivityArea], { defaultValue: [], description: "Activity areas the month's meetings covered." })
  activityAreas!: ActivityArea[];

  @Field(() => Int)
  newMembers!: number;

  @Field(() => Int)
  membersLeft!: number;

  @Field(() => Int, { description: "Volunteers' home-care visits." })
  homeCareVisits!: number;

  @Field(() => Int)
  healthChecks!: number;

  @Field(() => MoneyScalar, { description: "Capital of the club's funds at the end of the month, whole đồng (0 without a fund)." })
  fundCapital!: bigint;
}

@InputType({ description: "Confirms a club's monthly report from the records already entered for the month." })
export class SubmitClubReportInput {
  @Field()
  clubCode!: string;

  @Field({ description: 'The month reported, YYYY-MM.' })
  month!: string;
}
