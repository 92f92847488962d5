import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Secret, TOTP } from 'otpauth';
import { PeopleSettings } from '../../config';
import { ErrorCode } from '../../errors';
import { AdminStructure } from '../../modules/admin-unit/admin-unit.enums';
import { UnitDirectory } from '../../modules/admin-unit/unit-directory';
import { Actor, actorOf, appendAccessEntry } from '../../modules/audit/audit.entry';
import { healthPermissionProblem } from '../api-keys';
import { mayReadHealthRecords, Role, Viewer } from '../viewer';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';

/** Milliseconds since the epoch; injected so tests can move time instead of waiting. */
export type Clock = () => number;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** last_seen_at is written at most this often per session: idle expiry is counted in minutes, not seconds. */
const TOUCH_EVERY_MS = 15_000;
const RECOVERY_CODES = 10;

/** A refusal with its HTTP status and GraphQL code (never carries a secret). */
export class PeopleError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const badInput = (message: string, field: string) => new PeopleError(ErrorCode.BAD_USER_INPUT, 400, message, { field });
const WRONG_CREDENTIALS = 'The e-mail address or the password is wrong';

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

interface AccountRow {
  id: number;
  email: string;
  display_name: string;
  organisation: string;
  role: Role;
  scope_structure: AdminStructure | null;
  scope_code: string | null;
  health_records: boolean;
  active: boolean;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: string | null;
}

/** What the API shows of an account. */
export interface AccountView {
  id: number;
  email: string;
  displayName: string;
  organisation: string;
  role: Role;
  scope: { structure: AdminStructure; code: string } | null;
  /** Holds the health permission (individual health records of its scope). */
  healthRecords: boolean;
  active: boolean;
  passwordSet: boolean;
  totpEnabled: boolean;
}

export interface SessionView {
  id: number;
  accountId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  address: string | null;
}

export interface NewAccount {
  email: string;
  displayName: string;
  organisation: string;
  role: Role;
  scope?: { structure: AdminStructure; code: string } | null;
  /** The health permission (ASSOCIATION only). */
  health?: boolean;
}

export interface SignedIn {
  token: string;
  session: SessionView;
  account: AccountView;
}

/** The request's session, as authentication found it. */
export interface CurrentSession {
  sessionId: number;
  viewer: Viewer;
}

function view(row: AccountRow): AccountView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    role: row.role,
    scope: row.scope_structure && row.scope_code ? { structure: row.scope_structure, code: row.scope_code } : null,
    healthRecords: row.health_records,
    active: row.active,
    passwordSet: row.password_hash !== null,
    totpEnabled: row.totp_enabled,
  };
}

function viewerOf(row: Pick<AccountRow, 'id' | 'role' | 'organisation' | 'scope_structure' | 'scope_code' | 'health_records'>): Viewer {
  // The same shape verifyApiKey builds for a key: every access rule downstream reads only this.
  return Object.freeze({
    role: row.role,
    organisation: row.organisation,
    keyId: null,
    accountId: row.id,
    scope: row.scope_structure && row.scope_code ? Object.freeze({ structure: row.scope_structure, code: row.scope_code }) : null,
    mayReadPersonalData: row.role === Role.ADMIN || row.role === Role.ASSOCIATION,
    mayReadHealthRecords: mayReadHealthRecords(row.role, row.health_records),
    persistedOperationsOnly: false,
  });
}

const ACCOUNT_COLUMNS = `id, email, display_name, organisation, role, scope_structure, scope_code, health_records, active, password_hash, totp_secret, totp_enabled, totp_last_step`;

/**
 * People's accounts, passwords and sessions. Sessions live in PostgreSQL and every request reads its session
 * joined with its account (one indexed statement), so a disabled account or an ended session is refused by
 * every hub instance on its next request — nothing is cached that could outlive it.
 */
export class PeopleService {
  constructor(
    private readonly em: EntityManager,
    private readonly units: UnitDirectory,
    readonly settings: PeopleSettings,
    readonly clock: Clock = Date.now,
  ) {}

  private now(): Date {
    return new Date(this.clock());
  }

  /** The transaction of the write in progress (see `atomically`), if any. */
  private readonly transaction = new AsyncLocalStorage<EntityManager>();

  private q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const tx = this.transaction.getStore();
    return (tx ?? this.em).getConnection().execute<T[]>(sql, params, 'all', tx?.getTransactionContext());
  }

  /** A write's statements, its audit entries included, in one transaction: all or nothing. */
  private atomically<T>(work: () => Promise<T>): Promise<T> {
    if (this.transaction.getStore()) return work();
    return this.em.transactional((tx) => this.transaction.run(tx as EntityManager, work));
  }

  /** One audit entry about an account (id 0 when no account matched). */
  private async audit(actor: Actor, operation: string, accountId: number, after: Record<string, unknown>, requestId: string | null): Promise<void> {
    await appendAccessEntry({ execute: (sql, params) => this.q(sql, params) }, actor, { operation, entityType: 'Account', entityId: accountId, after, requestId });
  }

  private who(by: Actor | Viewer): Actor {
    return 'mayReadPersonalData' in by ? actorOf(by) : by;
  }

  private selfActor(row: AccountRow): Actor {
    return { role: row.role, organisation: row.organisation, keyId: null, accountId: row.id };
  }

  private async accountById(id: number): Promise<AccountRow | undefined> {
    const [row] = await this.q<AccountRow>(`select ${ACCOUNT_COLUMNS} from account where id = ?`, [id]);
    return row;
  }

  async account(id: number): Promise<AccountView | null> {
    const row = await this.accountById(id);
    return row ? view(row) : null;
  }

  async listAccounts(): Promise<AccountView[]> {
    return (await this.q<AccountRow>(`select ${ACCOUNT_COLUMNS} from account order by id`)).map(view);
  }

  // ---- invitations ----

  /** Creates the account and its one-time set-password token (returned once; only its hash is kept). */
  async invite(input: NewAccount, by: Actor | Viewer, requestId: string | null = null): Promise<{ account: AccountView; token: string; expiresAt: Date }> {
    const email = normaliseEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw badInput('The e-mail address is not valid', 'email');
    const displayName = input.displayName.normalize('NFC').trim();
    if (!displayName || displayName.length > 200) throw badInput('The display name needs 1 to 200 characters', 'displayName');
    const organisation = input.organisation.normalize('NFC').trim();
    if (!organisation || organisation.length > 200) throw badInput('The organisation needs 1 to 200 characters', 'organisation');
    if (input.role === Role.ANONYMOUS) throw badInput('ANONYMOUS is what callers without an account get', 'role');
    if (input.role === Role.ASSOCIATION && !input.scope) throw badInput('An ASSOCIATION account needs a scope', 'scope');
    const healthProblem = healthPermissionProblem(input.role, input.health);
    if (healthProblem) throw badInput(healthProblem, 'health');
    if (input.scope && !this.units.find(input.scope.structure, input.scope.code)) {
      throw badInput(`No ${input.scope.structure} unit has the code "${input.scope.code}"`, 'scope');
    }
    const token = newToken();
    const expiresAt = new Date(this.clock() + this.settings.inviteHours * HOUR);
    return this.atomically(async () => {
      const rows = await this.q<AccountRow>(
        `insert into account (email, display_name, organisation, role, scope_structure, scope_code, health_records, setup_token_hash, setup_expires_at, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (email) do nothing returning ${ACCOUNT_COLUMNS}`,
        [email, displayName, organisation, input.role, input.scope?.structure ?? null, input.scope?.code ?? null, input.health ?? false, sha256(token), expiresAt, this.now()],
      );
      if (!rows[0]) throw new PeopleError(ErrorCode.CONFLICT, 409, 'An account with this e-mail address exists', { field: 'email' });
      await this.audit(this.who(by), 'inviteAccount', rows[0].id, { email, role: input.role, scope: input.scope ?? null, healthRecords: input.health ?? false, linkExpiresAt: expiresAt.toISOString() }, requestId);
      return { account: view(rows[0]), token, expiresAt };
    });
  }

  /** A new set-password link for an account (the old one stops working): for a lost link or a forgotten password. */
  async reissueLink(accountId: number, by: Viewer, requestId: string | null): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(this.clock() + this.settings.inviteHours * HOUR);
    return this.atomically(async () => {
      const rows = await this.q<{ id: number }>(`update account set setup_token_hash = ?, setup_expires_at = ? where id = ? returning id`, [sha256(token), expiresAt, accountId]);
      if (!rows[0]) throw new PeopleError(ErrorCode.NOT_FOUND, 404, 'No such account');
      await this.audit(actorOf(by), 'reissueSetPasswordLink', accountId, { linkExpiresAt: expiresAt.toISOString() }, requestId);
      return { token, expiresAt };
    });
  }

  /** Uses a set-password link: sets the password, ends every other session, and signs the person in. */
  async setPassword(token: string, password: string, address: string, requestId: string | null): Promise<SignedIn> {
    const problem = passwordProblem(password);
    if (problem) throw badInput(problem, 'password');
    const [row] = await this.q<AccountRow & { setup_expires_at: Date }>(
      `select ${ACCOUNT_COLUMNS}, setup_expires_at from account where setup_token_hash = ?`,
      [sha256(String(token ?? ''))],
    );
    if (!row || !row.active || new Date(row.setup_expires_at).getTime() <= this.clock()) {
      throw badInput('This set-password link is not valid or has expired: ask an administrator for a new one', 'token');
    }
    const hashed = await hashPassword(password);
    return this.atomically(async () => {
      // The link is used once: a second use racing this one finds no row to update.
      const used = await this.q(`update account set password_hash = ?, setup_token_hash = null, setup_expires_at = null where id = ? and setup_token_hash = ? returning id`, [hashed, row.id, sha256(String(token ?? ''))]);
      if (used.length === 0) throw badInput('This set-password link is not valid or has expired: ask an administrator for a new one', 'token');
      await this.audit(this.selfActor(row), 'setPassword', row.id, {}, requestId);
      // A reissued link (forgotten password) ends whatever sessions the account still had.
      await this.endSessionsOf(row.id, 'passwordChanged', null, this.selfActor(row), requestId);
      return this.startSession({ ...row, password_hash: hashed }, address, requestId);
    });
  }

  // ---- sign-in ----

  /** Refuses with RATE_LIMITED while the e-mail or the address has too many recent failures. */
  private async throttle(email: string, address: string): Promise<void> {
    const windowMs = this.settings.signInWindowMinutes * MINUTE;
    const since = new Date(this.clock() - windowMs);
    const [counts] = await this.q<{ by_email: string; email_oldest: Date | null; by_address: string; address_oldest: Date | null }>(
      `select count(*) filter (where email = ?) as by_email, min(at) filter (where email = ?) as email_oldest,
              count(*) filter (where address = ?) as by_address, min(at) filter (where address = ?) as address_oldest
       from sign_in_failure where (email = ? or address = ?) and at > ?`,
      [email, email, address, address, email, address, since],
    );
    const waits: number[] = [];
    if (Number(counts.by_email) >= this.settings.failuresPerAccount && counts.email_oldest) waits.push(new Date(counts.email_oldest).getTime() + windowMs);
    if (Number(counts.by_address) >= this.settings.failuresPerAddress && counts.address_oldest) waits.push(new Date(counts.address_oldest).getTime() + windowMs);
    if (waits.length === 0) return;
    const seconds = Math.max(1, Math.ceil((Math.max(...waits) - this.clock()) / 1000));
    throw new PeopleError(ErrorCode.RATE_LIMITED, 429, `Too many failed sign-ins: try again in ${seconds} seconds`, { retryAfterSeconds: seconds });
  }

  private async failed(email: string, address: string, account: AccountRow | undefined, reason: string, requestId: string | null): Promise<never> {
    // Failures that have left the window no longer count: drop this e-mail's and address's (indexed) as we go.
    const since = new Date(this.clock() - this.settings.signInWindowMinutes * MINUTE);
    const actor: Actor = account ? this.selfActor(account) : { role: Role.ANONYMOUS, organisation: null, keyId: null, accountId: null };
    await this.atomically(async () => {
      await this.q(`delete from sign_in_failure where (email = ? or address = ?) and at <= ?`, [email, address, since]);
      await this.q(`insert into sign_in_failure (email, address, at) values (?, ?, ?)`, [email, address, this.now()]);
      await this.audit(actor, 'signInFailed', account?.id ?? 0, { email, address, reason }, requestId);
    });
    throw new PeopleError(ErrorCode.UNAUTHENTICATED, 401, WRONG_CREDENTIALS);
  }

  /**
   * Checks e-mail and password (and the second factor when the account has one). An unknown e-mail, a disabled
   * account and a wrong password get the same answer after the same Argon2 work.
   */
  async signIn(
    input: { email: string; password: string; totp?: string | null; recoveryCode?: string | null },
    address: string,
    requestId: string | null,
  ): Promise<SignedIn> {
    // No account has a longer address; cut so that counting a failure never trips over the column's length.
    const email = normaliseEmail(String(input.email ?? '')).slice(0, 254);
    const password = String(input.password ?? '');
    try {
      await this.throttle(email, address);
    } catch (err) {
      await this.audit({ role: Role.ANONYMOUS, organisation: null, keyId: null, accountId: null }, 'signInFailed', 0, { email, address, reason: 'RATE_LIMITED' }, requestId);
      throw err;
    }
    const [row] = await this.q<AccountRow>(`select ${ACCOUNT_COLUMNS} from account where email = ?`, [email]);
    const usable = row && row.active && row.password_hash;
    const ok = await verifyPassword(usable ? row.password_hash! : await dummyHash(), password);
    if (!usable || !ok) return this.failed(email, address, row, !row ? 'unknownEmail' : !row.active ? 'disabled' : !row.password_hash ? 'noPassword' : 'wrongPassword', requestId);
    if (row.totp_enabled) {
      if (!input.totp && !input.recoveryCode) {
        throw new PeopleError(ErrorCode.UNAUTHENTICATED, 401, 'This account needs its second factor: send totp (or recoveryCode)', { secondFactorRequired: true });
      }
      const passed = input.totp ? await this.checkTotp(row, input.totp) : await this.useRecoveryCode(row.id, input.recoveryCode!);
      if (!passed) return this.failed(email, address, row, 'wrongSecondFactor', requestId);
    }
    return this.atomically(async () => {
      await this.q(`delete from sign_in_failure where email = ?`, [email]);
      return this.startSession(row, address, requestId);
    });
  }

  private async startSession(row: AccountRow, address: string, requestId: string | null): Promise<SignedIn> {
    const token = newToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.settings.absoluteHours * HOUR);
    const session = await this.atomically(async () => {
      const [created] = await this.q<{ id: number }>(
        `insert into account_session (token_hash, account_id, created_at, last_seen_at, expires_at, address) values (?, ?, ?, ?, ?, ?) returning id`,
        [sha256(token), row.id, now, now, expiresAt, address.slice(0, 64)],
      );
      await this.audit(this.selfActor(row), 'signIn', row.id, { sessionId: created.id, address }, requestId);
      return created;
    });
    return { token, account: view(row), session: { id: session.id, accountId: row.id, createdAt: now, lastSeenAt: now, expiresAt, address } };
  }

  // ---- sessions ----

  /**
   * The viewer a session cookie stands for, or why not. An idle or expired session is ended (and audited) here,
   * when it is next presented.
   */
  async authenticate(token: string, requestId: string | null): Promise<{ ok: true; session: CurrentSession } | { ok: false; reason: string }> {
    const [row] = await this.q<AccountRow & { session_id: number; last_seen_at: Date; expires_at: Date }>(
      `select s.id as session_id, s.last_seen_at, s.expires_at, a.id, a.role, a.organisation, a.scope_structure, a.scope_code, a.health_records, a.active
       from account_session s join account a on a.id = s.account_id
       where s.token_hash = ? and s.ended_at is null`,
      [sha256(token)],
    );
    if (!row || !row.active) return { ok: false, reason: 'The session has ended: sign in again' };
    const now = this.clock();
    const expired = new Date(row.expires_at).getTime() <= now;
    const idle = new Date(row.last_seen_at).getTime() + this.settings.idleMinutes * MINUTE <= now;
    if (expired || idle) {
      await this.endSession(row.session_id, expired ? 'expired' : 'idle', this.selfActor(row as AccountRow), requestId);
      return { ok: false, reason: expired ? 'The session has expired: sign in again' : 'The session ended after inactivity: sign in again' };
    }
    if (now - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
      await this.q(`update account_session set last_seen_at = ? where id = ? and ended_at is null`, [new Date(now), row.session_id]);
    }
    return { ok: true, session: { sessionId: row.session_id, viewer: viewerOf(row) } };
  }

  async sessionsOf(accountId: number | null): Promise<SessionView[]> {
    const rows = await this.q<{ id: number; account_id: number; created_at: Date; last_seen_at: Date; expires_at: Date; address: string | null }>(
      `select id, account_id, created_at, last_seen_at, expires_at, address from account_session
       where ended_at is null and expires_at > ? and last_seen_at > ? ${accountId === null ? '' : 'and account_id = ?'}
       order by account_id, id`,
      [this.now(), new Date(this.clock() - this.settings.idleMinutes * MINUTE), ...(accountId === null ? [] : [accountId])],
    );
    return rows.map((r) => ({ id: r.id, accountId: r.account_id, createdAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at), expiresAt: new Date(r.expires_at), address: r.address }));
  }

  async sessionOwner(sessionId: number): Promise<number | null> {
    const [row] = await this.q<{ account_id: number }>(`select account_id from account_session where id = ? and ended_at is null`, [sessionId]);
    return row?.account_id ?? null;
  }

  /** Ends one session (idempotent); audited when it was still open. */
  async endSession(sessionId: number, reason: string, actor: Actor | Viewer, requestId: string | null): Promise<boolean> {
    return this.atomically(async () => {
      const rows = await this.q<{ account_id: number }>(
        `update account_session set ended_at = ?, end_reason = ? where id = ? and ended_at is null returning account_id`,
        [this.now(), reason, sessionId],
      );
      if (!rows[0]) return false;
      await this.audit(this.who(actor), 'endSession', rows[0].account_id, { sessionId, reason }, requestId);
      return true;
    });
  }

  /** Ends every open session of an account but `keep`; one audit entry lists them. */
  private async endSessionsOf(accountId: number, reason: string, keep: number | null, actor?: Actor, requestId: string | null = null): Promise<number[]> {
    return this.atomically(async () => {
      const rows = await this.q<{ id: number }>(
        `update account_session set ended_at = ?, end_reason = ? where account_id = ? and ended_at is null and id <> ? returning id`,
        [this.now(), reason, accountId, keep ?? 0],
      );
      const ids = rows.map((r) => r.id);
      if (ids.length > 0 && actor) await this.audit(actor, 'endSession', accountId, { sessionIds: ids, reason }, requestId);
      return ids;
    });
  }

  /** Needs the current password; ends every other session of the account. */
  async changePassword(current: CurrentSession, currentPassword: string, newPassword: string, requestId: string | null): Promise<void> {
    const row = await this.accountById(current.viewer.accountId!);
    if (!row || !row.password_hash) throw new PeopleError(ErrorCode.UNAUTHENTICATED, 401, 'The session has ended: sign in again');
    if (!(await verifyPassword(row.password_hash, String(currentPassword ?? '')))) {
      await this.audit(this.selfActor(row), 'changePasswordFailed', row.id, { reason: 'wrongCurrentPassword' }, requestId);
      throw badInput('The current password is wrong', 'currentPassword');
    }
    const problem = passwordProblem(newPassword);
    if (problem) throw badInput(problem, 'newPassword');
    const hashed = await hashPassword(newPassword);
    await this.atomically(async () => {
      await this.q(`update account set password_hash = ? where id = ?`, [hashed, row.id]);
      await this.audit(this.selfActor(row), 'changePassword', row.id, {}, requestId);
      await this.endSessionsOf(row.id, 'passwordChanged', current.sessionId, this.selfActor(row), requestId);
    });
  }

  /** Disables (or enables) an account; disabling ends all its sessions at once (every instance reads them per request). */
  async setActive(accountId: number, active: boolean, by: Viewer, requestId: string | null): Promise<AccountView> {
    return this.atomically(async () => {
      const [row] = await this.q<AccountRow>(
        `update account set active = ?, disabled_at = ? where id = ? returning ${ACCOUNT_COLUMNS}`,
        [active, active ? null : this.now(), accountId],
      );
      if (!row) throw new PeopleError(ErrorCode.NOT_FOUND, 404, 'No such account');
      await this.audit(actorOf(by), active ? 'enableAccount' : 'disableAccount', accountId, { active }, requestId);
      if (!active) await this.endSessionsOf(accountId, 'disabled', null, actorOf(by), requestId);
      return view(row);
    });
  }

  // ---- second factor (TOTP, RFC 6238) ----

  private totp(row: Pick<AccountRow, 'email'>, secret: string): TOTP {
    return new TOTP({ issuer: 'ISHC hub', label: row.email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  }

  /** Accepts a code of this step or the one before or after, once (a used step cannot be replayed). */
  private async checkTotp(row: AccountRow, code: string): Promise<boolean> {
    if (!row.totp_secret) return false;
    const totp = this.totp(row, row.totp_secret);
    const timestamp = this.clock();
    const delta = totp.validate({ token: String(code).replace(/\s/g, ''), timestamp, window: 1 });
    if (delta === null) return false;
    const step = totp.counter({ timestamp }) + delta;
    const updated = await this.q(
      `update account set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?) returning id`,
      [step, row.id, step],
    );
    return updated.length === 1;
  }

  private async useRecoveryCode(accountId: number, code: string): Promise<boolean> {
    const rows = await this.q(
      `update account_recovery_code set used_at = ? where id = (
         select id from account_recovery_code where account_id = ? and code_hash = ? and used_at is null limit 1) returning id`,
      [this.now(), accountId, sha256(String(code).replace(/[\s-]/g, '').toLowerCase())],
    );
    return rows.length === 1;
  }

  /** Step 1: a new secret for the person's authenticator app (not in force until confirmed). ADMIN accounts only. */
  async startTotp(viewer: Viewer): Promise<{ secret: string; uri: string }> {
    const row = await this.accountById(viewer.accountId ?? 0);
    if (!row) throw new PeopleError(ErrorCode.FORBIDDEN, 403, 'A second factor belongs to a person: sign in with your account');
    if (row.role !== Role.ADMIN) throw new PeopleError(ErrorCode.FORBIDDEN, 403, 'The second factor is offered to ADMIN accounts');
    if (row.totp_enabled) throw new PeopleError(ErrorCode.CONFLICT, 409, 'The second factor is already on');
    const secret = new Secret({ size: 20 }).base32;
    await this.q(`update account set totp_secret = ? where id = ?`, [secret, row.id]);
    return { secret, uri: this.totp(row, secret).toString() };
  }

  /** Step 2: a code from the app turns the factor on; returns the recovery codes, once (only their hashes are kept). */
  async confirmTotp(viewer: Viewer, code: string, requestId: string | null): Promise<string[]> {
    const row = await this.accountById(viewer.accountId ?? 0);
    if (!row || !row.totp_secret || row.totp_enabled) throw new PeopleError(ErrorCode.CONFLICT, 409, 'Start the second factor first (startTotpSetup)');
    if (!(await this.checkTotp(row, code))) throw badInput('The code is wrong', 'code');
    const codes = Array.from({ length: RECOVERY_CODES }, () => randomBytes(10).toString('hex'));
    await this.atomically(async () => {
      await this.q(`delete from account_recovery_code where account_id = ?`, [row.id]);
      await this.q(
        `insert into account_recovery_code (account_id, code_hash) values ${codes.map(() => '(?, ?)').join(', ')}`,
        codes.flatMap((c) => [row.id, sha256(c)]),
      );
      await this.q(`update account set totp_enabled = true where id = ?`, [row.id]);
      await this.audit(this.selfActor(row), 'enableSecondFactor', row.id, {}, requestId);
    });
    return codes;
  }
}
