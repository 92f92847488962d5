import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { Club } from '../club/club.entity';
import { BoardRole, LeaveReason, PovertyStatus, Sex } from './member.enums';

/**
 * A person's membership of one club. Personal fields (name, birth, ethnicity, poverty, disability, health
 * insurance) are sensitive. Many older people know only their year of birth, so `birthDate` is optional and
 * `birthYear` always set.
 */
@Entity({ tableName: 'member' })
@Index({ properties: ['club', 'joinedOn'] })
export class Member {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Club)
  club!: Rel<Club>;

  @Property({ length: 150 })
  fullName!: string;

  @Enum(() => Sex)
  sex!: Sex;

  @Property({ type: 'smallint' })
  birthYear!: number;

  @Property({ type: 'date', nullable: true })
  birthDate?: string;

  @Property({ length: 50, default: 'Kinh' })
  ethnicity: string = 'Kinh';

  @Enum(() => PovertyStatus)
  povertyStatus!: PovertyStatus;

  /** The year the poverty classification was made. */
  @Property({ type: 'smallint', nullable: true })
  povertyYear?: number;

  @Property({ default: false })
  disability: boolean = false;

  /** Holds a health-insurance card. */
  @Property({ default: false })
  healthInsurance: boolean = false;

  @Property({ type: 'date' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn?: string;

  @Enum({ items: () => LeaveReason, nullable: true })
  leaveReason?: LeaveReason;

  @Enum({ items: () => BoardRole, nullable: true })
  boardRole?: BoardRole;

  @Property({ default: false })
  homeCareVolunteer: boolean = false;

  @Property({ default: false })
  livelihoodMentor: boolean = false;

  @Property({ version: true })
  version!: number;
}
