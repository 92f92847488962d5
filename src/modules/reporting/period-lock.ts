import { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { intArray, textArray } from '../../db/sql';
import { ErrorCode } from '../../errors';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { REFORM_DAY } from '../shared/club-place';
import { monthEndSql } from './expected';

/**
 * A write's claim on a club's months: the months from `from` to `to` (days; their months count whole) whose
 * data the write would change. Without `to`, every month from `from` on: a change dated in one month also
 * changes the figures at the end of every later month (members, capital and loans are counted to date).
 */
export interface MonthClaim {
  clubId: number;
  from: string;
  to?: string | null;
}

/** A claim that falls in an approved month, with the first approval that locks it. */
export interface LockedClaim {
  /** Index of the claim in the list given. */
  index: number;
  clubCode: string;
  /** The first approved month of the claim (its first day). */
  month: string;
  /** The approved commune, STRUCTURE:CODE, and who approved it when. */
  unit: string;
  approvedBy: string;
  approvedAt: string;
}

/** The advisory lock of a structure's approvals: approving and unapproving hold it exclusively, writes shared. */
export const approvalLockKey = (structure: AdminStructure): string => `approval:${structure}`;

/** The first day of a date's month. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/**
 * Which claims fall in approved months. A club's month is locked while the commune where the club was at the
 * end of that month, in the structure in force that month (PRE_2025 before 1 July 2025), or any unit above it,
 * is approved for it: a unit above may have been approved while the commune had no club to report, and a club
 * arriving there later must not change the approved figures. Each of the club's places (now, and before each
 * move) is looked up by the approval index over the months it held.
 *
 * Inside the write's transaction, the shared approval locks are taken first (approving takes them exclusively),
 * so a write and an approval of the same month cannot both commit having missed each other.
 */
export async function lockedClaims(em: EntityManager, claims: readonly MonthClaim[]): Promise<LockedClaim[]> {
  if (!claims.length) return [];
  // em.execute, not the connection's: inside the write's transaction, so the transaction-level locks hold until
  // it commits, and a club the write created or moved is seen as it will be.
  await em.execute(`select pg_advisory_xact_lock_shared(hashtext(?)), pg_advisory_xact_lock_shared(hashtext(?))`, [
    approvalLockKey(AdminStructure.PRE_2025),
    approvalLockKey(AdminStructure.POST_2025),
  ]);
  const rows = await em.execute<Array<LockedClaim & { approvedAt: Date }>>(
    `with q(i, club_id, f, t) as (select * from unnest(?::int[], ?::int[], ?::date[], ?::date[])),
     place as (
       select q.*, k.code, coalesce(k.placed_on, '-infinity') as vf, 'infinity'::date as vu, k.commune_pre2025_id as pre, k.commune_post2025_id as post
       from q join club k on k.id = q.club_id
       union all
       select q.*, k.code, h.valid_from, h.valid_until, h.commune_pre2025_id, h.commune_post2025_id
       from q join club k on k.id = q.club_id join club_place_history h on h.club_id = q.club_id and h.valid_until > q.f)
     select distinct on (p.i) p.i as "index", p.code as "clubCode", to_char(a.month, 'YYYY-MM-DD') as month,
       a.structure || ':' || a.unit_code as unit, a.approved_by as "approvedBy", a.approved_at as "approvedAt"
     from place p
     join admin_unit u on u.id = p.pre or u.id = p.post
     join approval a on a.structure = u.structure and a.unit_code = any(string_to_array(u.path, '/') || 'VN'::varchar) and a.month between p.f and p.t
       and (a.month < ?::date) = (u.structure = 'PRE_2025')
       and ${monthEndSql('a.month')} >= p.vf and ${monthEndSql('a.month')} < p.vu
     order by p.i, a.month`,
    [
      intArray(claims.map((_, i) => i)),
      intArray(claims.map((c) => c.clubId)),
      textArray(claims.map((c) => monthOf(c.from))),
      textArray(claims.map((c) => (c.to ? monthOf(c.to) : 'infinity'))),
      REFORM_DAY,
    ],
  );
  return rows.map((r) => ({ ...r, approvedAt: new Date(r.approvedAt).toISOString() }));
}

/** A write into an approved month: nothing was written. */
export class PeriodLockedError extends GraphQLError {
  constructor(readonly locked: LockedClaim[], field?: string) {
    super(lockedMessage(locked[0]), {
      extensions: {
        code: ErrorCode.PERIOD_LOCKED,
        ...(field ? { field } : {}),
        locks: locked.map(({ clubCode, month, unit, approvedBy, approvedAt }) => ({ clubCode, month: month.slice(0, 7), unit, approvedBy, approvedAt })),
      },
    });
  }
}

export function lockedMessage(lock: LockedClaim): string {
  return `${lock.month.slice(0, 7)} of club ${lock.clubCode} is approved (${lock.unit}, by ${lock.approvedBy}): unapprove it before changing that month's data`;
}

