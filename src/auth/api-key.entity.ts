import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { AdminStructure } from '../modules/admin-unit/admin-unit.enums';
import { Role } from './viewer';

/**
 * An API key: shown once at creation, stored only as a SHA-256 hash of its secret (keys are 192-bit random,
 * so a fast hash is enough). `prefix` is a public, unique handle used to find the row and to name the key.
 */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  @PrimaryKey()
  id!: number;

  @Property({ length: 16, unique: true })
  prefix!: string;

  @Property({ length: 64 })
  secretHash!: string;

  @Property({ length: 200 })
  organisation!: string;

  @Enum(() => Role)
  role!: Role;

  @Enum({ items: () => AdminStructure, nullable: true })
  scopeStructure?: AdminStructure;

  /** Unit code of the scope; null: the whole nation. */
  @Property({ length: 5, nullable: true })
  scopeCode?: string;

  /** Only operations from schema/operations/ may be run with this key. */
  @Property({ default: false })
  persistedOperationsOnly: boolean = false;

  /** The health permission: individual health records of the scope (ASSOCIATION keys only; ADMIN has it). */
  @Property({ default: false })
  healthRecords: boolean = false;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Index()
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;
}
