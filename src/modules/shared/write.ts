import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ClubPlace } from '../../auth/access';
import type { HubContext } from '../../context';
import { fromGlobalId } from '../../graphql/global-id';
import { AuditTrail } from '../audit/audit.trail';
import { ChangeSet } from '../live/change-set';
import { Checks } from './checks';
import { ConflictError, InvalidInputError } from './write-errors';

/** What a write runs with: the transaction's EntityManager, the request, and the audit trail of the write. */
export interface WriteTx {
  em: EntityManager;
  ctx: HubContext;
  audit: AuditTrail;
}

/**
 * Runs one write in one transaction, all or nothing: the records, their audit entries and the announcement of
 * the change (to live subscribers, delivered on commit) go together.
 * A record changed by someone else in the meantime (the ORM's version check) becomes CONFLICT.
 */
export async function runWrite<T>(
  ctx: HubContext,
  operation: string,
  work: (tx: WriteTx) => Promise<T>,
  // Who may try at all, before any input is read; the scope of each record is checked by the work itself.
  authorize: () => void = () => ctx.access.requireWriter(),
): Promise<T> {
  authorize();
  try {
    return await ctx.em.transactional(async (em) => {
      const changes = new ChangeSet(ctx.units, operation);
      const audit = new AuditTrail(em as EntityManager, ctx.viewer, operation, ctx.requestId, changes.add);
      const result = await work({ em: em as EntityManager, ctx, audit });
      await audit.flush();
      await changes.publish(em as EntityManager);
      return result;
    });
  } catch (err) {
    throw writeError(err);
  }
}

/** Database refusals a client can act on, as coded errors; anything else stays internal. */
export function writeError(err: unknown): unknown {
  if (err instanceof OptimisticLockError) {
    const entity = err.getEntity() as { constructor: { name: string } } | undefined;
    return new ConflictError(`This ${entity?.constructor.name.toLowerCase() ?? 'record'} was changed by someone else meanwhile; read it again and retry`);
  }
  if (err instanceof UniqueConstraintViolationException) {
    return new ConflictError('Another write created the same record meanwhile; read it again and retry');
  }
  return err;
}

/** The stale-version check every update starts with: nothing is written when it fails. */
export function requireVersion(record: { version: number }, expected: number, what: string): void {
  if (record.version !== expected) {
    throw new ConflictError(`The ${what} is at version ${record.version}, not ${expected}: someone changed it since you read it; read it again`, {
      field: 'input.expectedVersion',
      currentVersion: record.version,
    });
  }
}

/** The database id inside a global id of the expected type; a wrong id is a problem of that field. */
export function decodeId(checks: Checks, field: string, id: string | null | undefined, type: string): number | undefined {
  if (id === null || id === undefined) return undefined;
  const decoded = fromGlobalId(id);
  const key = decoded?.type === type ? Number(decoded.key) : NaN;
  if (!Number.isSafeInteger(key) || key <= 0) {
    checks.add(field, `"${id}" is not the id of a ${type}`);
    return undefined;
  }
  return key;
}

/** A record that must exist; not finding it is a problem of the field that named it. */
export function found<T>(record: T | null | undefined, field: string, message: string): T {
  if (!record) throw new InvalidInputError([{ field: `input.${field}`, message }]);
  return record;
}

/**
 * A record the caller may write, found by id: one outside the caller's area answers exactly as a missing one,
 * so a key learns nothing of records beyond its scope, not even that they exist. Checked before anything
 * about the record is validated.
 */
export function foundInArea<T>(ctx: HubContext, record: T | null | undefined, placeOf: (record: T) => ClubPlace, field: string, message: string): T {
  if (!record || !ctx.access.mayWrite(placeOf(record))) throw new InvalidInputError([{ field: `input.${field}`, message }]);
  return record;
}

/** A new record with the given fields, persisted in the write (flushed with it). */
export function insert<T extends object>(em: EntityManager, entity: new () => T, data: Partial<T>): T {
  const record = Object.assign(new entity(), data);
  em.persist(record);
  return record;
}
