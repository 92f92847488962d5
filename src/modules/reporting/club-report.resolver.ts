import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { BadUserInputError, ForbiddenError } from '../../errors';
import { pageRequest, toConnection } from '../../graphql/pagination';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { Commune } from '../admin-unit/admin-unit.types';
import { listArea } from '../admin-unit/unit-ref';
import { Club } from '../club/club.entity';
import { Checks } from '../shared/checks';
import { ClubReport } from './club-report.entity';
import { RecordClubReportInput, SubmitClubReportInput } from './club-report.inputs';
import { countMissingReports, missingReports } from './club-report.repository';
import { recordClubReport, ReportWrite, submitClubReport } from './club-report.service';
import { ClubReportPayload, MissingReport, MissingReportConnection, ReportStatus, ReportWriteAction } from './club-report.types';
import { readMonth } from './club-report.writes';

const ACTION = { create: ReportWriteAction.CREATED, update: ReportWriteAction.REPLACED, unchanged: ReportWriteAction.UNCHANGED } as const;
const payload = (write: ReportWrite): ClubReportPayload => ({ report: write.report, action: ACTION[write.action] });

/** A month argument (YYYY-MM) as its first day; a wrong one is BAD_USER_INPUT naming the argument. */
function monthArg(name: string, value: string): string {
  const checks = new Checks();
  const month = readMonth(checks, name, value);
  if (!month) throw new BadUserInputError(checks.problems[0].message, name);
  return month;
}

@Resolver()
export class ClubReportMutations {
  @Mutation(() => ClubReportPayload, { description: "Records a club's monthly report with its figures; re-submitting a month replaces its report (audited)." })
  async recordClubReport(@Arg('input') input: RecordClubReportInput, @Ctx() ctx: HubContext): Promise<ClubReportPayload> {
    return payload(await recordClubReport(ctx, input));
  }

  @Mutation(() => ClubReportPayload, {
    description:
      "Confirms a club's monthly report from the records entered for the month: meetings, attendance and activity areas from its meetings, " +
      'members who joined and left, fund capital at the month end; home-care visits and health checks have no records: 0.',
  })
  async submitClubReport(@Arg('input') input: SubmitClubReportInput, @Ctx() ctx: HubContext): Promise<ClubReportPayload> {
    return payload(await submitClubReport(ctx, input));
  }
}

@Resolver(() => Club)
export class ClubReportsField {
  @FieldResolver(() => [ClubReport], { description: "The club's monthly reports, oldest month first (the figures are aggregates, readable with the club)." })
  reports(
    @Root() club: Club,
    @Arg('from', () => String, { nullable: true, description: 'From this month (YYYY-MM).' }) from: string | undefined,
    @Arg('to', () => String, { nullable: true, description: 'To this month (YYYY-MM).' }) to: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<ClubReport[]> {
    const start = from ? monthArg('from', from) : null;
    const end = to ? monthArg('to', to) : null;
    if (start && end && start > end) throw new BadUserInputError('"from" must not be after "to"', 'from');
    return ctx.loaders.clubReports.reportsOfClub.load({ clubId: club.id, from: start, to: end });
  }
}

@Resolver(() => MissingReport)
export class ClubReportQueries {
  @Query(() => ClubReport, { nullable: true, description: "A club's report for a month; null when none was submitted." })
  async clubReport(@Arg('clubCode') clubCode: string, @Arg('month', { description: 'YYYY-MM' }) month: string, @Ctx() ctx: HubContext): Promise<ClubReport | null> {
    const first = monthArg('month', month);
    const club = await ctx.loaders.clubs.clubByCode.load(clubCode.trim());
    if (!club) return null;
    ctx.access.requireClub(club.place);
    const [report] = await ctx.loaders.clubReports.reportsOfClub.load({ clubId: club.id, from: first, to: first });
    return report ?? null;
  }

  @Query(() => MissingReportConnection, {
    description:
      'Expected monthly reports of the clubs under a unit (the nation when no code is given) that are missing or were first submitted after ' +
      'the deadline, for the months from "from" to "to" that have ended; by month, then club code.',
  })
  async missingReports(
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Arg('code', () => String, { nullable: true, description: 'The unit; default: the nation (an association: its own scope).' }) code: string | undefined,
    @Arg('from', { description: 'First month, YYYY-MM.' }) from: string,
    @Arg('to', { description: 'Last month, YYYY-MM.' }) to: string,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const start = monthArg('from', from);
    const end = monthArg('to', to);
    if (start > end) throw new BadUserInputError('"from" must not be after "to"', 'from');
    if ((Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7)) >= 120) {
      throw new BadUserInputError('At most 120 months at a time', 'to');
    }
    // Club names and codes: the rule of every list of clubs (an association sees its own area).
    const unit = listArea(ctx, structure, code ? { structure, code } : undefined);
    const request = pageRequest({ first, after });
    const rows = await missingReports(ctx.em, ctx.units, unit, start, end, { limit: request.limit, after: request.from ? String(request.from[0]) : null });
    return toConnection(
      { rows: rows as unknown as Array<Record<string, unknown>>, sortKey: 'sortKey', idKey: 'clubId' },
      request,
      (row) => {
        const r = row as unknown as Awaited<ReturnType<typeof missingReports>>[number];
        return Object.assign(new MissingReport(), {
          clubCode: r.code,
          clubName: r.name,
          commune: r.communeId ? ((ctx.units.byDbId(r.communeId) as Commune | undefined) ?? null) : null,
          meetingDay: r.meetingDay,
          month: r.month,
          status: r.status as ReportStatus,
          deadline: r.deadline,
          submittedOn: r.firstSubmittedOn,
          clubId: r.clubId,
          communeIds: { communePre2025Id: r.communePre2025Id ?? undefined, communePost2025Id: r.communePost2025Id ?? undefined },
        });
      },
      () => countMissingReports(ctx.em, ctx.units, unit, start, end),
    );
  }

  @FieldResolver(() => String, { nullable: true, description: "The club chair's name, to call: personal data (an association key for the area)." })
  async chairName(@Root() row: MissingReport, @Ctx() ctx: HubContext): Promise<string | null> {
    if (!ctx.access.mayReadPersonal(row.communeIds)) throw new ForbiddenError("The chair's name is personal data: it needs an association key for the area");
    const board = await ctx.loaders.members.boardOf(row.clubId);
    return board.find((m) => m.boardRole === 'CHAIR')?.fullName ?? null;
  }
}
