import { Entity, Enum, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { Field, Float, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { Instrument } from './target.enums';

/** A policy target for one indicator over a period, for a unit (no unit: the nation). */
@ObjectType({ implements: Node, description: 'A policy target for one indicator over a period.' })
@Entity({ tableName: 'target' })
export class Target extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('Target', this.id);
  }

  @Field(() => Instrument)
  @Enum(() => Instrument)
  instrument!: Instrument;

  @Field({ description: 'Id of the indicator in the catalogue.' })
  @Property({ length: 64 })
  indicatorId!: string;

  @ManyToOne(() => AdminUnit, { nullable: true })
  unit?: Rel<AdminUnit>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  periodEnd!: string;

  @Field(() => Float, { description: "The target value in the indicator's unit (a count, a percentage or đồng)." })
  @Property({ type: 'decimal', precision: 20, scale: 4 })
  value!: string;
}
