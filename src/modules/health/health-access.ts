import DataLoader from 'dataloader';
import type { HubContext } from '../../context';
import { intArray, textArray } from '../../db/sql';
import { ForbiddenError } from '../../errors';
import { ownerOf } from '../shared/record-owner';

/** The types of individual health records (special category). */
export const HEALTH_RECORD_TYPES = ['HealthCheck', 'HomeCareVisit'] as const;
export type HealthRecordType = (typeof HEALTH_RECORD_TYPES)[number];
export const isHealthRecordType = (type: string): type is HealthRecordType => (HEALTH_RECORD_TYPES as readonly string[]).includes(type);

/** One individual health record handed to the viewer: which, whose, in which club. */
export interface HealthRead {
  type: HealthRecordType;
  id: number;
  /** The member whose record it is (the visited member of a home-care visit). */
  memberId: number;
  clubId: number;
}

const NEEDS = 'Health records are special category: they need an ADMIN key, or an association key or account with the health permission for this area';

/**
 * The one access rule of individual health records: ADMIN, or an ASSOCIATION with the health permission whose
 * scope holds the club (Access.mayReadHealth). Decided before any health record is read; a refusal is FORBIDDEN
 * (null at its path in GraphQL).
 */
export async function requireHealthAccess(ctx: HubContext, clubId: number): Promise<void> {
  if (!ctx.access.mayReadHealthAnywhere) throw new ForbiddenError(NEEDS);
  const club = await ctx.loaders.clubs.clubById.load(clubId);
  if (!club || !ctx.access.mayReadHealth(club.place)) throw new ForbiddenError(NEEDS);
}

/** Refuses, before anything is read, a viewer who may read no health record anywhere. */
export function requireAnyHealthAccess(ctx: HubContext): void {
  if (!ctx.access.mayReadHealthAnywhere) throw new ForbiddenError(NEEDS);
}

interface LoggedRead extends HealthRead {
  path: string;
}

/** Per request: the read log, one INSERT for every health record handed out in the same tick. */
const logs = new WeakMap<HubContext, DataLoader<LoggedRead, true>>();

function readLog(ctx: HubContext): DataLoader<LoggedRead, true> {
  let log = logs.get(ctx);
  if (!log) {
    log = new DataLoader<LoggedRead, true>(
      async (reads) => {
        // The clubs were loaded by the access check: their units come from the request's cache.
        const clubIds = [...new Set(reads.map((r) => r.clubId))];
        const clubs = await Promise.all(clubIds.map((id) => ctx.loaders.clubs.clubById.load(id)));
        const unitsOf = new Map(clubIds.map((id, i) => [id, clubs[i] ? ownerOf(clubs[i]!).units(ctx.units).join(' ') : '']));
        const v = ctx.viewer;
        await ctx.em.getConnection().execute(
          `insert into audit_entry (role, organisation, key_id, account_id, request_id, operation, entity_type, entity_id, subject_member_id, units)
           select ?, ?, ?, ?, ?, t.op, t.et, t.eid, t.mid, string_to_array(t.u, ' ')
           from unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::text[]) as t(op, et, eid, mid, u)`,
          [
            v.role,
            v.organisation,
            v.keyId,
            v.accountId ?? null,
            ctx.requestId,
            textArray(reads.map((r) => `read:${r.path}`.slice(0, 64))),
            textArray(reads.map((r) => r.type)),
            intArray(reads.map((r) => r.id)),
            intArray(reads.map((r) => r.memberId)),
            textArray(reads.map((r) => unitsOf.get(r.clubId) ?? '')),
          ],
        );
        return reads.map(() => true as const);
      },
      { cache: false },
    );
    logs.set(ctx, log);
  }
  return log;
}

/**
 * Writes who read which health records, of whom, and when (the audit log, operation `read:<path>`), in the request
 * that reads and before anything is answered: records read in the same tick (a page of members' checks) go in
 * one INSERT. If the entry cannot be written, the records are not handed out.
 */
export async function auditHealthReads(ctx: HubContext, path: string, reads: readonly HealthRead[]): Promise<void> {
  if (!reads.length) return;
  const log = readLog(ctx);
  await Promise.all(reads.map((read) => log.load({ ...read, path })));
}

/** Hands out health records once their read is in the audit log. */
export async function releaseHealthRecords<T>(ctx: HubContext, path: string, reads: readonly HealthRead[], records: T): Promise<T> {
  await auditHealthReads(ctx, path, reads);
  return records;
}
