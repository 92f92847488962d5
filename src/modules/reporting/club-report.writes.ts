import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { actorLabel } from '../../auth/viewer';
import type { HubContext } from '../../context';
import { findInBatches } from '../../turns';
import { Club } from '../club/club.entity';
import { ActivityArea } from '../club/club.enums';
import { clubUnits } from '../club/club.service';
import { Checks } from '../shared/checks';
import { WriteTx } from '../shared/write';
import { lockedInputs } from '../shared/write-check';
import { ClubReport } from './club-report.entity';
import { LockedClaim, monthOf } from './period-lock';
import { ReportSource } from './reporting.enums';

/** The figures of a monthly report. */
export interface ClubReportFigures {
  meetingsHeld: number;
  attendance: number;
  activityAreas: ActivityArea[];
  newMembers: number;
  membersLeft: number;
  homeCareVisits: number;
  healthChecks: number;
  /** Whole đồng, zero or more. */
  fundCapital: bigint;
}

/**
 * One report to write, from a mutation (a batch of one) or a CSV row. Problems of the draft go to its own
 * `checks`, under input field names (clubCode, month, meetingsHeld…; the CSV reader maps them to columns).
 * A figure left undefined had a problem already (an unreadable cell).
 */
export interface ClubReportDraft {
  checks: Checks;
  clubCode: string | undefined;
  /** As given: YYYY-MM, or the month's first day YYYY-MM-01. */
  month: string | null | undefined;
  figures: { [K in keyof ClubReportFigures]?: ClubReportFigures[K] | null };
  source: ReportSource;
}

/** What the check decided for one draft. */
export type ClubReportVerdict =
  /** The club lies outside the caller's area: nothing else of it was looked at. */
  | { kind: 'outside' }
  /** Problems in the draft's checks. */
  | { kind: 'invalid' }
  /** The month is approved for the club's unit: unapprove it first. */
  | { kind: 'locked'; lock: LockedClaim }
  | { kind: 'write'; action: 'create' | 'update' | 'unchanged'; club: Club; month: string; apply?: (tx: WriteTx) => ClubReport };

const MONTH = /^(\d{4})-(\d{2})(?:-01)?$/;

/** YYYY-MM (or its first day) → the month's first day; anything else is a problem of the field. */
export function readMonth(checks: Checks, field: string, value: string | null | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) {
    checks.add(field, 'The month is required (YYYY-MM)');
    return undefined;
  }
  const m = MONTH.exec(raw);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    checks.add(field, `"${raw}" is not a month: write YYYY-MM`);
    return undefined;
  }
  return `${m[1]}-${m[2]}-01`;
}

/** The last day of the month starting on `month` (YYYY-MM-01). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const COUNTS: Array<[keyof ClubReportFigures, number]> = [
  ['meetingsHeld', 31],
  ['attendance', 100_000],
  ['newMembers', 1_000],
  ['membersLeft', 1_000],
  ['homeCareVisits', 100_000],
  ['healthChecks', 100_000],
];

/** The figures, each checked; undefined when any is missing or wrong. */
function checkFigures(draft: ClubReportDraft): ClubReportFigures | undefined {
  const { checks, figures } = draft;
  for (const [field, max] of COUNTS) {
    const value = figures[field] as number | null | undefined;
    if (value === null || value === undefined) {
      if (!checks.failed(field)) checks.add(field, `The ${field.replace(/([A-Z])/g, ' $1').toLowerCase()} figure is required (0 when there were none)`);
    } else checks.integer(field, value, 0, max);
  }
  if (figures.fundCapital === null || figures.fundCapital === undefined) {
    if (!checks.failed('fundCapital')) checks.add('fundCapital', 'The fund capital is required (0 when the club holds no fund)');
  } else if (figures.fundCapital < 0n) checks.add('fundCapital', 'The fund capital must be zero or a positive whole number of đồng');
  // A month's meetings cannot have more distinct attendances than meetings allow, but attendance is a sum over
  // meetings, so only "attendance without a meeting" is a contradiction.
  if (figures.meetingsHeld === 0 && (figures.attendance ?? 0) > 0) checks.add('attendance', 'Attendance is counted over the month\'s meetings: with no meeting held it must be 0');
  if (figures.meetingsHeld === 0 && (figures.activityAreas?.length ?? 0) > 0) checks.add('activityAreas', 'Activity areas are those the month\'s meetings covered: with no meeting held there are none');
  if (!checks.ok) return undefined;
  return { ...(figures as ClubReportFigures), activityAreas: [...new Set(figures.activityAreas ?? [])].sort() };
}

const same = (report: ClubReport, f: ClubReportFigures) =>
  report.meetingsHeld === f.meetingsHeld &&
  report.attendance === f.attendance &&
  [...report.activityAreas].sort().join() === f.activityAreas.join() &&
  report.newMembers === f.newMembers &&
  report.membersLeft === f.membersLeft &&
  report.homeCareVisits === f.homeCareVisits &&
  report.healthChecks === f.healthChecks &&
  BigInt(report.fundCapital) === f.fundCapital;

/** Who submits: the key's organisation and id (or the person's account, when there is one). */

/**
 * The one check of monthly reports, for a batch of drafts (the mutations are batches of one, a CSV file a batch
 * of many), in a fixed order: the club exists and lies in the caller's area (before anything of it is read);
 * the figures; the month (ended — a month may be reported from its last day on —, not before the club's founding
 * month, not after its dissolution month); one draft per club and month; the period lock. Then whether the
 * month's report is new, changed (re-submitted: replaced, its version bumped, the audit keeps before and after)
 * or as stored (nothing written). `lock` takes the clubs' rows FOR UPDATE, so what was checked is what is
 * written; apply runs in the caller's transaction, with its audit trail.
 */
export async function checkClubReports(em: EntityManager, ctx: HubContext, drafts: readonly ClubReportDraft[], opts: { lock: boolean }): Promise<ClubReportVerdict[]> {
  const codes = [...new Set(drafts.map((d) => d.clubCode?.trim()).filter((c): c is string => !!c))];
  const clubs = new Map(
    (await findInBatches(codes, (batch) => em.find(Club, { code: { $in: batch } }, opts.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}))).map((c) => [c.code, c]),
  );
  const verdicts: ClubReportVerdict[] = [];
  const pending: Array<{ i: number; club: Club; month: string; figures: ClubReportFigures }> = [];
  const seen = new Map<string, number>();
  for (const [i, draft] of drafts.entries()) {
    const { checks } = draft;
    const code = draft.clubCode?.trim();
    const club = code ? clubs.get(code) : undefined;
    if (club && !ctx.access.mayWrite(club.place)) {
      verdicts.push({ kind: 'outside' });
      continue;
    }
    if (!code) checks.add('clubCode', 'The club code is required');
    else if (!club) checks.add('clubCode', `No club has the code "${code}"`);
    const month = readMonth(checks, 'month', draft.month);
    const figures = checkFigures(draft);
    if (club && month) {
      if (monthEnd(month) > checks.today) {
        checks.add('month', `${month.slice(0, 7)} has not ended: a month may be reported from its last day (${monthEnd(month)}) on; today is ${checks.today} in Vietnam`);
      } else if (month < monthOf(club.foundedOn)) {
        checks.add('month', `The club was founded on ${club.foundedOn}, after ${month.slice(0, 7)}: it reports from ${club.foundedOn.slice(0, 7)} on`);
      } else if (club.dissolvedOn && month > monthOf(club.dissolvedOn)) {
        checks.add('month', `The club was dissolved on ${club.dissolvedOn}: its last report is for ${club.dissolvedOn.slice(0, 7)}`);
      } else {
        const key = `${club.id}|${month}`;
        const first = seen.get(key);
        if (first !== undefined) checks.add('month', `The report of ${club.code} for ${month.slice(0, 7)} is given more than once (first as entry ${first + 1}): one per club and month`);
        else seen.set(key, i);
      }
    }
    if (!checks.ok || !club || !month || !figures) {
      verdicts.push({ kind: 'invalid' });
      continue;
    }
    // Decided below, once the locks and stored reports of every pending draft are read in one statement each.
    verdicts.push({ kind: 'invalid' });
    pending.push({ i, club, month, figures });
  }

  // A report changes its own month only.
  const lockOf = await lockedInputs(em, pending.map((p) => ({ claims: [{ clubId: p.club.id, from: p.month, to: p.month }] })));
  const stored = await storedReports(em, pending.map((p) => ({ clubId: p.club.id, month: p.month })), opts.lock);
  const by = actorLabel(ctx.viewer);
  for (const [j, { i, club, month, figures }] of pending.entries()) {
    const lock = lockOf.get(j);
    if (lock) {
      verdicts[i] = { kind: 'locked', lock };
      continue;
    }
    const source = drafts[i].source;
    const existing = stored.get(`${club.id}|${month}`);
    if (existing && same(existing, figures)) {
      verdicts[i] = { kind: 'write', action: 'unchanged', club, month };
      continue;
    }
    verdicts[i] = {
      kind: 'write',
      action: existing ? 'update' : 'create',
      club,
      month,
      apply: ({ em: tx, ctx: writer, audit }) => {
        const today = drafts[i].checks.today;
        if (existing) {
          const report = tx.merge(existing);
          audit.track(report, () => clubUnits(writer.units, club));
          Object.assign(report, figures, { source, submittedOn: today, submittedBy: by });
          return report;
        }
        const report = Object.assign(new ClubReport(), {
          club: tx.getReference(Club, club.id),
          month,
          ...figures,
          source,
          submittedOn: today,
          firstSubmittedOn: today,
          submittedBy: by,
        });
        tx.persist(report);
        audit.track(report, () => clubUnits(writer.units, club));
        return report;
      },
    };
  }
  return verdicts;
}

/** The stored reports of (club, month) pairs, by `clubId|month`, in one statement per thousand pairs. */
async function storedReports(em: EntityManager, pairs: ReadonlyArray<{ clubId: number; month: string }>, lock: boolean): Promise<Map<string, ClubReport>> {
  const wanted = new Set(pairs.map((p) => `${p.clubId}|${p.month}`));
  const months = [...new Set(pairs.map((p) => p.month))];
  const found = await findInBatches([...new Set(pairs.map((p) => p.clubId))], (clubIds) =>
    em.find(ClubReport, { club: { $in: clubIds }, month: { $in: months } }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
  );
  return new Map(found.map((r) => [`${r.club.id}|${r.month}`, r] as const).filter(([key]) => wanted.has(key)));
}
