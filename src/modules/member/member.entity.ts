import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Personal } from '../../auth/personal-data';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { Club } from '../club/club.entity';
import { BoardRole, LeaveReason, PovertyStatus, Sex } from './member.enums';

/**
 * A person's membership of one club. Personal fields (name, birth, ethnicity, poverty, disability, health
 * insurance) are sensitive. Many older people know only their year of birth, so `birthDate` is optional and
 * `birthYear` always set.
 */
@ObjectType({ implements: Node, description: "A person's membership of one club.", simpleResolvers: true })
@Entity({ tableName: 'member' })
@Index({ properties: ['club', 'joinedOn'] })
@Index({
  name: 'member_club_dates_idx',
  expression:
    'create index "member_club_dates_idx" on "member" ("club_id") include ("joined_on", "left_on", "birth_year", "birth_date", "sex", "poverty_status")',
})
// A club's current members by name: each club's page of a member list is one short range of this index, and
// with the columns a roster shows carried in it (sex, birth year), an index-only scan that reads no table rows.
@Index({
  name: 'member_club_open_name_idx',
  expression:
    'create index "member_club_open_name_idx" on "member" ("club_id", "full_name", "id") include ("sex", "birth_year") where "left_on" is null',
})
// The submitter's own member id is unique within a club: re-uploading a register updates, never duplicates.
@Unique({
  name: 'member_club_external_ref_unique',
  expression: 'create unique index "member_club_external_ref_unique" on "member" ("club_id", "external_ref") where "external_ref" is not null',
})
export class Member extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('Member', this.id);
  }

  @ManyToOne(() => Club)
  club!: Rel<Club>;

  @Field(() => String, { nullable: true, description: 'Personal data.' })
  @Personal()
  @Property({ length: 150 })
  fullName!: string;

  @Field(() => Sex)
  @Enum(() => Sex)
  sex!: Sex;

  @Field(() => Int, { nullable: true, description: 'Personal data.' })
  @Personal()
  @Property({ type: 'smallint' })
  birthYear!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Personal data. Many older people know only their year of birth.' })
  @Personal()
  @Property({ type: 'date', nullable: true })
  birthDate?: string;

  @Field(() => String, { nullable: true, description: 'Personal data.' })
  @Personal()
  @Property({ length: 50, default: 'Kinh' })
  ethnicity: string = 'Kinh';

  @Field(() => PovertyStatus, { nullable: true, description: 'Personal data: household poverty classification.' })
  @Personal()
  @Enum(() => PovertyStatus)
  povertyStatus!: PovertyStatus;

  @Field(() => Int, { nullable: true, description: 'Personal data.' })
  @Personal()
  @Property({ type: 'smallint', nullable: true })
  povertyYear?: number;

  @Field(() => Boolean, { nullable: true, description: 'Personal data.' })
  @Personal()
  @Property({ default: false })
  disability: boolean = false;

  @Field(() => Boolean, { nullable: true, description: 'Personal data: holds a health-insurance card.' })
  @Personal()
  @Property({ default: false })
  healthInsurance: boolean = false;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  leftOn?: string;

  @Field(() => LeaveReason, { nullable: true, description: 'Personal data: why the membership ended (health, death…).' })
  @Personal()
  @Enum({ items: () => LeaveReason, nullable: true })
  leaveReason?: LeaveReason;

  @Field(() => BoardRole, { nullable: true, description: 'Role on the club board; null for other members.' })
  @Enum({ items: () => BoardRole, nullable: true })
  boardRole?: BoardRole;

  @Field()
  @Property({ default: false })
  homeCareVolunteer: boolean = false;

  @Field()
  @Property({ default: false })
  livelihoodMentor: boolean = false;

  @Field(() => String, { nullable: true, description: "The submitting association's own id of this member, unique within the club (CSV member_ref)." })
  @Property({ length: 64, nullable: true })
  externalRef?: string | null;

  @Field(() => Int, { description: 'Increases with every change; updates must name the version they read (expectedVersion).' })
  @Property({ version: true })
  version!: number;
}
