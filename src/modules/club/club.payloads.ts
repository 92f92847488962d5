import { Field, Int, ObjectType } from 'type-graphql';
import { Club, Meeting } from './club.entity';

@ObjectType({ description: 'The club as written.' })
export class ClubPayload {
  @Field(() => Club)
  club!: Club;
}

@ObjectType({ description: 'The dissolved club and how many open memberships ended with it.' })
export class DissolveClubPayload {
  @Field(() => Club)
  club!: Club;

  @Field(() => Int, { description: 'Open memberships closed on the dissolution date (reason CLUB_DISSOLVED).' })
  closedMemberships!: number;
}

@ObjectType({ description: 'The meeting as recorded.' })
export class MeetingPayload {
  @Field(() => Meeting)
  meeting!: Meeting;
}
