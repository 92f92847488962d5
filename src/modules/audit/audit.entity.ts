import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from '../../auth/viewer';
import { toGlobalId } from '../../graphql/global-id';

/**
 * One write to one record, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): who (the key's
 * organisation, key id and role), when (the transaction's time), what (operation, record, the units it
 * belongs to) and the record before and after.
 */
@ObjectType({ description: 'One write to one record: who, when, what, and the record before and after. Append-only.' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['entityType', 'entityId'] })
// "Who read this person's health records": read entries by the person whose record was read.
@Index({ name: 'audit_entry_subject_idx', expression: 'create index "audit_entry_subject_idx" on "audit_entry" ("subject_member_id") where "subject_member_id" is not null' })
@Index({ name: 'audit_entry_units_idx', expression: 'create index "audit_entry_units_idx" on "audit_entry" using gin ("units")' })
export class AuditEntry {
  @PrimaryKey()
  id!: number;

  @Field(() => ID, { name: 'id', description: 'Entries are numbered in the order they were written.' })
  get entryId(): string {
    return String(this.id);
  }

  /** The transaction's start: every entry of one write has the same time. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at?: Date;

  @Field({ name: 'at', description: 'When the write was committed (ISO 8601, UTC).' })
  get atIso(): string {
    return (this.at instanceof Date ? this.at : new Date(String(this.at))).toISOString();
  }

  @Field(() => Role, { description: 'Role of the key that wrote.' })
  @Enum(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Organisation the key was issued to.' })
  @Property({ length: 200, nullable: true })
  organisation?: string | null;

  @Field(() => Int, { nullable: true, description: 'Id of the API key that wrote (see `npm run keys -- list`).' })
  @Property({ type: 'integer', nullable: true })
  keyId?: number | null;

  @Field(() => Int, { nullable: true, description: 'Id of the person (account) who wrote, when signed in rather than keyed.' })
  @Property({ type: 'integer', nullable: true })
  accountId?: number | null;

  @Field(() => String, { nullable: true, description: 'The request id (x-request-id) of the write; one import has one.' })
  @Property({ length: 64, nullable: true })
  requestId?: string | null;

  @Field({ description: 'The mutation (e.g. "updateClub") or import (e.g. "import:members") that wrote; "read:<path>" for a read of a health record.' })
  @Property({ length: 64 })
  operation!: string;

  @Field({ description: 'The type of the record: Club, Member, Meeting, Fund, FundTransaction, Loan, TrainingCourse, Trainee, Award, Target, HealthCheck, HomeCareVisit…; Account and ApiKey for people and keys (ADMIN only).' })
  @Property({ length: 32 })
  entityType!: string;

  @Property()
  entityId!: number;

  @Field(() => ID, { name: 'entityId', description: 'Global id of the record (as node(id:) takes it).' })
  get entityGlobalId(): string {
    return toGlobalId(this.entityType, this.entityId);
  }

  /** Whose record was read (a read entry of a health record: operation `read:…`); null for writes. */
  @Property({ type: 'integer', nullable: true })
  subjectMemberId?: number | null;

  @Field(() => ID, { name: 'subjectId', nullable: true, description: 'For a read of a health record (operation "read:…"): the global id of the member whose record was read.' })
  get subjectGlobalId(): string | null {
    return this.subjectMemberId ? toGlobalId('Member', this.subjectMemberId) : null;
  }

  @Field(() => [String], {
    description: 'Units the record belongs to, as STRUCTURE:CODE (its communes and every unit above; the nation is STRUCTURE:VN).',
  })
  @Property({ type: 'text[]' })
  units!: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record before the write; null when it was created.' })
  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record after the write; null when it was removed.' })
  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Why, when the write had to say (e.g. the reason given for unapproving data).' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;
}
