import { Entity, Enum, ManyToOne, OneToOne, Property, Rel } from '@mikro-orm/core';
import { AdminUnit } from './admin-unit.entity';
import { AdminStructure } from './admin-unit.enums';

/**
 * Open (not dissolved) clubs and their current members per commune of either structure, kept exact inside
 * every write's transaction by triggers on `club_summary` (see the commune_summary migration). Today's
 * counts of any unit sum these rows — a province's a few hundred, the nation's ten thousand — instead of
 * every club; a row per commune rather than per province keeps concurrent writes in different communes
 * from waiting on each other.
 */
@Entity({ tableName: 'commune_summary' })
export class CommuneSummary {
  @OneToOne(() => AdminUnit, { primary: true, deleteRule: 'cascade', fieldName: 'commune_id' })
  commune!: Rel<AdminUnit>;

  @Enum({ items: () => AdminStructure })
  structure!: AdminStructure;

  /** The province the commune lies in (same structure), for sums by province. */
  @ManyToOne(() => AdminUnit, { deleteRule: 'cascade' })
  province!: Rel<AdminUnit>;

  @Property({ default: 0 })
  clubs!: number;

  @Property({ default: 0 })
  members!: number;
}
