import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';
import { CareLevel, ICOPE_DOMAINS, ScreeningResult } from './health.enums';

/**
 * A health check of a member on a day: a blood pressure reading (and weight, height) and/or a WHO ICOPE step-1
 * screening of six domains, and whether the member was referred. Special-category data: every path to it goes
 * through health-access.ts (the health permission, and a read entry in the audit log).
 */
@ObjectType({ implements: Node, description: 'A health check of a member (special category: needs the health permission; every read is audited).', simpleResolvers: true })
@Entity({ tableName: 'health_check' })
@Unique({ properties: ['member', 'checkedOn'] })
@Index({ properties: ['club', 'checkedOn'] })
export class HealthCheck extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('HealthCheck', this.id);
  }

  /** The member's club (denormalised: access, the period lock and the audit log go by club). */
  @ManyToOne(() => Club, { deleteRule: 'cascade' })
  club!: Rel<Club>;

  @ManyToOne(() => Member, { deleteRule: 'cascade' })
  member!: Rel<Member>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  checkedOn!: string;

  @Field(() => Int, { nullable: true, description: 'Systolic blood pressure, mmHg.' })
  @Property({ type: 'smallint', nullable: true })
  systolic?: number | null;

  @Field(() => Int, { nullable: true, description: 'Diastolic blood pressure, mmHg.' })
  @Property({ type: 'smallint', nullable: true })
  diastolic?: number | null;

  @Field(() => Float, { nullable: true, description: 'Weight in kg (one decimal).' })
  @Property({ type: 'real', nullable: true })
  weightKg?: number | null;

  @Field(() => Int, { nullable: true, description: 'Height in cm.' })
  @Property({ type: 'smallint', nullable: true })
  heightCm?: number | null;

  @Field(() => ScreeningResult, { description: 'ICOPE step 1: cognition (memory and orientation).' })
  @Enum({ items: () => ScreeningResult, default: ScreeningResult.NOT_DONE })
  cognition: ScreeningResult = ScreeningResult.NOT_DONE;

  @Field(() => ScreeningResult, { description: 'ICOPE step 1: mobility (chair rise).' })
  @Enum({ items: () => ScreeningResult, default: ScreeningResult.NOT_DONE })
  mobility: ScreeningResult = ScreeningResult.NOT_DONE;

  @Field(() => ScreeningResult, { description: 'ICOPE step 1: nutrition (weight loss, appetite).' })
  @Enum({ items: () => ScreeningResult, default: ScreeningResult.NOT_DONE })
  nutrition: ScreeningResult = ScreeningResult.NOT_DONE;

  @Field(() => ScreeningResult, { description: 'ICOPE step 1: vision.' })
  @Enum({ items: () => ScreeningResult, default: ScreeningResult.NOT_DONE })
  vision: ScreeningResult = ScreeningResult.NOT_DONE;

  @Field(() => ScreeningResult, { description: 'ICOPE step 1: hearing.' })
  @Enum({ items: () => ScreeningResult, default: ScreeningResult.NOT_DONE })
  hearing: ScreeningResult = ScreeningResult.NOT_DONE;

  @Field(() => ScreeningResult, { description: 'ICOPE step 1: mood (depressive symptoms).' })
  @Enum({ items: () => ScreeningResult, default: ScreeningResult.NOT_DONE })
  mood: ScreeningResult = ScreeningResult.NOT_DONE;

  @Field({ description: 'Referred for further assessment or care.' })
  @Property({ default: false })
  referred: boolean = false;

  @Field(() => CareLevel, { nullable: true, description: 'The level of care referred to (set when referred).' })
  @Enum({ items: () => CareLevel, nullable: true })
  referralLevel?: CareLevel | null;

  @Field(() => Int)
  @Property({ version: true })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** An ICOPE screening: at least one domain done. */
  @Field({ description: 'An ICOPE step-1 screening: at least one domain done.' })
  get screened(): boolean {
    return ICOPE_DOMAINS.some((d) => this[d] !== ScreeningResult.NOT_DONE);
  }
}
