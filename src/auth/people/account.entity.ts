import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { AdminStructure } from '../../modules/admin-unit/admin-unit.enums';
import { Role } from '../viewer';

/**
 * A person who signs in: the same role and scope as an API key, an e-mail address as login. The password is
 * stored only as an Argon2id hash; the one-time set-password link only as a SHA-256 hash of its token.
 */
@Entity({ tableName: 'account' })
export class Account {
  @PrimaryKey()
  id!: number;

  /** Lower-cased, trimmed: the login. */
  @Property({ length: 254, unique: true })
  email!: string;

  @Property({ length: 200 })
  displayName!: string;

  @Property({ length: 200 })
  organisation!: string;

  @Enum(() => Role)
  role!: Role;

  @Enum({ items: () => AdminStructure, nullable: true })
  scopeStructure?: AdminStructure;

  @Property({ length: 5, nullable: true })
  scopeCode?: string;

  @Property({ default: true })
  active: boolean = true;

  /** The health permission: individual health records of the scope (ASSOCIATION accounts only). */
  @Property({ default: false })
  healthRecords: boolean = false;

  /** Argon2id (PHC string); null until the person has used the set-password link. */
  @Property({ type: 'text', nullable: true })
  passwordHash?: string;

  @Property({ length: 64, nullable: true, unique: true })
  setupTokenHash?: string;

  @Property({ type: 'timestamptz', nullable: true })
  setupExpiresAt?: Date;

  /** Base32 TOTP secret (needed in clear to check codes); used only when totpEnabled. */
  @Property({ length: 64, nullable: true })
  totpSecret?: string;

  @Property({ default: false })
  totpEnabled: boolean = false;

  /** The last TOTP time step accepted, so a code cannot be replayed. */
  @Property({ type: 'bigint', nullable: true })
  totpLastStep?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  disabledAt?: Date;
}

/** A signed-in browser: the cookie holds a random token, the row only its SHA-256. */
@Entity({ tableName: 'account_session' })
export class AccountSession {
  @PrimaryKey()
  id!: number;

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @Index()
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The absolute end (created + SESSION_ABSOLUTE_HOURS). */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date;

  /** signOut, idle, expired, disabled, passwordChanged, endedByOwner, endedByAdmin. */
  @Property({ length: 32, nullable: true })
  endReason?: string;

  @Property({ length: 64, nullable: true })
  address?: string;
}

/** One-time recovery codes for the second factor, stored as SHA-256 (they are 80-bit random). */
@Entity({ tableName: 'account_recovery_code' })
export class AccountRecoveryCode {
  @PrimaryKey()
  id!: number;

  @Index()
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property({ length: 64 })
  codeHash!: string;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date;
}

/** Failed sign-ins, counted per e-mail and per address over a sliding window (shared by every hub instance). */
@Entity({ tableName: 'sign_in_failure' })
@Index({ properties: ['email', 'at'] })
@Index({ properties: ['address', 'at'] })
export class SignInFailure {
  @PrimaryKey()
  id!: number;

  @Property({ length: 254 })
  email!: string;

  @Property({ length: 64 })
  address!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;
}
