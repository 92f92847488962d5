import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { UnitRef } from '../club/club.inputs';
import { AwardKind } from './award.enums';

@InputType({ description: 'An award to exactly one recipient: a club (clubCode), a member (memberId) or a unit\'s association (association).' })
export class GrantAwardInput {
  @Field(() => AwardKind)
  kind!: AwardKind;

  @Field({ description: 'The body that granted it, e.g. "UBND tỉnh Hà Tĩnh".' })
  issuer!: string;

  @Field(() => String, { nullable: true })
  decisionNumber?: string | null;

  @Field(() => DateScalar)
  grantedOn!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true })
  clubCode?: string | null;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => UnitRef, { nullable: true })
  association?: UnitRef | null;
}
