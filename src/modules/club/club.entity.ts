import type { ClubPlace } from '../admin-unit/unit-scope';
import { ownerOf } from '../shared/record-owner';
import { Check, Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { ActivityArea, ClubStatus, Programme } from './club.enums';

/**
 * A club, attached to its commune in each structure it lived in: clubs founded before 1 July 2025 have both,
 * clubs founded after it only a POST_2025 commune.
 */
@Directive('@key(fields: "code")')
@ObjectType({ implements: Node, description: 'An Intergenerational Self-Help Club (Câu lạc bộ liên thế hệ tự giúp nhau).', simpleResolvers: true })
@Entity({ tableName: 'club' })
@Index({
  name: 'club_name_trgm_idx',
  expression: 'create index "club_name_trgm_idx" on "club" using gin (immutable_unaccent(lower("name")) gin_trgm_ops)',
})
export class Club extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('Club', this.id);
  }

  @Field({ description: 'The club code, unique nationally.' })
  @Property({ length: 32, unique: true })
  code!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Thôn, bản, ấp or tổ dân phố where the club meets.' })
  @Property({ length: 200, nullable: true })
  village?: string;

  @ManyToOne(() => AdminUnit, { nullable: true, index: true })
  communePre2025?: Rel<AdminUnit>;

  @ManyToOne(() => AdminUnit, { nullable: true, index: true })
  communePost2025?: Rel<AdminUnit>;

  /** The day the club came to its present communes (moveClub's date); null: where it was founded. */
  @Property({ type: 'date', nullable: true })
  placedOn?: string | null;

  @Field(() => DateScalar)
  @Property({ type: 'date', index: true })
  foundedOn!: string;

  @Field(() => String, { nullable: true, description: 'Number of the founding decision, e.g. "45/QĐ-UBND".' })
  @Property({ length: 100, nullable: true })
  foundingDecision?: string;

  @Field(() => Programme)
  @Enum({ items: () => Programme, index: true })
  programme!: Programme;

  @Field(() => ClubStatus)
  @Enum({ items: () => ClubStatus, default: ClubStatus.ACTIVE })
  status: ClubStatus = ClubStatus.ACTIVE;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  suspendedOn?: string;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true, index: true })
  dissolvedOn?: string;

  /** Its communes as ids, for access checks on unit paths. */
  get place(): ClubPlace {
    return ownerOf(this).place;
  }

  @Field(() => Int, { nullable: true, description: 'Usual day of the month of the monthly meeting (1–31).' })
  @Property({ type: 'smallint', nullable: true })
  meetingDay?: number;

  @Field(() => Int, { description: 'Increases with every change; updates must name the version they read (expectedVersion).' })
  @Property({ version: true })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * Where a club was before each move: its communes over [validFrom, validUntil), validUntil being the day of the
 * move (its first place starts at -infinity). Written by a trigger on `club` when its communes change, so a
 * figure for a past month places a club where it was at the month's end, and an approved month stays put
 * when the club moves later. The present place is the club row itself (see clubCommuneAtSql).
 */
@Entity({ tableName: 'club_place_history' })
@Index({ properties: ['club', 'validUntil'] })
export class ClubPlaceHistory {
  @ManyToOne(() => Club, { primary: true, deleteRule: 'cascade' })
  club!: Rel<Club>;

  @PrimaryKey({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date' })
  validUntil!: string;

  @Property({ type: 'integer', nullable: true, fieldName: 'commune_pre2025_id' })
  communePre2025Id?: number;

  @Property({ type: 'integer', nullable: true, fieldName: 'commune_post2025_id' })
  communePost2025Id?: number;
}

/** One monthly meeting of a club. */
@ObjectType({ implements: Node, description: 'One monthly meeting of a club.', simpleResolvers: true })
@Entity({ tableName: 'meeting' })
@Index({ properties: ['club', 'heldOn'] })
export class Meeting extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('Meeting', this.id);
  }

  @ManyToOne(() => Club)
  club!: Rel<Club>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  heldOn!: string;

  @Field(() => Int, { description: 'Members present.' })
  @Property({ type: 'smallint' })
  attendance!: number;

  @Field(() => [ActivityArea], { description: 'Activity areas the meeting covered.' })
  @Enum({ items: () => ActivityArea, array: true, default: [] })
  activityAreas: ActivityArea[] = [];
}

/**
 * Current members (open memberships) of a club, kept exact inside every write's transaction by triggers on
 * `member` (see the club_summary migration). Dashboards sum it instead of counting every member. The club's
 * communes and whether it is open (not dissolved) are copied from `club` by trigger: each change of a row
 * here is the change a commune's totals need (see CommuneSummary).
 */
@Entity({ tableName: 'club_summary' })
@Check({ name: 'club_summary_members_check', expression: 'members >= 0' })
export class ClubSummary {
  @OneToOne(() => Club, { primary: true, deleteRule: 'cascade', fieldName: 'club_id' })
  club!: Rel<Club>;

  @Property({ default: 0 })
  members!: number;

  @Property({ type: 'integer', nullable: true, fieldName: 'commune_pre2025_id' })
  communePre2025Id?: number;

  @Property({ type: 'integer', nullable: true, fieldName: 'commune_post2025_id' })
  communePost2025Id?: number;

  @Property({ default: true })
  open!: boolean;
}

/**
 * A club's state at the end of a month — members in the categories the indicators count, meetings and funds
 * to date, its funds' capital and loans, its recent borrowers, its supervision — for each month in which
 * something changed (a member joined, left or turned 60, a meeting was held, a fund opened, money moved, a loan
 * was disbursed, fell due, went 30 days past due or closed, a borrower's 12 months ran out, the club was visited
 * or a visit's 12 months ran out); each row holds until the club's next row (`until`), so the state of every
 * club at a day is one range scan of a covering index rather than one probe per club. Kept exact by
 * statement-level triggers on `member`, `meeting`, `fund`, `fund_transaction`, `loan` and `supervision_visit`
 * (rebuilding the clubs a statement touched), so indicator tables need not pass over every membership, ledger
 * entry, loan or visit.
 */
@Entity({ tableName: 'club_month' })
@Index({
  name: 'club_month_until_idx',
  expression:
    'create index "club_month_until_idx" on "club_month" ("until", "month") include ("club_id", "members", "older", "women", ' +
    '"older_women", "poor_near_poor", "volunteers", "board", "meetings_to_date", "income_generation_funds", "activity_funds", ' +
    '"capital", "ig_capital", "loans_disbursed", "amount_disbursed", "loans_due", "loans_on_time", "loans_outstanding", ' +
    '"outstanding", "overdue30", "borrowers12m", "supervised12m", "rated", "weak")',
})
export class ClubMonth {
  @ManyToOne(() => Club, { primary: true, deleteRule: 'cascade' })
  club!: Rel<Club>;

  /** The first day of the month. */
  @PrimaryKey({ type: 'date' })
  month!: string;

  /** The first day of the club's next row's month ('infinity' for its last row): the row holds for days before it. */
  @Property({ type: 'date' })
  until!: string;

  @Property({ type: 'integer' })
  members!: number;

  @Property({ type: 'integer' })
  older!: number;

  @Property({ type: 'integer' })
  women!: number;

  @Property({ type: 'integer' })
  olderWomen!: number;

  @Property({ type: 'integer' })
  poorNearPoor!: number;

  @Property({ type: 'integer' })
  volunteers!: number;

  @Property({ type: 'integer' })
  board!: number;

  /** Meetings held up to the end of the month, since the club began. */
  @Property({ type: 'integer' })
  meetingsToDate!: number;

  /** Income-generation funds opened up to the end of the month. */
  @Property({ type: 'integer' })
  incomeGenerationFunds!: number;

  /** Activity funds opened up to the end of the month. */
  @Property({ type: 'integer' })
  activityFunds!: number;

  /** The capital of its funds at the end of the month (as the fund_capital indicator counts it), in đồng. */
  @Property({ type: 'bigint' })
  capital!: string;

  /** The same, of its income-generation funds. */
  @Property({ type: 'bigint' })
  igCapital!: string;

  /** Loans from its funds disbursed up to the end of the month, and their principal. */
  @Property({ type: 'integer' })
  loansDisbursed!: number;

  @Property({ type: 'bigint' })
  amountDisbursed!: string;

  /** Loans from its funds due up to the end of the month, and of those the ones repaid by their due date. */
  @Property({ type: 'integer' })
  loansDue!: number;

  @Property({ type: 'integer' })
  loansOnTime!: number;

  /** Loans from its funds outstanding at the end of the month, what they still owe, and what of it is over 30 days past due. */
  @Property({ type: 'integer' })
  loansOutstanding!: number;

  @Property({ type: 'bigint' })
  outstanding!: string;

  @Property({ type: 'bigint', fieldName: 'overdue30' })
  overdue30!: string;

  /** Its members at the end of the month who received a loan disbursed in the 12 months to it. */
  @Property({ type: 'integer', fieldName: 'borrowers12m' })
  borrowers12m!: number;

  /**
   * Supervision at the end of the month: a visit in the 12 months to it (1 or 0), a visit by then (every visit
   * has a rating), and the latest one by then rated WEAK (the latest by day, then as recorded).
   */
  @Property({ type: 'integer', fieldName: 'supervised12m' })
  supervised12m!: number;

  @Property({ type: 'integer' })
  rated!: number;

  @Property({ type: 'integer' })
  weak!: number;
}
