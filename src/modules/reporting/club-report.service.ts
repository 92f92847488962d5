import type { HubContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { Checks } from '../shared/checks';
import { runWrite, WriteTx } from '../shared/write';
import { ClubReport } from './club-report.entity';
import { RecordClubReportInput, SubmitClubReportInput } from './club-report.inputs';
import { derivedFigures } from './club-report.repository';
import { ClubReportDraft, ClubReportFigures, checkClubReports, ClubReportVerdict, readMonth } from './club-report.writes';
import { PeriodLockedError } from './period-lock';
import { ReportSource } from './reporting.enums';
import { Club } from '../club/club.entity';

/** What a report write answers: the month's report as stored, and whether this call changed it. */
export interface ReportWrite {
  report: ClubReport;
  action: 'create' | 'update' | 'unchanged';
}

/** A mutation's verdict as the API's errors, or the report written (a batch of one through the shared check). */
async function writeOne(tx: WriteTx, draft: ClubReportDraft): Promise<ReportWrite> {
  const [verdict] = await checkClubReports(tx.em, tx.ctx, [draft], { lock: true });
  return settle(tx, draft, verdict);
}

async function settle(tx: WriteTx, draft: ClubReportDraft, verdict: ClubReportVerdict): Promise<ReportWrite> {
  switch (verdict.kind) {
    case 'outside':
      throw new ForbiddenError('This club is outside your area: an association key may write only inside its scope');
    case 'invalid':
      draft.checks.throwIfAny();
      throw new Error('a report refused without a problem');
    case 'locked':
      throw new PeriodLockedError([verdict.lock], 'input.month');
    case 'write': {
      if (verdict.apply) return { report: verdict.apply(tx), action: verdict.action };
      const report = await tx.em.findOneOrFail(ClubReport, { club: verdict.club.id, month: verdict.month });
      return { report, action: 'unchanged' };
    }
  }
}

/** Records a club's monthly report with the figures given (re-submitting replaces the month's report). */
export function recordClubReport(ctx: HubContext, input: RecordClubReportInput): Promise<ReportWrite> {
  return runWrite(ctx, 'recordClubReport', (tx) =>
    writeOne(tx, {
      checks: new Checks(),
      clubCode: input.clubCode,
      month: input.month,
      source: ReportSource.ENTERED,
      figures: {
        meetingsHeld: input.meetingsHeld,
        attendance: input.attendance,
        activityAreas: input.activityAreas,
        newMembers: input.newMembers,
        membersLeft: input.membersLeft,
        homeCareVisits: input.homeCareVisits,
        healthChecks: input.healthChecks,
        fundCapital: input.fundCapital,
      },
    }),
  );
}

/**
 * Confirms a club's monthly report from the records already entered for the month (see derivedFigures); the
 * same check as any other report then applies.
 */
export function submitClubReport(ctx: HubContext, input: SubmitClubReportInput): Promise<ReportWrite> {
  return runWrite(ctx, 'submitClubReport', async (tx) => {
    const checks = new Checks();
    const draft: ClubReportDraft = { checks, clubCode: input.clubCode, month: input.month, source: ReportSource.DERIVED, figures: {} };
    // The figures are read only for a club the caller may write and a month that reads: the check says why not.
    const club = await tx.em.findOne(Club, { code: input.clubCode.trim() });
    const month = readMonth(new Checks(), 'month', input.month);
    if (club && month && ctx.access.mayWrite(club.place)) [draft.figures] = await derivedFigures(tx.em, [{ clubId: club.id, month }]);
    return writeOne(tx, draft);
  });
}

export type { ClubReportFigures };
