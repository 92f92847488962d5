import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Programme } from '../club/club.enums';

/**
 * A trainee row with what the indicator statement counts it by (migration trainee_fact): its course's start day,
 * the start day of the member's previous course (in start-day then course order; null: none), the member's
 * club, board role and membership, and that club's dates, communes and programme. Kept by statement-level
 * triggers on trainee, training_course, member and club,
 * rebuilt by `select rebuild_trainee_facts()`. A member trained in P is counted once, at the first course of P:
 * the one whose previous course started before P — so the statement neither reads members nor counts distinct.
 */
@Entity({ tableName: 'trainee_fact' })
@Index({
  name: 'trainee_fact_starts_on_idx',
  expression: 'create index "trainee_fact_starts_on_idx" on "trainee_fact" ("starts_on") include ("prev_starts_on", "club_id", "board", "joined_on", "left_on", "founded_on", "dissolved_on", "commune_pre2025_id", "commune_post2025_id", "programme")',
})
export class TraineeFact {
  @PrimaryKey({ type: 'integer', fieldName: 'member_id' })
  memberId!: number;

  @PrimaryKey({ type: 'integer', fieldName: 'course_id' })
  courseId!: number;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  prevStartsOn?: string;

  @Property({ type: 'integer', fieldName: 'club_id' })
  clubId!: number;

  /** The member holds a board role (any). */
  @Property({ type: 'boolean' })
  board!: boolean;

  @Property({ type: 'date' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn?: string;

  /** The member's club as the statement reads it: its dates (active in P), communes (where it counts) and programme. */
  @Property({ type: 'date' })
  foundedOn!: string;

  @Property({ type: 'date', nullable: true })
  dissolvedOn?: string;

  @Property({ type: 'integer', fieldName: 'commune_pre2025_id', nullable: true })
  communePre2025Id?: number;

  @Property({ type: 'integer', fieldName: 'commune_post2025_id', nullable: true })
  communePost2025Id?: number;

  @Enum({ items: () => Programme })
  programme!: Programme;
}
