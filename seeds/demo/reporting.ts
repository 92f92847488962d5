import { ActivityArea } from '../../src/modules/club/club.enums';
import { TransactionKind } from '../../src/modules/fund/fund.enums';
import { AS_OF, day, daysInMonth, iso, monthIndex, REFORM } from './dates';
import { FundDraft } from './funds';
import { lastMeetingDay, MeetingDraft } from './meetings';
import { MemberDraft } from './members';
import { ClubPlan } from './plan';
import { Rng } from './rng';
import { NULL } from './rows';

/**
 * The reporting cycle of the demo world: each club's monthly reports (figures derived from its meetings,
 * members and fund ledger), supervision visits, and the approvals of the units.
 *
 * Gaps, as an officer would meet them: about one province in five reports late (mostly after the 10th of the
 * next month), a few clubs never report, about 3 % of months are missing at random, a suspended club stops
 * reporting, and a report not yet in by the demo's last day (AS_OF) is missing. Reports cover the months a club
 * was expected for (src/modules/reporting/expected.ts: from its founding month to its dissolution month), up to
 * the last full month before AS_OF.
 */

/** The first month (as monthIndex) of the reports: the month before AS_OF's. */
export const LAST_REPORTED_MONTH = monthIndex(AS_OF) - 1;
/** Approvals run from January 2024 to the end of the last full quarter before AS_OF. */
export const FIRST_APPROVED_MONTH = 2024 * 12;
export const LAST_APPROVED_MONTH = Math.floor((monthIndex(AS_OF) + 1) / 3) * 3 - 1;
/** Supervision visits from 2016 on (the Association's checklists before that were on paper). */
const FIRST_VISIT_YEAR = 2016;

const AREAS = Object.values(ActivityArea);
const INFLOWS = new Set<string>([TransactionKind.CONTRIBUTION, TransactionKind.MEMBER_FEE, TransactionKind.INTEREST]);

/** What a PRE_2025 province (by code) is like: how it reports, how its clubs fare, whether it keeps its approvals up to date. */
export interface ProvinceProfile {
  late: boolean;
  weak: boolean;
  approvalsBehind: boolean;
}

/** Deterministic per province and seed: about 20 % report late, 15 % have weaker clubs, 15 % approve a quarter behind. */
export function provinceProfile(seed: number, code: string, structure: 'PRE_2025' | 'POST_2025' = 'PRE_2025'): ProvinceProfile {
  const rng = new Rng(seed, 7, Number(code), structure === 'PRE_2025' ? 0 : 1);
  return { late: rng.chance(0.2), weak: rng.chance(0.15), approvalsBehind: rng.chance(0.15) };
}

const monthStart = (m: number) => day(Math.floor(m / 12), (m % 12) + 1, 1);
/** A month (monthIndex) as its first day, ISO. */
export const isoMonth = (m: number) => iso(monthStart(m));

/** Per month from `first`, a running count of the members open at each month's end (and of the volunteers among them). */
function openAtMonthEnds(members: readonly MemberDraft[], first: number, months: number, only?: (m: MemberDraft) => boolean): Int32Array {
  const delta = new Int32Array(months + 1);
  for (const m of members) {
    if (only && !only(m)) continue;
    // Open at a month's end: joined on or before it, not left on or before it.
    const from = Math.max(0, monthIndex(m.joinedOn) - first);
    if (from >= months) continue;
    delta[from] += 1;
    if (m.leftOn !== Infinity) {
      const to = monthIndex(m.leftOn) - first;
      if (to < months) delta[Math.max(0, to)] -= 1;
    }
  }
  const open = new Int32Array(months);
  let running = 0;
  for (let i = 0; i < months; i++) open[i] = running += delta[i];
  return open;
}

/** The COPY rows of one club's reports (without their ids, added by the caller). */
export function clubReports(rng: Rng, plan: ClubPlan, members: readonly MemberDraft[], meetings: readonly MeetingDraft[], funds: readonly FundDraft[], profile: ProvinceProfile): string[] {
  const first = monthIndex(plan.foundedOn);
  const last = Math.min(LAST_REPORTED_MONTH, plan.dissolvedOn !== null ? monthIndex(plan.dissolvedOn) : Infinity);
  if (last < first || rng.chance(0.015)) return []; // a club that never reports
  const months = last - first + 1;
  const stopsAfter = plan.suspendedOn !== null ? monthIndex(plan.suspendedOn) - 1 : Infinity;

  const held = new Int16Array(months);
  const present = new Int32Array(months);
  const areas: string[][] = Array.from({ length: months }, () => []);
  for (const mt of meetings) {
    const i = monthIndex(mt.heldOn) - first;
    if (i < 0 || i >= months) continue;
    held[i] += 1;
    present[i] += mt.attendance;
    for (const a of mt.areas.slice(1, -1).split(',')) if (a && !areas[i].includes(a)) areas[i].push(a);
  }
  const joined = new Int16Array(months);
  const left = new Int16Array(months);
  for (const m of members) {
    const j = monthIndex(m.joinedOn) - first;
    if (j >= 0 && j < months) joined[j] += 1;
    if (m.leftOn !== Infinity) {
      const l = monthIndex(m.leftOn) - first;
      if (l >= 0 && l < months) left[l] += 1;
    }
  }
  const open = openAtMonthEnds(members, first, months);
  const volunteers = openAtMonthEnds(members, first, months, (m) => m.homeCareVolunteer);
  // Fund capital at each month's end: inflows less expenses to date (loans only move money between cash and loans).
  const flow = new Float64Array(months + 1);
  let before = 0;
  for (const f of funds) {
    for (const t of f.ledger) {
      const amount = INFLOWS.has(t.kind) ? t.amount : t.kind === TransactionKind.EXPENSE ? -t.amount : 0;
      if (amount === 0) continue;
      const i = monthIndex(t.day) - first;
      if (i < 0) before += amount;
      else if (i < months) flow[i] += amount;
    }
  }

  const rows: string[] = [];
  let capital = before;
  for (let i = 0; i < months; i++) {
    capital += flow[i];
    const m = first + i;
    if (m > stopsAfter || rng.chance(0.03)) continue;
    // Submitted in the next month: late provinces mostly after the 10th, the others mostly by it.
    const next = m + 1;
    const y = Math.floor(next / 12);
    const mo = (next % 12) + 1;
    const lateOne = rng.chance(profile.late ? 0.7 : 0.05);
    const dom = lateOne ? rng.int(11, Math.min(28, daysInMonth(y, mo))) : rng.int(1, 10);
    const submitted = day(y, mo, dom);
    if (submitted > AS_OF) continue; // not in yet
    const sortedAreas = AREAS.filter((a) => areas[i].includes(a));
    const homeCare = volunteers[i] * rng.int(2, 6);
    const checks = Math.round(open[i] * rng.range(0.05, 0.3));
    const on = iso(submitted);
    rows.push(
      `${plan.id}\t${isoMonth(m)}\t${on}\t${on}\tBan chủ nhiệm ${plan.code}\tENTERED\t${held[i]}\t${present[i]}\t{${sortedAreas.join(',')}}\t${joined[i]}\t${left[i]}\t${homeCare}\t${checks}\t${Math.max(0, Math.round(capital))}\t1\t${on} 17:00:00+07\t${on} 17:00:00+07`,
    );
  }
  return rows;
}

const RATINGS = ['GOOD', 'FAIR', 'WEAK'] as const;
type Rating = (typeof RATINGS)[number];
const SCORE_RANGE: Record<Rating, [number, number]> = { GOOD: [3, 5], FAIR: [2, 4], WEAK: [0, 3] };
const NOTES: Record<Rating, string[]> = {
  GOOD: ['Câu lạc bộ sinh hoạt đều, sổ sách quỹ rõ ràng.', 'Duy trì tốt hoạt động chăm sóc tại nhà.'],
  FAIR: ['Cần củng cố sổ sách quỹ tạo thu nhập.', 'Sinh hoạt chưa đều một số tháng.'],
  WEAK: ['Nhiều tháng không sinh hoạt; đề nghị kiện toàn Ban chủ nhiệm.', 'Quỹ tạo thu nhập nợ quá hạn cao, cần rà soát.'],
};

function drawRating(rng: Rng, weak: boolean): Rating {
  const x = rng.float();
  const [good, fair] = weak ? [0.4, 0.35] : [0.62, 0.3];
  return x < good ? 'GOOD' : x < good + fair ? 'FAIR' : 'WEAK';
}

/**
 * The COPY rows of one club's supervision visits (without ids): most years one visit by the commune or district
 * association (sometimes a second, or the province's), from 2016 or its founding to its last active day. A club
 * keeps its usual rating more often than not; about 60 % GOOD, 30 % FAIR, 10 % WEAK, weaker in weak provinces.
 */
export function clubVisits(rng: Rng, plan: ClubPlan, profile: ProvinceProfile): string[] {
  const rows: string[] = [];
  const from = Math.max(plan.foundedOn + 30, day(FIRST_VISIT_YEAR, 1, 1));
  const to = Math.min(lastMeetingDay(plan), AS_OF);
  if (to <= from) return rows;
  const usual = drawRating(rng, profile.weak);
  for (let y = Math.floor(monthIndex(from) / 12); y <= Math.floor(monthIndex(to) / 12); y++) {
    const visits = rng.chance(0.88) ? (rng.chance(0.15) ? 2 : 1) : 0;
    const lo = Math.max(from, day(y, 1, 1));
    const hi = Math.min(to, day(y, 12, 31));
    if (hi < lo) continue;
    const days = Array.from({ length: visits }, () => rng.int(lo, hi)).sort((a, b) => a - b);
    for (const d of days) {
      const rating = rng.chance(0.65) ? usual : drawRating(rng, profile.weak);
      const level = rng.chance(0.1) ? 'PROVINCE' : d < REFORM && rng.chance(0.4) ? 'DISTRICT' : 'COMMUNE';
      const [lo2, hi2] = SCORE_RANGE[rating];
      const scores = AREAS.filter(() => rng.chance(0.85)).map((a) => `"${a}": ${rng.int(lo2, hi2)}`);
      const note = rng.chance(0.3) ? rng.pick(NOTES[rating]) : NULL;
      rows.push(`${plan.id}\t${iso(d)}\t${level}\t{${scores.join(', ')}}\t${rating}\t${note}\t1\t${iso(d)} 16:00:00+07`);
    }
  }
  return rows;
}

/** One approval row (without id). */
export interface ApprovalDraft {
  structure: 'PRE_2025' | 'POST_2025';
  code: string;
  level: 'COMMUNE' | 'DISTRICT' | 'PROVINCE';
  month: number;
}

/**
 * Approvals from January 2024 to the last full quarter: for each month, every commune with a club expected that
 * month (where the club was: demo clubs never move), then the districts (months before the reform) and the
 * provinces above them, in the approval order. A province that approves a quarter behind has its communes'
 * last quarter approved but nothing above them yet.
 */
export function approvals(plans: readonly ClubPlan[], profileOf: (preProvinceCode: string) => ProvinceProfile, postProfileOf: (postProvinceCode: string) => ProvinceProfile): string[] {
  const units = new Map<string, ApprovalDraft>();
  const add = (a: ApprovalDraft) => units.set(`${a.structure}|${a.code}|${a.month}`, a);
  for (const p of plans) {
    const first = Math.max(FIRST_APPROVED_MONTH, monthIndex(p.foundedOn));
    const last = Math.min(LAST_APPROVED_MONTH, p.dissolvedOn !== null ? monthIndex(p.dissolvedOn) : Infinity);
    for (let m = first; m <= last; m++) {
      const pre = monthStart(m) < REFORM;
      if (pre && !p.pre) continue;
      const behind = pre ? profileOf(p.pre!.province.code).approvalsBehind : postProfileOf(p.post.province.code).approvalsBehind;
      const above = !behind || m <= LAST_APPROVED_MONTH - 3;
      if (pre) {
        add({ structure: 'PRE_2025', code: p.pre!.code, level: 'COMMUNE', month: m });
        if (above) {
          add({ structure: 'PRE_2025', code: p.pre!.district.code, level: 'DISTRICT', month: m });
          add({ structure: 'PRE_2025', code: p.pre!.province.code, level: 'PROVINCE', month: m });
        }
      } else {
        add({ structure: 'POST_2025', code: p.post.code, level: 'COMMUNE', month: m });
        if (above) add({ structure: 'POST_2025', code: p.post.province.code, level: 'PROVINCE', month: m });
      }
    }
  }
  const LEVEL_ORDER = { COMMUNE: 0, DISTRICT: 1, PROVINCE: 2 };
  return [...units.values()]
    .sort((a, b) => a.month - b.month || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.structure + a.code < b.structure + b.code ? -1 : 1))
    .map((a) => {
      // Approved in the month after the quarter: communes on the 15th, districts on the 20th, provinces on the 25th.
      const quarterEnd = Math.floor(a.month / 3) * 3 + 2;
      const when = monthStart(quarterEnd + 1) + 14 + 5 * LEVEL_ORDER[a.level];
      return `${a.structure}\t${a.code}\t${a.level}\t${isoMonth(a.month)}\tHội NCT ${a.level === 'COMMUNE' ? 'xã' : a.level === 'DISTRICT' ? 'huyện' : 'tỉnh'} ${a.code}\t${iso(Math.min(when, AS_OF))} 09:00:00+07`;
    });
}
