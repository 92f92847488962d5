import { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { intArray, textArray } from '../../db/sql';
import { ErrorCode } from '../../errors';
import { clubPlaceAtJoin } from '../admin-unit/unit-scope';
import { REFORM_DAY } from '../shared/club-place';

/** A write's claim on a club's month: the club and the first day of a month whose data the write would change. */
export interface MonthClaim {
  clubId: number;
  month: string;
}

/** A claim that falls in an approved month, with the approval that locks it. */
export interface LockedClaim {
  /** Index of the claim in the list given. */
  index: number;
  clubCode: string;
  month: string;
  /** The approved commune, STRUCTURE:CODE, and who approved it when. */
  unit: string;
  approvedBy: string;
  approvedAt: string;
}

/** The first day of a date's month. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/**
 * Which of the claims fall in approved months, in one statement. A club's month is locked while the commune
 * where the club was at the end of that month, in the structure in force that month (PRE_2025 before 1 July
 * 2025), is approved for it: approving a unit above needs its communes approved first, and unapproving a
 * commune unapproves the units above, so the commune's approval decides.
 */
export async function lockedClaims(em: EntityManager, claims: readonly MonthClaim[]): Promise<LockedClaim[]> {
  if (!claims.length) return [];
  const monthEnd = `(q.month + interval '1 month' - interval '1 day')::date`;
  const rows = await em.getConnection().execute<Array<LockedClaim & { approvedAt: Date }>>(
    `select q.i as "index", k.code as "clubCode", to_char(q.month, 'YYYY-MM-DD') as month,
        a.structure || ':' || a.unit_code as unit, a.approved_by as "approvedBy", a.approved_at as "approvedAt"
     from unnest(?::int[], ?::int[], ?::date[]) as q(i, club_id, month)
     join club k on k.id = q.club_id
     ${clubPlaceAtJoin('k', 'h', monthEnd)}
     join admin_unit u on u.id = case when q.month < ?::date
       then case when h.club_id is null then k.commune_pre2025_id else h.commune_pre2025_id end
       else case when h.club_id is null then k.commune_post2025_id else h.commune_post2025_id end end
     join approval a on a.structure = u.structure and a.unit_code = u.code and a.month = q.month
     order by q.i`,
    [intArray(claims.map((_, i) => i)), intArray(claims.map((c) => c.clubId)), textArray(claims.map((c) => monthOf(c.month))), REFORM_DAY],
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

/** Refuses the write when any claim falls in an approved month. */
export async function requireUnlocked(em: EntityManager, claims: readonly MonthClaim[], field?: string): Promise<void> {
  const locked = await lockedClaims(em, claims);
  if (locked.length) throw new PeriodLockedError(locked, field);
}
