import { Role, Viewer } from '../../auth/viewer';

/** Who acts, for an entry written outside `runWrite`: a viewer, a person signing in, or the machine's operator. */
export interface Actor {
  role: Role;
  organisation: string | null;
  keyId: number | null;
  accountId: number | null;
}

/** Commands run on the hub's machine (`npm run keys`, `npm run people`, the first start): trusted as ADMIN. */
export const COMMAND_LINE: Actor = Object.freeze({ role: Role.ADMIN, organisation: 'command line', keyId: null, accountId: null });

export function actorOf(viewer: Viewer): Actor {
  return { role: viewer.role, organisation: viewer.organisation, keyId: viewer.keyId, accountId: viewer.accountId ?? null };
}

/** An entry about a record outside the clubs' data (an account, an API key): no units, so only ADMIN reads it. */
export interface AccessEntry {
  operation: string;
  entityType: 'Account' | 'ApiKey';
  entityId: number;
  /** What changed. Never a secret, nor a hash of one. */
  after: Record<string, unknown>;
  requestId: string | null;
}

/**
 * Appends one entry through `db`: an EntityManager inside a transaction writes it with the change it records,
 * all or nothing.
 */
export async function appendAccessEntry(db: { execute(sql: string, params: unknown[]): Promise<unknown> }, actor: Actor, entry: AccessEntry): Promise<void> {
  await db.execute(
    `insert into audit_entry (role, organisation, key_id, account_id, request_id, operation, entity_type, entity_id, units, after)
     values (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?::jsonb)`,
    [actor.role, actor.organisation, actor.keyId, actor.accountId, entry.requestId, entry.operation, entry.entityType, entry.entityId, JSON.stringify(entry.after)],
  );
}
