import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { BoardRole, LeaveReason, PovertyStatus, Sex } from './member.enums';

@InputType({ description: 'A person joining a club.' })
export class AddMemberInput {
  @Field()
  clubCode!: string;

  @Field()
  fullName!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => Int)
  birthYear!: number;

  @Field(() => DateScalar, { nullable: true, description: 'When known; its year must be birthYear.' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Default: Kinh.' })
  ethnicity?: string | null;

  @Field(() => PovertyStatus)
  povertyStatus!: PovertyStatus;

  @Field(() => Int, { nullable: true, description: 'Year of the poverty classification.' })
  povertyYear?: number | null;

  @Field(() => Boolean, { nullable: true })
  disability?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  healthInsurance?: boolean | null;

  @Field(() => DateScalar)
  joinedOn!: string;

  @Field(() => BoardRole, { nullable: true })
  boardRole?: BoardRole | null;

  @Field(() => Boolean, { nullable: true })
  homeCareVolunteer?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  livelihoodMentor?: boolean | null;

  @Field(() => String, { nullable: true, description: "Your own id of this member, unique within the club (CSV member_ref)." })
  externalRef?: string | null;

  @Field({ defaultValue: false, description: 'With boardRole CHAIR: the current chair becomes a BOARD_MEMBER in the same write.' })
  replaceChair: boolean = false;

  @Field({
    defaultValue: false,
    description:
      'A person may be a current member of one club at a time: the same full name, birth year and sex in another club of the ' +
      'same commune is refused unless this is true (the hub holds no national id number).',
  })
  allowSecondClub: boolean = false;
}

@InputType({ description: "Corrections to a member's details; fields left out keep their value, null clears an optional one." })
export class UpdateMemberInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one fails with CONFLICT and changes nothing.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => String, { nullable: true })
  ethnicity?: string | null;

  @Field(() => PovertyStatus, { nullable: true })
  povertyStatus?: PovertyStatus | null;

  @Field(() => Int, { nullable: true })
  povertyYear?: number | null;

  @Field(() => Boolean, { nullable: true })
  disability?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  healthInsurance?: boolean | null;

  @Field(() => DateScalar, { nullable: true })
  joinedOn?: string | null;

  @Field(() => BoardRole, { nullable: true, description: 'null: not on the board.' })
  boardRole?: BoardRole | null;

  @Field(() => Boolean, { nullable: true })
  homeCareVolunteer?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  livelihoodMentor?: boolean | null;

  @Field(() => String, { nullable: true })
  externalRef?: string | null;

  @Field({ defaultValue: false, description: 'With boardRole CHAIR: the current chair becomes a BOARD_MEMBER in the same write.' })
  replaceChair: boolean = false;
}

@InputType({ description: 'The end of a membership.' })
export class RecordMemberLeavingInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => DateScalar)
  leftOn!: string;

  @Field(() => LeaveReason, { description: 'CLUB_DISSOLVED is set by dissolveClub only.' })
  reason!: LeaveReason;
}
