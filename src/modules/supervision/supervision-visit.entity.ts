import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Personal } from '../../auth/personal-data';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { Club } from '../club/club.entity';
import { ActivityArea } from '../club/club.enums';
import { ClubRating } from './supervision.enums';

@ObjectType({ description: 'A checklist score of one activity area at a supervision visit.', simpleResolvers: true })
export class ActivityAreaScore {
  @Field(() => ActivityArea)
  area!: ActivityArea;

  @Field(() => Int, { description: '0 (absent) to 5 (exemplary).' })
  score!: number;
}

/** A supervision visit to a club by an association of some level: checklist scores per activity area and a rating. */
@ObjectType({ implements: Node, description: 'A supervision visit to a club by the association of a commune, district, province or the nation.', simpleResolvers: true })
@Entity({ tableName: 'supervision_visit' })
// A club's latest visit on or before a day, with its rating, is the first entry of one range (no sort, no table
// row): the supervision indicators probe it once per active club (migration supervision_latest_idx).
@Index({
  name: 'supervision_visit_latest_idx',
  expression: 'create index "supervision_visit_latest_idx" on "supervision_visit" ("club_id", "visited_on" desc, "id" desc) include ("rating")',
})
export class SupervisionVisit extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('SupervisionVisit', this.id);
  }

  @ManyToOne(() => Club, { deleteRule: 'cascade' })
  club!: Rel<Club>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  visitedOn!: string;

  /** The level of the visiting association (commune, district, province or the national association). */
  @Field(() => UnitLevel, { description: 'The level of the visiting association.' })
  @Enum({ items: () => UnitLevel })
  visitingLevel!: UnitLevel;

  /** Checklist score per activity area (ActivityArea → 0–5); areas not checked are absent. */
  @Property({ type: 'jsonb' })
  scores!: Record<string, number>;

  @Field(() => ClubRating)
  @Enum({ items: () => ClubRating })
  rating!: ClubRating;

  @Field(() => String, { nullable: true, description: 'Personal data: free text that may name members.' })
  @Personal()
  @Property({ type: 'text', nullable: true })
  notes?: string;

  @Field(() => Int)
  @Property({ version: true })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** The scores in the order of the activity areas. */
  @Field(() => [ActivityAreaScore], { description: 'Checklist scores of the areas checked, in the order of the activity areas.' })
  get checklist(): ActivityAreaScore[] {
    return Object.values(ActivityArea)
      .filter((area) => this.scores?.[area] !== undefined)
      .map((area) => ({ area, score: this.scores[area] }));
  }
}
