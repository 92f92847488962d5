import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { Club } from '../club/club.entity';
import { Field, ObjectType } from 'type-graphql';
import { Personal } from '../../auth/personal-data';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { Member } from '../member/member.entity';
import { AwardKind, AwardRecipientKind } from './award.enums';

/** An award to exactly one recipient: a club, a member, or the association of an administrative unit. */
@ObjectType({ implements: Node, description: 'An award (Bằng khen, Giấy khen…) to a club, a member or a unit\'s association.', simpleResolvers: true })
@Entity({ tableName: 'award' })
@Check({
  name: 'award_one_recipient',
  expression: `(recipient_kind = 'CLUB' and club_id is not null and member_id is null and association_unit_id is null)
    or (recipient_kind = 'MEMBER' and member_id is not null and club_id is null and association_unit_id is null)
    or (recipient_kind = 'ASSOCIATION' and association_unit_id is not null and club_id is null and member_id is null)`,
})
export class Award extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('Award', this.id);
  }

  @Field(() => AwardKind)
  @Enum(() => AwardKind)
  kind!: AwardKind;

  @Field({ description: 'The body that granted it, e.g. "UBND tỉnh Hà Tĩnh".' })
  @Property({ length: 300 })
  issuer!: string;

  @Field(() => String, { nullable: true })
  @Property({ length: 100, nullable: true })
  decisionNumber?: string;

  @Field(() => DateScalar)
  @Property({ type: 'date', index: true })
  grantedOn!: string;

  @Field(() => AwardRecipientKind)
  @Enum(() => AwardRecipientKind)
  recipientKind!: AwardRecipientKind;

  @ManyToOne(() => Club, { nullable: true, index: true })
  club?: Rel<Club>;

  @ManyToOne(() => Member, { nullable: true, index: true })
  member?: Rel<Member>;

  @ManyToOne(() => AdminUnit, { nullable: true, index: true })
  associationUnit?: Rel<AdminUnit>;

  @Field(() => String, { nullable: true, description: 'Personal data: free text that may speak of members.' })
  @Personal()
  @Property({ length: 1000, nullable: true })
  reason?: string;
}
