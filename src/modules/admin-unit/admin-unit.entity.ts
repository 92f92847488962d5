import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { AdminStructure, UnitLevel, UnitType } from './admin-unit.enums';

/**
 * An official administrative unit of one structure. Identity is (structure, code) because the 2025 reform
 * reused codes. `path` is the codes from the province down joined by '/', so everything under a unit is
 * one indexed prefix query.
 */
@Entity({ tableName: 'admin_unit' })
@Unique({ properties: ['structure', 'code'] })
@Index({ name: 'admin_unit_path_prefix_idx', expression: 'create index "admin_unit_path_prefix_idx" on "admin_unit" ("path" text_pattern_ops)' })
@Index({
  name: 'admin_unit_name_trgm_idx',
  expression: 'create index "admin_unit_name_trgm_idx" on "admin_unit" using gin (immutable_unaccent(lower("name")) gin_trgm_ops)',
})
export class AdminUnit {
  @PrimaryKey()
  id!: number;

  @Enum(() => AdminStructure)
  structure!: AdminStructure;

  @Property({ length: 5 })
  code!: string;

  @Property({ length: 100 })
  name!: string;

  @Enum(() => UnitType)
  type!: UnitType;

  @Enum(() => UnitLevel)
  level!: UnitLevel;

  @ManyToOne(() => AdminUnit, { nullable: true, index: true })
  parent?: Rel<AdminUnit>;

  @Property({ length: 20 })
  path!: string;

  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string;
}

/** One row of the official 2025 conversion table: an old unit (PRE_2025) that went, wholly or partly, into a new one. */
@Entity({ tableName: 'admin_unit_crosswalk' })
@Unique({ properties: ['oldUnit', 'newUnit'] })
export class AdminUnitCrosswalk {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => AdminUnit)
  oldUnit!: Rel<AdminUnit>;

  @ManyToOne(() => AdminUnit, { index: true })
  newUnit!: Rel<AdminUnit>;

  @Enum(() => UnitLevel)
  level!: UnitLevel;

  /** Only part of the old unit went into the new one (the old unit was split). */
  @Property({ default: false })
  partial!: boolean;
}
