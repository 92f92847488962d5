import { Entity, Enum, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { Member } from '../member/member.entity';

/** A training course for club boards, organised at a level by a unit's association (no unit: national). */
@ObjectType({ implements: Node, description: 'A training course for club boards.', simpleResolvers: true })
@Entity({ tableName: 'training_course' })
export class TrainingCourse extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('TrainingCourse', this.id);
  }

  @Field()
  @Property({ length: 300 })
  title!: string;

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  topics: string[] = [];

  @Field(() => UnitLevel, { description: 'Level of the organising association (NATION, PROVINCE, DISTRICT, COMMUNE).' })
  @Enum(() => UnitLevel)
  organiserLevel!: UnitLevel;

  @ManyToOne(() => AdminUnit, { nullable: true, index: true })
  organiserUnit?: Rel<AdminUnit>;

  @Field(() => DateScalar)
  @Property({ type: 'date', index: true })
  startsOn!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  endsOn!: string;
}

/** A member (usually of a club's board) who attended a course. */
@Entity({ tableName: 'trainee' })
@Unique({ properties: ['course', 'member'] })
export class Trainee {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => TrainingCourse)
  course!: Rel<TrainingCourse>;

  @ManyToOne(() => Member, { index: true })
  member!: Rel<Member>;
}
