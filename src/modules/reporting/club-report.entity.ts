import { BigIntType, Entity, Enum, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { Club } from '../club/club.entity';
import { ActivityArea } from '../club/club.enums';
import { ReportSource } from './reporting.enums';

/**
 * A club's report for one month (one per club and month; re-submitting replaces it). Expected reports are not
 * stored: a club is expected for each month it was active (see the reporting indicators).
 */
@Entity({ tableName: 'club_report' })
@Unique({ properties: ['club', 'month'] })
export class ClubReport {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Club, { deleteRule: 'cascade' })
  club!: Rel<Club>;

  /** The first day of the month reported. */
  @Property({ type: 'date', index: true })
  month!: string;

  /** The day (in Vietnam) of the latest submission. */
  @Property({ type: 'date' })
  submittedOn!: string;

  /** The day of the first submission: timeliness counts it, so a later correction does not make a report late. */
  @Property({ type: 'date' })
  firstSubmittedOn!: string;

  /** Who submitted it last (the key's organisation and id, or the person). */
  @Property({ length: 200 })
  submittedBy!: string;

  @Enum({ items: () => ReportSource })
  source!: ReportSource;

  @Property({ type: 'smallint' })
  meetingsHeld!: number;

  /** Members present, summed over the month's meetings. */
  @Property({ type: 'integer' })
  attendance!: number;

  @Enum({ items: () => ActivityArea, array: true, default: [] })
  activityAreas: ActivityArea[] = [];

  @Property({ type: 'smallint' })
  newMembers!: number;

  @Property({ type: 'smallint' })
  membersLeft!: number;

  @Property({ type: 'integer' })
  homeCareVisits!: number;

  @Property({ type: 'integer' })
  healthChecks!: number;

  /** The capital of the club's funds at the end of the month, in đồng. */
  @Property({ type: new BigIntType('bigint') })
  fundCapital!: bigint;

  @Property({ version: true })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
