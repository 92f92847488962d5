import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';
import { HomeCareHelp } from './health.enums';

/**
 * A home-care visit: a volunteer member of a club visits a member who can no longer come. That someone needs
 * care is health data, so visits are special category like health checks (health-access.ts).
 */
@ObjectType({ implements: Node, description: 'A home-care visit by a volunteer to a member (special category: needs the health permission; every read is audited).', simpleResolvers: true })
@Entity({ tableName: 'home_care_visit' })
@Unique({ properties: ['volunteer', 'visited', 'visitedOn'] })
@Index({ properties: ['club', 'visitedOn'] })
@Index({ properties: ['visited', 'visitedOn'] })
export class HomeCareVisit extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('HomeCareVisit', this.id);
  }

  /** The visited member's club. */
  @ManyToOne(() => Club, { deleteRule: 'cascade' })
  club!: Rel<Club>;

  @ManyToOne(() => Member, { deleteRule: 'cascade' })
  volunteer!: Rel<Member>;

  @ManyToOne(() => Member, { deleteRule: 'cascade' })
  visited!: Rel<Member>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  visitedOn!: string;

  @Field(() => HomeCareHelp)
  @Enum({ items: () => HomeCareHelp })
  help!: HomeCareHelp;

  @Field(() => Int)
  @Property({ version: true })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
