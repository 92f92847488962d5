import { EntityManager } from '@mikro-orm/postgresql';
import { LockedClaim, lockedClaims, lockedMessage, MonthClaim, monthOf, PeriodLockedError } from '../reporting/period-lock';
import type { RowProblem } from '../submission/csv-input';
import type { RecordOwner } from './record-owner';

/*
 * Which months a write claims (the one definition; see also period-lock.ts):
 * - A change dated D changes D's month and every later month (members, capital and loans are counted to
 *   date), so a write claims its club's months from the earliest date it creates, changes or removes, old
 *   and new values alike (joinedOn/leftOn, heldOn, occurredOn, disbursedOn/dueOn/paidOn/closedOn, openedOn,
 *   foundedOn, suspendedOn, dissolvedOn, grantedOn, a course's days, a move's day): `changedFrom`.
 * - Changing a member's categories that indicators split by (sex, birth year or date, poverty, board role,
 *   home-care volunteer) changes every month of the membership: it claims from the (earliest) joinedOn.
 * - Fields no figure reads (names, notes, references, village, ...) claim nothing.
 * A record is created or changed whole, so its claim is open-ended (MonthClaim without `to`).
 */

/** The claim of a change to a club's records dated on the given days: from the earliest on, or none. */
export function changedFrom(owner: Pick<RecordOwner, 'clubId'>, ...days: Array<string | null | undefined>): MonthClaim | null {
  const given = days.filter((d): d is string => !!d);
  if (!given.length) return null;
  return { clubId: owner.clubId, from: given.reduce((a, b) => (a < b ? a : b)) };
}

/** One input of a batch with what it claims (none: it changes no figure). */
export interface ClaimingInput {
  claims: ReadonlyArray<MonthClaim | null>;
}

/**
 * The lock check of every write, mutation or import, in one statement per batch: the first locked claim of
 * each input that has one, by the input's index in the batch.
 */
export async function lockedInputs(em: EntityManager, batch: readonly ClaimingInput[]): Promise<Map<number, LockedClaim>> {
  // Claims count by month, so a file's many rows of one club and month ask once (and the statement stays small).
  const unique = new Map<string, { claim: MonthClaim; inputs: number[] }>();
  batch.forEach((input, i) => {
    for (const claim of input.claims) {
      if (!claim) continue;
      const key = `${claim.clubId}|${monthOf(claim.from)}|${claim.to ? monthOf(claim.to) : ''}`;
      const seen = unique.get(key);
      if (seen) seen.inputs.push(i);
      else unique.set(key, { claim, inputs: [i] });
    }
  });
  const asked = [...unique.values()];
  const locked = new Map<number, LockedClaim>();
  for (const lock of await lockedClaims(em, asked.map((a) => a.claim))) {
    for (const i of asked[lock.index].inputs) {
      const seen = locked.get(i);
      if (!seen || lock.month < seen.month) locked.set(i, lock);
    }
  }
  return locked;
}

/** A mutation, a batch of one: refused with PERIOD_LOCKED when it claims an approved month. */
export async function requireUnlockedWrite(em: EntityManager, claims: ReadonlyArray<MonthClaim | null>, field?: string): Promise<void> {
  const locked = await lockedInputs(em, [{ claims }]);
  const lock = locked.get(0);
  if (lock) throw new PeriodLockedError([lock], field ? `input.${field}` : undefined);
}

/** An import, a batch of many: each row claiming an approved month is a PERIOD_LOCKED problem of its row. */
export async function lockedRows(em: EntityManager, rows: ReadonlyArray<ClaimingInput & { row: number }>, column: string | null = null): Promise<RowProblem[]> {
  const locked = await lockedInputs(em, rows);
  return [...locked].map(([i, lock]) => ({ row: rows[i].row, column, message: lockedMessage(lock), code: 'PERIOD_LOCKED' as const }));
}
