import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { Award } from './award.entity';
import { grantAward } from './award.service';
import { GrantAwardInput } from './award.write-inputs';

@ObjectType()
export class AwardPayload {
  @Field(() => Award)
  award!: Award;
}

@Resolver()
export class AwardMutations {
  @Mutation(() => AwardPayload, { description: 'Records an award to a club, a member or a unit\'s association.' })
  async grantAward(@Arg('input') input: GrantAwardInput, @Ctx() ctx: HubContext): Promise<AwardPayload> {
    return { award: await grantAward(ctx, input) };
  }
}
