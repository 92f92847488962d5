import { Entity, Enum, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { Member } from '../member/member.entity';

/** A training course for club boards, organised at a level by a unit's association (no unit: national). */
@Entity({ tableName: 'training_course' })
export class TrainingCourse {
  @PrimaryKey()
  id!: number;

  @Property({ length: 300 })
  title!: string;

  @Property({ type: 'text[]', default: '{}' })
  topics: string[] = [];

  @Enum(() => UnitLevel)
  organiserLevel!: UnitLevel;

  @ManyToOne(() => AdminUnit, { nullable: true, index: true })
  organiserUnit?: Rel<AdminUnit>;

  @Property({ type: 'date', index: true })
  startsOn!: string;

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
