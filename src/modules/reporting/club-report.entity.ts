import { BigIntType, Entity, Enum, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { Club } from '../club/club.entity';
import { ActivityArea } from '../club/club.enums';
import { ReportSource } from './reporting.enums';

/**
 * A club's report for one month (one per club and month; re-submitting replaces it). Expected reports are not
 * stored: a club is expected for each month it was active (see the reporting indicators).
 */
@ObjectType({ description: "A club's monthly report: the month's figures, when and by whom they were submitted.", simpleResolvers: true })
@Entity({ tableName: 'club_report' })
@Unique({ properties: ['club', 'month'] })
export class ClubReport {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Club, { deleteRule: 'cascade' })
  club!: Rel<Club>;

  /** The first day of the month reported. */
  @Field(() => DateScalar, { description: 'The first day of the month reported.' })
  @Property({ type: 'date', index: true })
  month!: string;

  /** The day (in Vietnam) of the latest submission. */
  @Field(() => DateScalar, { description: 'The day (in Vietnam) of the latest submission.' })
  @Property({ type: 'date' })
  submittedOn!: string;

  /** The day of the first submission: timeliness counts it, so a later correction does not make a report late. */
  @Field(() => DateScalar, { description: 'The day of the first submission (timeliness counts it).' })
  @Property({ type: 'date' })
  firstSubmittedOn!: string;

  /** Who submitted it last (the key's organisation and id, or the person). */
  @Field({ description: "Who submitted it last: the key's organisation, or the person." })
  @Property({ length: 200 })
  submittedBy!: string;

  @Field(() => ReportSource)
  @Enum({ items: () => ReportSource })
  source!: ReportSource;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  meetingsHeld!: number;

  /** Members present, summed over the month's meetings. */
  @Field(() => Int, { description: 'Members present, summed over the month\'s meetings.' })
  @Property({ type: 'integer' })
  attendance!: number;

  @Field(() => [ActivityArea], { description: 'Activity areas the month\'s meetings covered.' })
  @Enum({ items: () => ActivityArea, array: true, default: [] })
  activityAreas: ActivityArea[] = [];

  @Field(() => Int, { description: 'Members who joined in the month.' })
  @Property({ type: 'smallint' })
  newMembers!: number;

  @Field(() => Int, { description: 'Members who left in the month.' })
  @Property({ type: 'smallint' })
  membersLeft!: number;

  @Field(() => Int, { description: "Volunteers' home-care visits in the month." })
  @Property({ type: 'integer' })
  homeCareVisits!: number;

  @Field(() => Int, { description: 'Health checks done in the month.' })
  @Property({ type: 'integer' })
  healthChecks!: number;

  /** The capital of the club's funds at the end of the month, in đồng. */
  @Field(() => MoneyScalar, { description: "The capital of the club's funds at the end of the month (đồng)." })
  @Property({ type: new BigIntType('bigint') })
  fundCapital!: bigint;

  @Field(() => Int, { description: 'Increases with every re-submission.' })
  @Property({ version: true })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
