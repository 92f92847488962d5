import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { CareLevel, HomeCareHelp, ScreeningResult } from './health.enums';

@InputType({ description: "A member's health check on a day (recording the same member and day again replaces it)." })
export class RecordHealthCheckInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => DateScalar, { description: 'Not in the future; while the person was a member.' })
  checkedOn!: string;

  @Field(() => Int, { nullable: true, description: 'mmHg, 60–260 (with diastolic).' })
  systolic?: number | null;

  @Field(() => Int, { nullable: true, description: 'mmHg, 30–160 (with systolic).' })
  diastolic?: number | null;

  @Field(() => Float, { nullable: true, description: 'kg, 20–200 (kept to one decimal).' })
  weightKg?: number | null;

  @Field(() => Int, { nullable: true, description: 'cm, 100–220.' })
  heightCm?: number | null;

  @Field(() => ScreeningResult, { nullable: true, description: 'ICOPE step 1; absent: NOT_DONE.' })
  cognition?: ScreeningResult | null;

  @Field(() => ScreeningResult, { nullable: true })
  mobility?: ScreeningResult | null;

  @Field(() => ScreeningResult, { nullable: true })
  nutrition?: ScreeningResult | null;

  @Field(() => ScreeningResult, { nullable: true })
  vision?: ScreeningResult | null;

  @Field(() => ScreeningResult, { nullable: true })
  hearing?: ScreeningResult | null;

  @Field(() => ScreeningResult, { nullable: true })
  mood?: ScreeningResult | null;

  @Field({ defaultValue: false })
  referred!: boolean;

  @Field(() => CareLevel, { nullable: true, description: 'Required when referred.' })
  referralLevel?: CareLevel | null;
}

@InputType({ description: 'A home-care visit (recording the same volunteer, member and day again replaces it).' })
export class RecordHomeCareVisitInput {
  @Field(() => ID, { description: 'A member of the club marked as a home-care volunteer.' })
  volunteerId!: string;

  @Field(() => ID, { description: 'The member visited, of the same club.' })
  visitedId!: string;

  @Field(() => DateScalar, { description: 'Not in the future; while both were members.' })
  visitedOn!: string;

  @Field(() => HomeCareHelp)
  help!: HomeCareHelp;
}
