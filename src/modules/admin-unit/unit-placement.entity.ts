import { Entity, Enum, Index, ManyToOne, PrimaryKeyProp, Rel } from '@mikro-orm/core';
import { AdminUnit } from './admin-unit.entity';
import { AdminStructure, UnitLevel } from './admin-unit.enums';

/**
 * Where a unit counts in each structure: in its own, itself; in the other, the deepest unit that contains every
 * commune its communes went into (or came from) by the official 2025 crosswalk — a new ward made of communes
 * of two old districts counts in their old province, one made of a single old commune in that commune, one
 * whose communes span provinces in the nation only. So a figure is never attributed to a unit that might not
 * contain it. With the placed unit's province and district, a figure rolls up to any level in one lookup.
 *
 * Reference data derived from the units and the crosswalk: `rebuild_unit_placement()` (see the
 * unit_placement migration) fills it whenever the reference units are loaded.
 */
@Entity({ tableName: 'unit_placement' })
// Indicator statements roll their rows up through it: read by index only, a few hundred rows are merged in key
// order instead of hashing a structure's 14,000 placements (migration unit_placement_covering).
@Index({
  name: 'unit_placement_rollup_idx',
  expression: 'create index "unit_placement_rollup_idx" on "unit_placement" ("structure", "unit_id") include ("province_id", "placed_id", "district_id", "placed_level")',
})
export class UnitPlacement {
  [PrimaryKeyProp]?: ['structure', 'unit'];

  /** The structure the unit is placed in. */
  @Enum({ items: () => AdminStructure, primary: true })
  structure!: AdminStructure;

  @ManyToOne(() => AdminUnit, { primary: true, deleteRule: 'cascade' })
  unit!: Rel<AdminUnit>;

  /** Null: the nation (the units table holds no nation). */
  @ManyToOne(() => AdminUnit, { nullable: true, deleteRule: 'cascade' })
  placed?: Rel<AdminUnit>;

  @Enum({ items: () => UnitLevel })
  placedLevel!: UnitLevel;

  /** The placed unit's province (itself when a province); null when placed in the nation. */
  @ManyToOne(() => AdminUnit, { nullable: true, deleteRule: 'cascade' })
  province?: Rel<AdminUnit>;

  /** The placed unit's district (itself when a district); null above districts and in POST_2025. */
  @ManyToOne(() => AdminUnit, { nullable: true, deleteRule: 'cascade' })
  district?: Rel<AdminUnit>;
}
