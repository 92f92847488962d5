import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';
import { AwardKind, AwardRecipientKind } from './award.enums';

/** An award to exactly one recipient: a club, a member, or the association of an administrative unit. */
@Entity({ tableName: 'award' })
@Check({
  name: 'award_one_recipient',
  expression: `(recipient_kind = 'CLUB' and club_id is not null and member_id is null and association_unit_id is null)
    or (recipient_kind = 'MEMBER' and member_id is not null and club_id is null and association_unit_id is null)
    or (recipient_kind = 'ASSOCIATION' and association_unit_id is not null and club_id is null and member_id is null)`,
})
export class Award {
  @PrimaryKey()
  id!: number;

  @Enum(() => AwardKind)
  kind!: AwardKind;

  @Property({ length: 300 })
  issuer!: string;

  @Property({ length: 100, nullable: true })
  decisionNumber?: string;

  @Property({ type: 'date', index: true })
  grantedOn!: string;

  @Enum(() => AwardRecipientKind)
  recipientKind!: AwardRecipientKind;

  @ManyToOne(() => Club, { nullable: true, index: true })
  club?: Rel<Club>;

  @ManyToOne(() => Member, { nullable: true, index: true })
  member?: Rel<Member>;

  @ManyToOne(() => AdminUnit, { nullable: true, index: true })
  associationUnit?: Rel<AdminUnit>;

  @Property({ length: 1000, nullable: true })
  reason?: string;
}
