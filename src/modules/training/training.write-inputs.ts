import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { UnitRef } from '../club/club.inputs';

@InputType({ description: 'A training course for club boards.' })
export class CreateTrainingCourseInput {
  @Field()
  title!: string;

  @Field(() => [String], { defaultValue: [] })
  topics!: string[];

  @Field(() => UnitRef, { nullable: true, description: "The unit whose association organised it; none: a national course (ADMIN only)." })
  organiser?: UnitRef | null;

  @Field(() => DateScalar, { description: 'Not in the future: the hub records courses that took place.' })
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;
}

@InputType({ description: 'Members who attended a course; members already listed are left as they are.' })
export class AddTraineesInput {
  @Field(() => ID)
  courseId!: string;

  @Field(() => [ID], { description: 'At most 500 members, each a member during the course.' })
  memberIds!: string[];
}
