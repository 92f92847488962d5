import { Programme } from '../../src/modules/club/club.enums';
import { ContributionSource, FundKind, LoanStatus, TransactionKind } from '../../src/modules/fund/fund.enums';
import { AS_OF, day, END_2023, monthIndex, monthOf, yearOf } from './dates';
import { HeadCount, MemberDraft } from './members';
import { MeetingDraft } from './meetings';
import { lend } from './loans';
import { ClubPlan } from './plan';
import { Rng, weightedTable } from './rng';
import { CONTRIBUTION_NOTES, EXPENSE_NOTES } from './vocab';

/**
 * A club's funds and their ledgers. The income-generation fund is capitalised by contributions and yearly
 * interest, and lent to the club's own members at its meetings (loans.ts). The activity fund takes the monthly member fee (collected at meetings, arrears included), grants
 * and fundraising, and pays for visits, gifts and events. Money is whole đồng.
 */
export interface FundDraft {
  id: number;
  kind: FundKind;
  openedOn: number;
  ledger: TxDraft[];
}

export interface TxDraft {
  day: number;
  kind: TransactionKind;
  source: ContributionSource | null;
  amount: number;
  loan: LoanDraft | null;
  member: MemberDraft | null;
  note: string | null;
}

export interface LoanDraft {
  id: number;
  fund: FundDraft;
  borrower: MemberDraft;
  principal: number;
  disbursedOn: number;
  dueOn: number;
  instalments: number;
  status: LoanStatus;
  closedOn: number | null;
}

export interface ClubFunds {
  funds: FundDraft[];
  loans: LoanDraft[];
}

const MILLION = 1_000_000;

export function generateFunds(rng: Rng, plan: ClubPlan, members: MemberDraft[], heads: HeadCount, meetings: MeetingDraft[]): ClubFunds {
  const lastDay = plan.dissolvedOn !== null ? plan.dissolvedOn - 1 : AS_OF;
  const named = plan.igCapital2023 !== null;
  const u = rng.float();
  const kinds = named || u < 0.93 ? [FundKind.INCOME_GENERATION, FundKind.ACTIVITY] : u < 0.965 ? [FundKind.INCOME_GENERATION] : [FundKind.ACTIVITY];
  const result: ClubFunds = { funds: [], loans: [] };
  for (const kind of kinds) {
    const openedOn = Math.min(lastDay, plan.foundedOn + (rng.chance(0.5) ? 0 : rng.int(1, 60)));
    const fund: FundDraft = { id: 0, kind, openedOn, ledger: [] };
    result.funds.push(fund);
    const held = meetings.filter((m) => m.heldOn >= openedOn);
    if (kind === FundKind.INCOME_GENERATION) {
      result.loans.push(...incomeGeneration(rng, plan, fund, lastDay, members, heads, held));
    } else {
      activity(rng, plan, fund, heads, held);
    }
  }
  return result;
}

// ---------------------------------------------------------------- income-generation fund

export interface CapitalEvent {
  day: number;
  amount: number;
  source: ContributionSource | null;
}

const TOP_UP_SOURCES = weightedTable([
  [ContributionSource.MEMBERS, 35], [ContributionSource.FUNDRAISING, 25], [ContributionSource.COMMUNE_BUDGET, 20],
  [ContributionSource.ASSOCIATION, 10],
] as const);

/** The first capital by programme: donors seeded the NGO clubs, communes and the association the later ones. */
function openingCapital(rng: Rng, plan: ClubPlan): Array<[ContributionSource, number]> {
  const members: [ContributionSource, number] = [ContributionSource.MEMBERS, rng.int(10, 30) * MILLION];
  switch (plan.programme) {
    case Programme.NGO_PROJECT:
      return [[ContributionSource.DONOR_OR_PROJECT, rng.int(150, 300) * MILLION], members];
    case Programme.LOCAL_INITIATIVE:
      return [[ContributionSource.COMMUNE_BUDGET, rng.int(40, 90) * MILLION], [ContributionSource.MEMBERS, rng.int(30, 60) * MILLION]];
    default:
      return [[rng.chance(0.5) ? ContributionSource.ASSOCIATION : ContributionSource.COMMUNE_BUDGET, rng.int(120, 200) * MILLION], members];
  }
}

/** Contributions, then interest at each year end on the capital so far. */
function capitalSchedule(rng: Rng, plan: ClubPlan, openedOn: number, lastDay: number): CapitalEvent[] {
  const contributions: CapitalEvent[] = openingCapital(rng, plan).map(([source, amount]) => ({ day: openedOn, amount, source }));
  for (let year = yearOf(openedOn) + 1; year <= yearOf(lastDay); year++) {
    if (!rng.chance(0.6)) continue;
    const d = rng.int(day(year, 1, 1), Math.min(lastDay, day(year, 12, 30)));
    const source = plan.programme === Programme.NGO_PROJECT && year < 2016 && rng.chance(0.3)
      ? ContributionSource.DONOR_OR_PROJECT
      : rng.weighted(TOP_UP_SOURCES);
    contributions.push({ day: d, amount: rng.int(10, 50) * MILLION, source });
  }
  contributions.sort((a, b) => a.day - b.day);
  const rates: number[] = [];
  for (let year = yearOf(openedOn); year <= yearOf(lastDay); year++) rates.push(rng.range(0.02, 0.045));

  // The two named clubs grew large funds: scale their contributions to the published capital.
  if (plan.igCapital2023 !== null) {
    const factor = plan.igCapital2023 / capitalAt(withInterest(contributions, rates, openedOn, lastDay), END_2023);
    for (const c of contributions) c.amount = Math.max(MILLION, Math.round((c.amount * factor) / MILLION) * MILLION);
  }
  return withInterest(contributions, rates, openedOn, lastDay);
}

function withInterest(contributions: CapitalEvent[], rates: number[], openedOn: number, lastDay: number): CapitalEvent[] {
  const events: CapitalEvent[] = [];
  let capital = 0;
  let i = 0;
  for (let year = yearOf(openedOn); year <= yearOf(lastDay); year++) {
    const yearEnd = day(year, 12, 31);
    for (; i < contributions.length && contributions[i].day <= yearEnd; i++) {
      capital += contributions[i].amount;
      events.push(contributions[i]);
    }
    if (yearEnd > lastDay || yearEnd === openedOn) continue;
    const interest = Math.round((capital * rates[year - yearOf(openedOn)]) / 1000) * 1000;
    if (interest > 0) {
      capital += interest;
      events.push({ day: yearEnd, amount: interest, source: null });
    }
  }
  return events;
}

function capitalAt(events: CapitalEvent[], d: number): number {
  return events.reduce((sum, e) => (e.day <= d ? sum + e.amount : sum), 0);
}

/** The fund's capital (contributions and yearly interest) in the ledger, then the loans made from it. */
function incomeGeneration(
  rng: Rng,
  plan: ClubPlan,
  fund: FundDraft,
  lastDay: number,
  members: MemberDraft[],
  heads: HeadCount,
  meetings: MeetingDraft[],
): LoanDraft[] {
  const capitalEvents = capitalSchedule(rng, plan, fund.openedOn, lastDay);
  for (const e of capitalEvents) {
    fund.ledger.push({
      day: e.day,
      kind: e.source === null ? TransactionKind.INTEREST : TransactionKind.CONTRIBUTION,
      source: e.source,
      amount: e.amount,
      loan: null,
      member: null,
      note: e.source === null ? null : CONTRIBUTION_NOTES[e.source],
    });
  }
  return lend(rng, fund, capitalEvents, members, heads, meetings);
}

// ---------------------------------------------------------------- activity fund

const FEE_RATES = weightedTable([[2000, 35], [3000, 30], [4000, 10], [5000, 25]] as const);
const GRANT_SOURCES = weightedTable([
  [ContributionSource.FUNDRAISING, 40], [ContributionSource.COMMUNE_BUDGET, 30], [ContributionSource.ASSOCIATION, 15],
  [ContributionSource.MEMBERS, 15],
] as const);

function activity(rng: Rng, plan: ClubPlan, fund: FundDraft, heads: HeadCount, meetings: MeetingDraft[]): void {
  const rate = rng.weighted(FEE_RATES);
  const push = (d: number, kind: TransactionKind, amount: number, source: ContributionSource | null, note: string | null) => {
    fund.ledger.push({ day: d, kind, source, amount, loan: null, member: null, note });
    balance += kind === TransactionKind.EXPENSE ? -amount : amount;
  };
  let balance = 0;
  const firstSource = plan.programme === Programme.NGO_PROJECT ? ContributionSource.DONOR_OR_PROJECT : rng.weighted(GRANT_SOURCES);
  push(fund.openedOn, TransactionKind.CONTRIBUTION, rng.int(20, 100) * 100_000, firstSource, CONTRIBUTION_NOTES[firstSource]);

  let paidThrough = monthIndex(fund.openedOn) - 1;
  for (const meeting of meetings) {
    const d = meeting.heldOn;
    const month = monthIndex(d);
    const fee = heads.at(d) * rate * (month - paidThrough);
    paidThrough = month;
    if (fee > 0) push(d, TransactionKind.MEMBER_FEE, fee, null, null);
    if (rng.chance(0.06)) {
      const source = rng.weighted(GRANT_SOURCES);
      push(d, TransactionKind.CONTRIBUTION, rng.int(10, 50) * 100_000, source, CONTRIBUTION_NOTES[source]);
    }
    const tet = monthOf(d) <= 2;
    if (rng.chance(tet ? 0.6 : 0.3) && balance >= 200_000) {
      const amount = Math.floor(Math.min(balance * rng.range(0.2, 0.6), rng.range(500_000, 3_000_000)) / 10_000) * 10_000;
      push(d, TransactionKind.EXPENSE, amount, null, tet && rng.chance(0.6) ? EXPENSE_NOTES[1] : rng.pick(EXPENSE_NOTES));
    }
  }
}
