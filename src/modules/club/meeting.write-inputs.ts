import { Field, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ActivityArea } from './club.enums';

@InputType({ description: 'One monthly meeting of a club.' })
export class RecordMeetingInput {
  @Field()
  clubCode!: string;

  @Field(() => DateScalar)
  heldOn!: string;

  @Field(() => Int, { description: 'Members present.' })
  attendance!: number;

  @Field(() => [ActivityArea], { defaultValue: [], description: 'Activity areas the meeting covered.' })
  activityAreas!: ActivityArea[];
}
