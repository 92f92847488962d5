import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { Club } from '../club/club.entity';
import { ClubRating } from './supervision.enums';

/** A supervision visit to a club by an association of some level: checklist scores per activity area and a rating. */
@Entity({ tableName: 'supervision_visit' })
@Index({ properties: ['club', 'visitedOn'] })
export class SupervisionVisit {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Club, { deleteRule: 'cascade' })
  club!: Rel<Club>;

  @Property({ type: 'date' })
  visitedOn!: string;

  /** The level of the visiting association (commune, district, province or the national association). */
  @Enum({ items: () => UnitLevel })
  visitingLevel!: UnitLevel;

  /** Checklist score per activity area (ActivityArea → 0–5); areas not checked are absent. */
  @Property({ type: 'jsonb' })
  scores!: Record<string, number>;

  @Enum({ items: () => ClubRating })
  rating!: ClubRating;

  @Property({ type: 'text', nullable: true })
  notes?: string;

  @Property({ version: true })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
