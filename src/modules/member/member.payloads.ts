import { Field, ObjectType } from 'type-graphql';
import { Member } from './member.entity';

@ObjectType({ description: 'The member as written, and any chair who became a board member in the same write.' })
export class MemberPayload {
  @Field(() => Member)
  member!: Member;

  @Field(() => [Member], { description: 'Former chairs made BOARD_MEMBER by replaceChair (empty otherwise).' })
  demotedChairs!: Member[];
}
