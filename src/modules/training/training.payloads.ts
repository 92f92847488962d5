import { Field, Int, ObjectType } from 'type-graphql';
import { TrainingCourse } from './training.entity';

@ObjectType()
export class TrainingCoursePayload {
  @Field(() => TrainingCourse)
  course!: TrainingCourse;
}

@ObjectType()
export class AddTraineesPayload {
  @Field(() => TrainingCourse)
  course!: TrainingCourse;

  @Field(() => Int, { description: 'Trainees added (members already listed are not counted).' })
  added!: number;
}
