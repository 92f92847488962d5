import { Field, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { Programme } from './club.enums';

@InputType({ description: 'A new club. Its commune: see moveClub for how the two structures are kept consistent.' })
export class CreateClubInput {
  @Field({ description: 'The club code, unique nationally; the stable id of the club in CSV files.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  village?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of its PRE_2025 commune (clubs founded before 1 July 2025).' })
  communePre2025?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of its POST_2025 commune; implied by the PRE_2025 one when the crosswalk is unambiguous.' })
  communePost2025?: string | null;

  @Field(() => DateScalar)
  foundedOn!: string;

  @Field(() => String, { nullable: true })
  foundingDecision?: string | null;

  @Field(() => Programme)
  programme!: Programme;

  @Field(() => Int, { nullable: true })
  meetingDay?: number | null;
}

@InputType({ description: 'Changes to a club; fields left out keep their value, null clears an optional one.' })
export class UpdateClubInput {
  @Field({ description: 'The club to change.' })
  code!: string;

  @Field(() => Int, { description: 'The version you read; a stale one fails with CONFLICT and changes nothing.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  village?: string | null;

  @Field(() => DateScalar, { nullable: true })
  foundedOn?: string | null;

  @Field(() => String, { nullable: true })
  foundingDecision?: string | null;

  @Field(() => Programme, { nullable: true })
  programme?: Programme | null;

  @Field(() => Int, { nullable: true })
  meetingDay?: number | null;
}

@InputType()
export class SuspendClubInput {
  @Field()
  code!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => DateScalar, { description: 'The day activities stopped.' })
  suspendedOn!: string;
}

@InputType()
export class DissolveClubInput {
  @Field()
  code!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => DateScalar, { description: 'The day of dissolution; open memberships end on it (reason CLUB_DISSOLVED).' })
  dissolvedOn!: string;
}

@InputType({
  description:
    'A club moved to another commune. A PRE_2025 commune implies its POST_2025 commune when the 2025 crosswalk gives exactly one ' +
    'whole successor; otherwise give both. A club founded before 1 July 2025 needs its PRE_2025 commune (implied by a POST_2025 ' +
    'commune formed from exactly one old commune); one founded later has none.',
})
export class MoveClubInput {
  @Field()
  code!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  communePre2025?: string | null;

  @Field(() => String, { nullable: true })
  communePost2025?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day of the move (default today in Vietnam); not in the future, nor before the club's founding or its last move. Its month and every later one are claimed by the period lock.",
  })
  movedOn?: string | null;
}
