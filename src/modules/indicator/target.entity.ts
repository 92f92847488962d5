import { Entity, Enum, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { Instrument } from './target.enums';

/** A policy target for one indicator over a period, for a unit (no unit: the nation). */
@Entity({ tableName: 'target' })
export class Target {
  @PrimaryKey()
  id!: number;

  @Enum(() => Instrument)
  instrument!: Instrument;

  /** Id of the indicator in the catalogue, e.g. "new_clubs_1336". */
  @Property({ length: 64 })
  indicatorId!: string;

  @ManyToOne(() => AdminUnit, { nullable: true })
  unit?: Rel<AdminUnit>;

  @Property({ type: 'date' })
  periodStart!: string;

  @Property({ type: 'date' })
  periodEnd!: string;

  /** The target value in the indicator's unit (a count, a percentage or đồng). */
  @Property({ type: 'decimal', precision: 20, scale: 4 })
  value!: string;
}
