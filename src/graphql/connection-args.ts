import { ArgsType, Field, Int } from 'type-graphql';
import { PageArgs, PAGE_ARG_DESCRIPTIONS } from './pagination';

/** first/after/last/before on every connection field. */
@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, { nullable: true, description: PAGE_ARG_DESCRIPTIONS.first })
  first?: number | null;

  @Field(() => String, { nullable: true, description: PAGE_ARG_DESCRIPTIONS.after })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: PAGE_ARG_DESCRIPTIONS.last })
  last?: number | null;

  @Field(() => String, { nullable: true, description: PAGE_ARG_DESCRIPTIONS.before })
  before?: string | null;
}
