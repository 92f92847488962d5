import { Entity, Enum, OneToOne, Property, Rel } from '@mikro-orm/core';
import { AdminUnit } from './admin-unit.entity';
import { AdminStructure } from './admin-unit.enums';

/**
 * Open clubs, their current members and the communes with clubs per province of either structure: the sums of
 * the province's CommuneSummary rows, kept by statement-level triggers on commune_summary in the same
 * transaction (see the province_summary migration), so a national dashboard reads 63 (or 34) rows instead of summing ten thousand. Writes in one
 * province wait on each other for this row until they commit; writes in different provinces do not.
 */
@Entity({ tableName: 'province_summary' })
export class ProvinceSummary {
  @OneToOne(() => AdminUnit, { primary: true, deleteRule: 'cascade', fieldName: 'province_id' })
  province!: Rel<AdminUnit>;

  @Enum({ items: () => AdminStructure })
  structure!: AdminStructure;

  @Property({ default: 0 })
  clubs!: number;

  @Property({ default: 0 })
  members!: number;

  /** Communes of the province with at least one open club. */
  @Property({ default: 0 })
  communesWithClubs!: number;
}
