import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { AddTraineesPayload, TrainingCoursePayload } from './training.payloads';
import { addTrainees, createTrainingCourse } from './training.service';
import { AddTraineesInput, CreateTrainingCourseInput } from './training.write-inputs';

/** Courses: ADMIN, or an association for a course its own or a lower unit organised; trainees: for members of its area. */
@Resolver()
export class TrainingMutations {
  @Mutation(() => TrainingCoursePayload, { description: 'Records a training course.' })
  async createTrainingCourse(@Arg('input') input: CreateTrainingCourseInput, @Ctx() ctx: HubContext): Promise<TrainingCoursePayload> {
    return { course: await createTrainingCourse(ctx, input) };
  }

  @Mutation(() => AddTraineesPayload, { description: 'Records members who attended a course.' })
  addTrainees(@Arg('input') input: AddTraineesInput, @Ctx() ctx: HubContext): Promise<AddTraineesPayload> {
    return addTrainees(ctx, input);
  }
}
