import { LoanStatus, TransactionKind } from '../../src/modules/fund/fund.enums';
import { addMonths, AS_OF, monthIndex, yearOf } from './dates';
import type { CapitalEvent, FundDraft, LoanDraft } from './funds';
import { HeadCount, MemberDraft } from './members';
import { MeetingDraft } from './meetings';
import { Rng, weightedTable } from './rng';

/**
 * Lending from the income-generation fund at the club's meetings: members take turns, loans are 5–50 million
 * đồng and never larger than the cash in hand (capital so far, less what is out on loan, plus repayments
 * received), and each loan's fate as of the demo's last day is drawn with its repayments.
 */

/** Share of members who borrow in a year: lower in the early years and in 2020. */
function borrowingRate(year: number): number {
  if (year < 2016) return 0.3;
  if (year < 2020) return 0.36;
  if (year === 2020) return 0.32;
  return 0.5;
}

const TERMS = weightedTable([[6, 50], [9, 10], [12, 30], [18, 5], [24, 5]] as const);
const INSTALMENTS: Record<number, ReturnType<typeof weightedTable<number>>> = {
  6: weightedTable([[1, 60], [2, 40]] as const),
  9: weightedTable([[1, 30], [3, 70]] as const),
  12: weightedTable([[1, 30], [2, 40], [4, 30]] as const),
  18: weightedTable([[2, 50], [3, 50]] as const),
  24: weightedTable([[2, 40], [4, 60]] as const),
};
const STEP = 500_000;
const MIN_LOAN = 5_000_000;

/** Shares of loans up to 10 million and up to 20 million đồng, by the fund's capital per member. */
const SIZE_MIX = [
  { below: 3_500_000, upTo10: 0.9, upTo20: 1 },
  { below: 15_000_000, upTo10: 0.78, upTo20: 0.96 },
  { below: Infinity, upTo10: 0.3, upTo20: 0.7 },
];

/** 5–50 million đồng in steps of 500,000, mostly at the low end; smaller where the fund is lean, larger where it is rich. */
function loanAmount(rng: Rng, capitalPerMember: number): number {
  const mix = SIZE_MIX.find((m) => capitalPerMember < m.below)!;
  const u = rng.float();
  if (u < mix.upTo10) return rng.int(10, 20) * STEP;
  if (u < mix.upTo20) return rng.int(21, 40) * STEP;
  return rng.int(41, 100) * STEP;
}

export function lend(
  rng: Rng,
  fund: FundDraft,
  capitalEvents: CapitalEvent[],
  members: MemberDraft[],
  heads: HeadCount,
  meetings: MeetingDraft[],
): LoanDraft[] {
  const appetite = rng.range(0.8, 1.15);
  const busyUntil = new Float64Array(members.length);
  const lastBorrowed = new Float64Array(members.length).fill(-Infinity);
  const loans: LoanDraft[] = [];
  // Cash in hand: capital so far, less principal lent, plus repayments received. Repayments still to come wait in `due`.
  let cash = 0;
  const due: Array<{ day: number; amount: number }> = [];
  let next = 0;
  let previousMonth = monthIndex(fund.openedOn) - 1;

  for (const meeting of meetings) {
    const d = meeting.heldOn;
    for (; next < capitalEvents.length && capitalEvents[next].day <= d; next++) cash += capitalEvents[next].amount;
    for (let i = due.length - 1; i >= 0; i--) {
      if (due[i].day <= d) {
        cash += due[i].amount;
        due[i] = due[due.length - 1];
        due.pop();
      }
    }
    const month = monthIndex(d);
    const present = heads.at(d);
    const wanted = rng.round((borrowingRate(yearOf(d)) * appetite * present * (month - previousMonth)) / 12);
    previousMonth = month;
    const capitalPerMember = cash / Math.max(1, present);
    for (let k = 0; k < wanted && cash >= MIN_LOAN; k++) {
      const term = rng.weighted(TERMS);
      const dueOn = addMonths(d, term);
      const b = pickBorrower(rng, members, busyUntil, lastBorrowed, d, dueOn);
      if (b < 0) break;
      const principal = Math.min(loanAmount(rng, capitalPerMember), Math.floor(cash / STEP) * STEP);
      const ledgerBefore = fund.ledger.length;
      const loan = repay(rng, fund, members[b], principal, d, dueOn, rng.weighted(INSTALMENTS[term]), term);
      loans.push(loan);
      busyUntil[b] = loan.closedOn ?? Infinity;
      lastBorrowed[b] = d;
      cash -= principal;
      for (let i = ledgerBefore; i < fund.ledger.length; i++) {
        const t = fund.ledger[i];
        if (t.kind === TransactionKind.REPAYMENT) due.push({ day: t.day, amount: t.amount });
      }
    }
  }
  return loans;
}

/**
 * A member present from d until past the due date and without a loan running, preferably one who has not
 * borrowed in the past year (turns are shared); -1 when none is found quickly.
 */
function pickBorrower(rng: Rng, members: MemberDraft[], busyUntil: Float64Array, lastBorrowed: Float64Array, d: number, dueOn: number): number {
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = rng.int(0, members.length - 1);
    const m = members[i];
    if (m.joinedOn <= d && m.leftOn > dueOn && busyUntil[i] < d && (attempt >= 6 || lastBorrowed[i] < d - 365)) return i;
  }
  return -1;
}

/**
 * The loan's fate as of the demo's last day: repaid (most, some a little late), still current, overdue
 * with part repaid (about 4 %), or written off (about 0.5 %). Repayments never exceed the principal.
 */
function repay(
  rng: Rng,
  fund: FundDraft,
  borrower: MemberDraft,
  principal: number,
  disbursedOn: number,
  dueOn: number,
  instalments: number,
  term: number,
): LoanDraft {
  const loan: LoanDraft = { id: 0, fund, borrower, principal, disbursedOn, dueOn, instalments, status: LoanStatus.CURRENT, closedOn: null };
  const tx = (d: number, kind: TransactionKind, amount: number) =>
    fund.ledger.push({ day: d, kind, source: null, amount, loan, member: borrower, note: null });
  tx(disbursedOn, TransactionKind.LOAN_DISBURSEMENT, principal);

  const share = Math.floor(principal / instalments / 100_000) * 100_000;
  const amountOf = (i: number) => (i === instalments ? principal - share * (instalments - 1) : share);
  const scheduled = (i: number) => (i === instalments ? dueOn : addMonths(disbursedOn, Math.round((term * i) / instalments)));

  if (dueOn > AS_OF) {
    for (let i = 1; i <= instalments && scheduled(i) <= AS_OF; i++) tx(scheduled(i), TransactionKind.REPAYMENT, amountOf(i));
    return loan;
  }
  const u = rng.float();
  if (u < 0.955) {
    let paidOn = disbursedOn;
    for (let i = 1; i <= instalments; i++) {
      paidOn = Math.min(AS_OF, Math.max(paidOn, scheduled(i) + (rng.chance(0.15) ? rng.int(1, 20) : 0)));
      tx(paidOn, TransactionKind.REPAYMENT, amountOf(i));
    }
    loan.status = LoanStatus.REPAID;
    loan.closedOn = paidOn;
    return loan;
  }
  const paid = rng.int(0, instalments - 1);
  for (let i = 1; i <= paid; i++) tx(scheduled(i), TransactionKind.REPAYMENT, amountOf(i));
  if (instalments === 1 && rng.chance(0.5)) {
    tx(dueOn, TransactionKind.REPAYMENT, Math.max(100_000, Math.floor((principal * rng.range(0.2, 0.6)) / 100_000) * 100_000));
  }
  if (u < 0.995) {
    loan.status = LoanStatus.OVERDUE;
  } else {
    loan.status = LoanStatus.WRITTEN_OFF;
    loan.closedOn = Math.min(AS_OF, dueOn + rng.int(180, 540));
  }
  return loan;
}

