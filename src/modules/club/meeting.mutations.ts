import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { MeetingPayload } from './club.payloads';
import { recordMeeting } from './meeting.service';
import { RecordMeetingInput } from './meeting.write-inputs';

@Resolver()
export class MeetingMutations {
  @Mutation(() => MeetingPayload, { description: "Records a club's meeting." })
  async recordMeeting(@Arg('input') input: RecordMeetingInput, @Ctx() ctx: HubContext): Promise<MeetingPayload> {
    return { meeting: await recordMeeting(ctx, input) };
  }
}
