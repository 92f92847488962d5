import { Field, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { ActivityArea } from '../club/club.enums';
import { ClubRating } from './supervision.enums';

@InputType({ description: 'The checklist score of one activity area.' })
export class ActivityAreaScoreInput {
  @Field(() => ActivityArea)
  area!: ActivityArea;

  @Field(() => Int, { description: '0 (absent) to 5 (exemplary).' })
  score!: number;
}

@InputType({ description: 'A supervision visit to a club.' })
export class RecordSupervisionVisitInput {
  @Field()
  clubCode!: string;

  @Field(() => DateScalar, { description: 'The day of the visit: not in the future, not before the club was founded.' })
  visitedOn!: string;

  @Field(() => UnitLevel, { description: 'The level of the visiting association: COMMUNE, DISTRICT (before 1 July 2025), PROVINCE or NATION.' })
  visitingLevel!: UnitLevel;

  @Field(() => [ActivityAreaScoreInput], { defaultValue: [], description: 'Scores of the areas checked (each area at most once; areas not checked are left out).' })
  scores!: ActivityAreaScoreInput[];

  @Field(() => ClubRating)
  rating!: ClubRating;

  @Field(() => String, { nullable: true, description: 'Personal data: free text that may name members.' })
  notes?: string | null;
}
