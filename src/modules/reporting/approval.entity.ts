import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';

/**
 * A unit's data approved for one month, at the unit's level in the structure in force that month (PRE_2025
 * before 1 July 2025, POST_2025 from then on). The row is the current state; unapproving deletes it, and the
 * audit log keeps both acts with who, when and why. A club's month is locked while its commune is approved.
 * A unit is (structure, code), the nation's code being VN: codes are reused across the two structures.
 */
@ObjectType({ description: "A unit's data approved for one month, at the unit's level in the structure in force that month." })
@Entity({ tableName: 'approval' })
@Unique({ properties: ['structure', 'unitCode', 'month'] })
export class Approval {
  @PrimaryKey()
  id!: number;

  @Field(() => AdminStructure)
  @Enum({ items: () => AdminStructure })
  structure!: AdminStructure;

  @Field({ description: 'The unit\'s code in its structure ("VN" for the nation).' })
  @Property({ length: 16 })
  unitCode!: string;

  @Field(() => UnitLevel)
  @Enum({ items: () => UnitLevel })
  level!: UnitLevel;

  /** The first day of the month approved. */
  @Property({ type: 'date', index: true })
  month!: string;

  @Field({ name: 'month', description: 'The month approved, e.g. "2024-03".' })
  get monthKey(): string {
    return String(this.month).slice(0, 7);
  }

  /** Who approved (the key's organisation and id, or the person). */
  @Field({ description: "Who approved: the key's organisation and id (or the person)." })
  @Property({ length: 200 })
  approvedBy!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  approvedAt: Date = new Date();

  @Field({ name: 'approvedAt', description: 'When (ISO 8601, UTC).' })
  get approvedAtIso(): string {
    return (this.approvedAt instanceof Date ? this.approvedAt : new Date(String(this.approvedAt))).toISOString();
  }
}
