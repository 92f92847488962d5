import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { runWrite } from '../shared/write';
import { SupervisionVisit } from './supervision-visit.entity';
import { applyVisit, checkVisit } from './supervision-visit.writes';
import { RecordSupervisionVisitInput } from './supervision.write-inputs';

@ObjectType()
export class SupervisionVisitPayload {
  @Field(() => SupervisionVisit)
  visit!: SupervisionVisit;
}

@Resolver()
export class SupervisionMutations {
  @Mutation(() => SupervisionVisitPayload, { description: "Records a supervision visit to a club in the caller's area (refused in an approved month)." })
  recordSupervisionVisit(@Arg('input') input: RecordSupervisionVisitInput, @Ctx() ctx: HubContext): Promise<SupervisionVisitPayload> {
    return runWrite(ctx, 'recordSupervisionVisit', async (tx) => ({ visit: applyVisit(tx, await checkVisit(tx, input)) }));
  }
}
