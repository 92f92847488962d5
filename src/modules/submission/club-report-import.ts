import { ActivityArea } from '../club/club.enums';
import { checkClubReports, ClubReportDraft } from '../reporting/club-report.writes';
import { lockedMessage } from '../reporting/period-lock';
import { ReportSource } from '../reporting/reporting.enums';
import { mapInTurns } from '../../turns';
import { CsvRow, RowProblem } from './csv-input';
import { Importer, ImportSession, outsideArea, PlannedRow } from './import.types';
import { RowReader } from './row-reader';

const COLUMNS = {
  required: ['club_code', 'month', 'meetings_held', 'attendance', 'new_members', 'members_left', 'home_care_visits', 'health_checks', 'fund_capital'],
  optional: ['activity_areas'],
} as const;

/** "HEALTH_CARE; livelihoods" → the areas; an unknown name is a problem of the column. */
function activityAreas(reader: RowReader): ActivityArea[] | undefined {
  const raw = reader.csv.cells.get('activity_areas')?.trim();
  if (!raw) return [];
  const areas: ActivityArea[] = [];
  for (const part of raw.split(/[;|]/).map((p) => p.trim()).filter(Boolean)) {
    const key = part.toUpperCase().replace(/[\s-]+/g, '_');
    const area = Object.values(ActivityArea).find((a) => a === key);
    if (!area) {
      reader.add('activity_areas', `"${part}" is not one of ${Object.values(ActivityArea).join(', ')} (separate several with ;)`);
      return undefined;
    }
    areas.push(area);
  }
  return areas;
}

/**
 * Monthly club reports: one row per club and month (YYYY-MM). Every row goes through the same check as the
 * recordClubReport mutation (club-report.writes.ts); a month already reported with other figures is replaced.
 */
export const clubReportImport: Importer = {
  kind: 'club-reports',
  columns: COLUMNS,
  async plan({ em, ctx, lock }: ImportSession, rows: CsvRow[]) {
    const readers = await mapInTurns(rows, (csv) => new RowReader(csv));
    const drafts = await mapInTurns(
      readers,
      (r): ClubReportDraft => ({
        checks: r.checks,
        clubCode: r.csv.cells.get('club_code')?.trim() || undefined,
        month: r.csv.cells.get('month'),
        source: ReportSource.IMPORTED,
        figures: {
          meetingsHeld: r.integer('meetings_held'),
          attendance: r.integer('attendance'),
          activityAreas: activityAreas(r),
          newMembers: r.integer('new_members'),
          membersLeft: r.integer('members_left'),
          homeCareVisits: r.integer('home_care_visits'),
          healthChecks: r.integer('health_checks'),
          fundCapital: r.money('fund_capital'),
        },
      }),
    );
    const verdicts = await checkClubReports(em, ctx, drafts, { lock });
    const planned: PlannedRow[] = [];
    const problems: RowProblem[] = [];
    for (const [i, verdict] of verdicts.entries()) {
      const reader = readers[i];
      if (verdict.kind === 'outside') problems.push(outsideArea(reader.row, 'club_code'));
      else if (verdict.kind === 'invalid') problems.push(...reader.problems());
      else if (verdict.kind === 'locked') problems.push({ row: reader.row, column: 'month', message: lockedMessage(verdict.lock), code: 'PERIOD_LOCKED' });
      else {
        const apply = verdict.apply;
        planned.push({ row: reader.row, action: verdict.action, apply: apply ? (tx) => void apply(tx) : undefined });
      }
    }
    return { planned, problems };
  },
};
