import { mapInTurns } from '../../turns';
import { CareLevel, HomeCareHelp, ICOPE_DOMAINS, ScreeningResult } from '../health/health.enums';
import { checkHealthChecks, checkHomeCareVisits, HealthCheckDraft, HealthVerdict, HomeCareVisitDraft, MemberRef } from '../health/health.writes';
import { lockedMessage } from '../reporting/period-lock';
import { CsvRow, RowProblem } from './csv-input';
import { Importer, ImportPlan, ImportSession, PlannedRow } from './import.types';
import { RowReader } from './row-reader';

/** Screening results as health workers write them. */
const RESULT_ALIASES: Record<string, ScreeningResult> = {
  '+': ScreeningResult.POSITIVE,
  '-': ScreeningResult.NEGATIVE,
  'dương tính': ScreeningResult.POSITIVE,
  'âm tính': ScreeningResult.NEGATIVE,
  'chưa làm': ScreeningResult.NOT_DONE,
  'không làm': ScreeningResult.NOT_DONE,
};

/**
 * A row of a club the caller may not write health records for. Checked before anything of the club's members is
 * read, and it says nothing of them.
 */
const outsideHealthArea = (row: number): RowProblem => ({
  row,
  column: 'club_code',
  message: 'Health records of this club need the health permission for its area (an ADMIN key, or an association key or account with the health permission)',
  code: 'FORBIDDEN',
});

function memberRef(reader: RowReader, column: string): MemberRef | undefined {
  const clubCode = reader.csv.cells.get('club_code')?.trim();
  const ref = reader.csv.cells.get(column)?.normalize('NFC').trim();
  if (!clubCode) {
    if (!reader.checks.failed('club_code')) reader.add('club_code', 'The club code is required');
    return undefined;
  }
  if (!ref) {
    reader.add(column, `The ${column.replace(/_/g, ' ')} is required (the member_ref of the club's register)`);
    return undefined;
  }
  return { clubCode, ref };
}

function settle<T>(readers: RowReader[], verdicts: Array<HealthVerdict<T>>, lockedColumn: string): ImportPlan {
  const planned: PlannedRow[] = [];
  const problems: RowProblem[] = [];
  for (const [i, verdict] of verdicts.entries()) {
    const reader = readers[i];
    if (verdict.kind === 'outside') problems.push(outsideHealthArea(reader.row));
    else if (verdict.kind === 'invalid') problems.push(...reader.problems());
    else if (verdict.kind === 'locked') problems.push({ row: reader.row, column: lockedColumn, message: lockedMessage(verdict.lock), code: 'PERIOD_LOCKED' });
    else {
      const apply = verdict.action === 'unchanged' ? undefined : verdict.apply;
      planned.push({ row: reader.row, action: verdict.action, apply: apply ? (tx) => void apply(tx) : undefined });
    }
  }
  return { planned, problems };
}

/**
 * Health checks: one row per member and day, the member named by the club's code and the member_ref of its
 * register. The same check as recordHealthCheck (health.writes.ts); a day already recorded is replaced. Problems
 * speak of the file's own cells only, never of a stored record.
 */
export const healthCheckImport: Importer = {
  kind: 'health-checks',
  columns: {
    required: ['club_code', 'member_ref', 'checked_on'],
    optional: ['systolic', 'diastolic', 'weight_kg', 'height_cm', ...ICOPE_DOMAINS, 'referred', 'referral_level'],
  },
  async plan({ em, ctx, lock }: ImportSession, rows: CsvRow[]) {
    const readers = await mapInTurns(rows, (csv) => new RowReader(csv, { memberId: 'member_ref' }));
    const drafts = await mapInTurns(readers, (r): HealthCheckDraft => {
      const weight = r.csv.cells.get('weight_kg')?.trim().replace(',', '.');
      let weightKg: number | null = null;
      if (weight) {
        if (/^\d{1,3}(\.\d+)?$/.test(weight)) weightKg = Number(weight);
        else r.add('weight_kg', `"${weight}" is not a weight in kg (e.g. 52.5)`);
      }
      return {
        checks: r.checks,
        member: memberRef(r, 'member_ref'),
        memberField: 'member_ref',
        fields: {
          checkedOn: r.date('checked_on'),
          systolic: r.integer('systolic'),
          diastolic: r.integer('diastolic'),
          weightKg,
          heightCm: r.integer('height_cm'),
          ...Object.fromEntries(ICOPE_DOMAINS.map((d) => [d, r.choice(d, ScreeningResult, RESULT_ALIASES)])),
          referred: r.flag('referred'),
          referralLevel: r.choice('referral_level', CareLevel),
        },
      };
    });
    return settle(readers, await checkHealthChecks(em, ctx, drafts, { lock }), 'checked_on');
  },
};

/** Home-care visits: volunteer and member visited by member_ref in the club's register; the same check as recordHomeCareVisit. */
export const homeCareVisitImport: Importer = {
  kind: 'home-care-visits',
  columns: { required: ['club_code', 'volunteer_ref', 'visited_ref', 'visited_on', 'help'], optional: [] },
  async plan({ em, ctx, lock }: ImportSession, rows: CsvRow[]) {
    const readers = await mapInTurns(rows, (csv) => new RowReader(csv));
    const drafts = await mapInTurns(
      readers,
      (r): HomeCareVisitDraft => ({
        checks: r.checks,
        volunteer: memberRef(r, 'volunteer_ref'),
        visited: memberRef(r, 'visited_ref'),
        fields: { volunteer: 'volunteer_ref', visited: 'visited_ref' },
        visitedOn: r.date('visited_on'),
        help: r.choice('help', HomeCareHelp),
      }),
    );
    return settle(readers, await checkHomeCareVisits(em, ctx, drafts, { lock }), 'visited_on');
  },
};
