import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';

/**
 * A unit's data approved for one month, at the unit's level in the structure in force that month (PRE_2025
 * before 1 July 2025, POST_2025 from then on). The row is the current state; unapproving deletes it, and the
 * audit log keeps both acts with who, when and why. A club's month is locked while its commune is approved.
 * A unit is (structure, code), the nation's code being VN: codes are reused across the two structures.
 */
@Entity({ tableName: 'approval' })
@Unique({ properties: ['structure', 'unitCode', 'month'] })
export class Approval {
  @PrimaryKey()
  id!: number;

  @Enum({ items: () => AdminStructure })
  structure!: AdminStructure;

  @Property({ length: 16 })
  unitCode!: string;

  @Enum({ items: () => UnitLevel })
  level!: UnitLevel;

  /** The first day of the month approved. */
  @Property({ type: 'date', index: true })
  month!: string;

  /** Who approved (the key's organisation and id, or the person). */
  @Property({ length: 200 })
  approvedBy!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  approvedAt: Date = new Date();
}
