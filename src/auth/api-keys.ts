import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AdminStructure } from '../modules/admin-unit/admin-unit.enums';
import { UnitDirectory } from '../modules/admin-unit/unit-directory';
import { Actor, appendAccessEntry, COMMAND_LINE } from '../modules/audit/audit.entry';
import { ApiKey } from './api-key.entity';
import { VerifiedKeys } from './verified-keys';
import { mayReadHealthRecords, Role, Viewer } from './viewer';

const KEY_PATTERN = /^ishc_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{32})$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function randomToken(bytes: number, alphabet: 'alnum' | 'base64url'): string {
  const raw = randomBytes(bytes).toString('base64url');
  return alphabet === 'alnum' ? raw.replace(/[-_]/g, '').slice(0, 12).padEnd(12, '0') : raw;
}

/** A key request the rules refuse (unknown scope, a role that needs one): the caller's input to fix. */
export class ApiKeyInputError extends Error {}

export interface NewKey {
  organisation: string;
  role: Role;
  scope?: { structure: AdminStructure; code: string } | null;
  expiresAt?: Date | null;
  persistedOperationsOnly?: boolean;
  /** The health permission (ASSOCIATION only). */
  health?: boolean;
}

/** The health permission is an association's to hold: ADMIN has it anyway, the other roles never read people. */
export function healthPermissionProblem(role: Role, health: boolean | undefined): string | null {
  if (!health || role === Role.ASSOCIATION) return null;
  return role === Role.ADMIN ? 'ADMIN reads health records without the health permission: leave it out' : `The health permission is for ASSOCIATION keys and accounts, not ${role}`;
}

/** Who issues or revokes a key, for the audit log: a request's viewer, or the machine's operator by default. */
export interface KeyWriter {
  actor: Actor;
  requestId: string | null;
}

const BY_COMMAND_LINE: KeyWriter = { actor: COMMAND_LINE, requestId: null };

/** What the audit log keeps of a key: everything but its secret and the secret's hash. */
function auditedKey(k: ApiKey): Record<string, unknown> {
  return {
    prefix: k.prefix,
    organisation: k.organisation,
    role: k.role,
    scope: k.scopeStructure && k.scopeCode ? `${k.scopeStructure}:${k.scopeCode}` : null,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    persistedOperationsOnly: k.persistedOperationsOnly,
    healthRecords: k.healthRecords,
  };
}

/**
 * Issues a key, with its audit entry in the same transaction: returns the row and the full key, which is never
 * stored and cannot be shown again.
 */
export async function createApiKey(em: EntityManager, units: UnitDirectory, input: NewKey, by: KeyWriter = BY_COMMAND_LINE): Promise<{ key: string; apiKey: ApiKey }> {
  if (input.scope && !units.find(input.scope.structure, input.scope.code)) {
    throw new ApiKeyInputError(`No ${input.scope.structure} unit has the code "${input.scope.code}"`);
  }
  if (input.role === Role.ANONYMOUS) throw new ApiKeyInputError('ANONYMOUS is what callers without a key get; it cannot be issued');
  if (input.role === Role.ASSOCIATION && !input.scope) throw new ApiKeyInputError('An ASSOCIATION key needs a scope (--scope STRUCTURE:CODE)');
  const healthProblem = healthPermissionProblem(input.role, input.health);
  if (healthProblem) throw new ApiKeyInputError(healthProblem);
  const prefix = randomToken(12, 'alnum');
  const secret = randomToken(24, 'base64url');
  if (!input.organisation.trim()) throw new ApiKeyInputError('A key needs the name of the organisation it is issued to');
  const apiKey = await em.transactional(async (tx) => {
    const created = tx.create(ApiKey, {
      prefix,
      secretHash: hashSecret(secret),
      organisation: input.organisation.normalize('NFC').trim(),
      role: input.role,
      scopeStructure: input.scope?.structure,
      scopeCode: input.scope?.code,
      expiresAt: input.expiresAt ?? undefined,
      persistedOperationsOnly: input.persistedOperationsOnly ?? false,
      healthRecords: input.health ?? false,
      createdAt: new Date(),
    });
    await tx.flush();
    await appendAccessEntry(tx, by.actor, { operation: 'createApiKey', entityType: 'ApiKey', entityId: created.id, after: auditedKey(created), requestId: by.requestId });
    return created;
  });
  return { key: `ishc_${prefix}_${secret}`, apiKey };
}

interface KeyRow {
  id: number;
  secret_hash: string;
  organisation: string;
  role: Role;
  scope_structure: AdminStructure | null;
  scope_code: string | null;
  persisted_operations_only: boolean;
  health_records: boolean;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
}

export type KeyCheck = { ok: true; viewer: Viewer } | { ok: false; reason: string };

/**
 * Checks a presented key; a wrong, expired or revoked key is refused with the reason (never downgraded).
 * With `verified`, keys already checked are answered from memory (see VerifiedKeys).
 */
export async function verifyApiKey(em: EntityManager, presented: string, now = new Date(), verified?: VerifiedKeys): Promise<KeyCheck> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return { ok: false, reason: 'The API key is malformed' };
  const [, prefix, secret] = match;
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const known = verified?.lookup(prefix, actual, now.getTime());
  if (known) return { ok: true, viewer: known };
  const tag = verified?.tag ?? 0;
  // A plain indexed lookup: it runs on every keyed request, and an ORM round trip costs more than the SQL.
  const [row] = await em.getConnection().execute<KeyRow[]>(
    `select id, secret_hash, organisation, role, scope_structure, scope_code, persisted_operations_only, health_records, expires_at, revoked_at
     from "api_key" where prefix = ?`,
    [prefix],
  );
  const expected = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
  if (!row || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'The API key is not valid' };
  if (row.revoked_at) return { ok: false, reason: 'The API key has been revoked' };
  if (row.expires_at && new Date(row.expires_at) <= now) return { ok: false, reason: 'The API key has expired' };
  // Frozen: the same viewer may serve many requests from memory.
  const viewer: Viewer = Object.freeze({
    persistedOperationsOnly: row.persisted_operations_only,
    role: row.role,
    organisation: row.organisation,
    keyId: row.id,
    accountId: null,
    scope: row.scope_structure && row.scope_code ? Object.freeze({ structure: row.scope_structure, code: row.scope_code }) : null,
    mayReadPersonalData: row.role === Role.ADMIN || row.role === Role.ASSOCIATION,
    mayReadHealthRecords: mayReadHealthRecords(row.role, row.health_records),
  });
  verified?.remember(tag, prefix, { secretHash: actual, viewer, expiresAt: row.expires_at ? new Date(row.expires_at).getTime() : null });
  return { ok: true, viewer };
}

/** Revokes an active key, with its audit entry in the same transaction; false when no active key has the prefix. */
export async function revokeApiKey(em: EntityManager, prefix: string, by: KeyWriter = BY_COMMAND_LINE): Promise<boolean> {
  return em.transactional(async (tx) => {
    const apiKey = await tx.findOne(ApiKey, { prefix }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!apiKey || apiKey.revokedAt) return false;
    apiKey.revokedAt = new Date();
    await tx.flush();
    await appendAccessEntry(tx, by.actor, { operation: 'revokeApiKey', entityType: 'ApiKey', entityId: apiKey.id, after: { prefix, revokedAt: apiKey.revokedAt.toISOString() }, requestId: by.requestId });
    return true;
  });
}

export function listApiKeys(em: EntityManager): Promise<ApiKey[]> {
  return em.find(ApiKey, {}, { orderBy: { id: 'asc' } });
}
