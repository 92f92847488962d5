import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { INDICATORS as CATALOGUE } from '../../src/modules/indicator/indicator.catalogue';
import { Structure, TableCheck } from '../indicator/expected';
import { given } from '../support/given';
import { givenReporting } from '../support/given-reports';
import { startTestHub, TestHub } from '../support/hub';
import { errorOf, ok } from '../write/support';

/**
 * Completeness and timeliness on a small world in Quảng Bình (PRE_2025 province 44), 2024:
 * - A (founded 2023) reports every month on time; March is corrected in 2025 (still on time: the first day counts);
 * - B (founded 15 June 2024) reports June–December, July late;
 * - C (dissolved 10 March 2024) is expected January–March, reports January and March, and has a stray May report;
 * - D moves on 1 July 2024 from commune X to commune Y and reports every month;
 * - E (founded 2025) has a stray report for November 2024.
 * Expected 12 + 7 + 3 + 12 = 34, received 33, on time 32; a stray report never counts.
 */
let hub: TestHub;
let clubs: Record<'A' | 'B' | 'C' | 'D' | 'E', Club>;
let X: string;
let Y: string;

const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2024-${String(from + i).padStart(2, '0')}`);

beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  const r = givenReporting(hub.orm);
  const communes = await hub.orm.em
    .fork()
    .getConnection()
    .execute(`select code from admin_unit where structure = 'PRE_2025' and level = 'COMMUNE' and path like '44/%' order by code`);
  [X, Y] = [communes[0].code, communes[communes.length - 1].code];
  clubs = {
    A: await g.club({ pre2025: X, foundedOn: '2023-01-01' }),
    B: await g.club({ pre2025: X, foundedOn: '2024-06-15' }),
    C: await g.club({ pre2025: Y, foundedOn: '2022-01-01', dissolvedOn: '2024-03-10', status: 'DISSOLVED' as never }),
    D: await g.club({ pre2025: X, foundedOn: '2022-01-01' }),
    E: await g.club({ pre2025: Y, foundedOn: '2025-01-01' }),
  };
  await g.member(clubs.C, { boardRole: 'CHAIR' as never, fullName: 'Lê Thị Chủ Nhiệm' });
  for (const m of months(1, 12)) await r.report(clubs.A, m);
  await hub.orm.em.fork().getConnection().execute(`update club_report set submitted_on = '2025-02-01', version = 2 where club_id = ? and month = '2024-03-01'`, [clubs.A.id]);
  for (const m of months(6, 12)) await r.report(clubs.B, m, m === '2024-07' ? { firstSubmittedOn: '2024-08-20' } : {});
  for (const m of ['2024-01', '2024-03', '2024-05']) await r.report(clubs.C, m);
  for (const m of months(1, 12)) await r.report(clubs.D, m);
  await r.report(clubs.E, '2024-11');
  const [y] = await hub.orm.em.fork().getConnection().execute(`select id from admin_unit where structure = 'PRE_2025' and code = ?`, [Y]);
  await hub.orm.em.fork().getConnection().execute(`update club set commune_pre2025_id = ?, placed_on = '2024-07-01' where id = ?`, [y.id, clubs.D.id]);
}, 60_000);

afterAll(async () => {
  await hub?.stop();
});

const IDS = ['reporting_completeness', 'reporting_timeliness'];

async function table(variables: Record<string, unknown>) {
  return ok(await hub.operation('indicator/Indicators.graphql', { ids: IDS, ...variables })).indicators.rows as Array<{
    indicatorId: string;
    unit: { code: string; level: string };
    period: string;
    categoryOptions: Array<{ dimension: string; option: string }>;
    value: number | null;
    numerator: number;
    denominator: number;
  }>;
}

const cell = (rows: Awaited<ReturnType<typeof table>>, id: string, code: string, period = '2024') =>
  rows.find((r) => r.indicatorId === id && r.unit.code === code && r.period === period && r.categoryOptions.length === 0)!;

describe('reporting completeness and timeliness', () => {
  it('count a report only against an expectation: never above 100 %, strays, dissolutions mid-month and moves as the expectation says', async () => {
    const periods = ['2024', '2024Q1', '2024Q3', '202403', '202411'];
    const rows = [
      ...(await table({ structure: 'PRE_2025', units: [{ structure: 'PRE_2025', code: '44' }], periods })),
      ...(await table({ structure: 'PRE_2025', level: 'COMMUNE', under: { structure: 'PRE_2025', code: '44' }, periods })),
    ];
    expect(rows.every((r) => r.value === null || (r.value >= 0 && r.value <= 100))).toBe(true);
    expect(rows.every((r) => r.numerator <= r.denominator)).toBe(true);
    expect(cell(rows, 'reporting_completeness', '44')).toMatchObject({ numerator: 33, denominator: 34, value: 97.06 });
    expect(cell(rows, 'reporting_timeliness', '44')).toMatchObject({ numerator: 32, denominator: 34, value: 94.12 });
    // March: A (corrected later, on time), C (dissolved on the 10th, reported), D (still in X); B not yet founded.
    expect(cell(rows, 'reporting_completeness', '44', '202403')).toMatchObject({ numerator: 3, denominator: 3, value: 100 });
    // November: A, B, D; E's report for a month before its founding is not counted.
    expect(cell(rows, 'reporting_completeness', '44', '202411')).toMatchObject({ numerator: 3, denominator: 3 });
    // D counts in X for January–June and in Y from July: X has A's 12, B's 7 and D's 6 months, Y C's 3 and D's 6.
    expect(cell(rows, 'reporting_completeness', X)).toMatchObject({ numerator: 25, denominator: 25 });
    expect(cell(rows, 'reporting_completeness', Y)).toMatchObject({ numerator: 8, denominator: 9 });
    // The third quarter in X: A and B (B's July late); D is in Y by then.
    expect(cell(rows, 'reporting_timeliness', X, '2024Q3')).toMatchObject({ numerator: 5, denominator: 6 });
    expect(cell(rows, 'reporting_completeness', Y, '2024Q3')).toMatchObject({ numerator: 3, denominator: 3 });
  });

  it.each<Structure>(['PRE_2025', 'POST_2025'])('equal independent SQL under %s for the nation, the provinces and communes', async (structure) => {
    const periods: Record<string, [string, string]> = { '2024': ['2024-01-01', '2024-12-31'], '2024Q1': ['2024-01-01', '2024-03-31'], '202407': ['2024-07-01', '2024-07-31'] };
    const nation = await table({ structure, periods: Object.keys(periods) });
    const provinces = await table({ structure, periods: Object.keys(periods), level: 'PROVINCE' });
    const province = structure === 'PRE_2025' ? '44' : provinces.find((r) => r.denominator > 0)!.unit.code;
    const communes = await table({ structure, periods: Object.keys(periods), level: 'COMMUNE', under: { structure, code: province } });
    const check = new TableCheck(hub.orm, CATALOGUE, { bounds: (period) => periods[period] });
    await check.check(structure, [...nation, ...provinces, ...communes]);
    expect(check.mismatches.slice(0, 20)).toEqual([]);
    expect(cell(nation, 'reporting_completeness', 'VN')).toMatchObject({ numerator: 33, denominator: 34 });
    expect(cell(provinces, 'reporting_completeness', province)).toMatchObject({ numerator: 33, denominator: 34 });
  });

  it('re-submissions and duplicate attempts never add a report: one per club and month', async () => {
    const before = cell(await table({ structure: 'PRE_2025', periods: ['2024'] }), 'reporting_completeness', 'VN');
    const input = { clubCode: clubs.A.code, month: '2024-05', meetingsHeld: 2, attendance: 70, activityAreas: [], newMembers: 0, membersLeft: 0, homeCareVisits: 0, healthChecks: 0, fundCapital: '0' };
    for (const attendance of [70, 71, 70]) ok(await hub.operation('reporting/RecordClubReport.graphql', { input: { ...input, attendance } }));
    await expect(givenReporting(hub.orm).report(clubs.A, '2024-05')).rejects.toThrow(/unique|duplicate/i);
    const after = cell(await table({ structure: 'PRE_2025', periods: ['2024'] }), 'reporting_completeness', 'VN');
    expect(after).toMatchObject({ numerator: before.numerator, denominator: before.denominator });
    // Timeliness keeps the first submission day of A's May (the 5th of June) after today's corrections (May: A and D).
    expect(cell(await table({ structure: 'PRE_2025', periods: ['202405'] }), 'reporting_timeliness', 'VN', '202405')).toMatchObject({ numerator: 2, denominator: 2 });
  });
});

describe('missingReports', () => {
  it('lists the missing and late reports of a unit and period, by month then club, page by page, with what an officer needs to call', async () => {
    const partner = await hub.key(Role.PARTNER);
    const all = ok(await hub.operation('reporting/MissingReports.graphql', { structure: 'PRE_2025', code: '44', from: '2024-01', to: '2024-12' }, partner)).missingReports;
    expect(all.totalCount).toBe(2);
    expect(all.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ clubCode: clubs.C.code, month: '2024-02-01', status: 'MISSING', submittedOn: null, deadline: '2024-03-10', commune: expect.objectContaining({ code: Y }) }),
      expect.objectContaining({ clubCode: clubs.B.code, month: '2024-07-01', status: 'LATE', submittedOn: '2024-08-20', deadline: '2024-08-10', commune: expect.objectContaining({ code: X }) }),
    ]);
    const first = ok(await hub.operation('reporting/MissingReports.graphql', { structure: 'PRE_2025', code: '44', from: '2024-01', to: '2024-12', first: 1 }, partner)).missingReports;
    expect(first.edges.map((e: any) => e.node.clubCode)).toEqual([clubs.C.code]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(
      await hub.operation('reporting/MissingReports.graphql', { structure: 'PRE_2025', code: '44', from: '2024-01', to: '2024-12', first: 1, after: first.pageInfo.endCursor }, partner),
    ).missingReports;
    expect(second.edges.map((e: any) => e.node.clubCode)).toEqual([clubs.B.code]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    // The same under the new structure, for the nation.
    expect(ok(await hub.operation('reporting/MissingReports.graphql', { structure: 'POST_2025', from: '2024-01', to: '2024-12' })).missingReports.totalCount).toBe(2);

    // The chair's name is personal: an admin (or the area's association) reads it, a partner gets FORBIDDEN at the field.
    const admin = ok(await hub.operation('reporting/MissingReportsWithChair.graphql', { structure: 'PRE_2025', code: '44', from: '2024-02', to: '2024-02' })).missingReports;
    expect(admin.edges[0].node).toMatchObject({ clubCode: clubs.C.code, chairName: 'Lê Thị Chủ Nhiệm' });
    const denied = await hub.operation('reporting/MissingReportsWithChair.graphql', { structure: 'PRE_2025', code: '44', from: '2024-02', to: '2024-02' }, partner);
    expect(denied.data!.missingReports.edges[0].node.chairName).toBeNull();
    expect(denied.errors![0]).toMatchObject({ path: ['missingReports', 'edges', 0, 'node', 'chairName'], extensions: { code: 'FORBIDDEN' } });
    errorOf(await hub.operation('reporting/MissingReports.graphql', { structure: 'PRE_2025', code: '44', from: '2024-01', to: '2024-12' }, null), 'FORBIDDEN');
    errorOf(await hub.operation('reporting/MissingReports.graphql', { structure: 'PRE_2025', code: '44', from: '2024-12', to: '2024-01' }), 'BAD_USER_INPUT');
  });
});
