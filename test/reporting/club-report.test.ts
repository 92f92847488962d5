import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { todayInVietnam } from '../../src/time';
import { given } from '../support/given';
import { givenReporting } from '../support/given-reports';
import { startTestHub, TestHub } from '../support/hub';
import { DAK_LAK_PRE, errorOf, HA_TINH_PRE, ok, tableState } from '../write/support';

let hub: TestHub;
let haTinh: string;
let dakLak: string;
beforeAll(async () => {
  hub = await startTestHub();
  haTinh = await hub.key(Role.ASSOCIATION, HA_TINH_PRE);
  dakLak = await hub.key(Role.ASSOCIATION, DAK_LAK_PRE);
});
afterAll(async () => {
  await hub?.stop();
});

const figures = { meetingsHeld: 1, attendance: 42, activityAreas: ['HEALTH_CARE', 'LIVELIHOODS'], newMembers: 2, membersLeft: 0, homeCareVisits: 12, healthChecks: 30, fundCapital: '15000000' };
const record = (input: Record<string, unknown>, key?: string) => hub.operation('reporting/RecordClubReport.graphql', { input: { ...figures, ...input } }, key);
const auditOfReport = (clubId: number, month: string) =>
  hub.orm.em
    .fork()
    .getConnection()
    .execute(
      `select a.operation, a.before, a.after, a.organisation from audit_entry a join club_report r on r.id = a.entity_id
       where a.entity_type = 'ClubReport' and r.club_id = ? and r.month = ? order by a.id`,
      [clubId, `${month}-01`],
    );

describe('recordClubReport', () => {
  let club: Club;
  beforeAll(async () => {
    club = await given(hub.orm).club({ pre2025: '18769', foundedOn: '2022-05-20' });
  });

  it('records a month, replaces it when re-submitted with other figures (version, audit before/after), keeps the first submission day', async () => {
    const first = ok(await record({ clubCode: club.code, month: '2024-03' }, haTinh)).recordClubReport;
    const today = todayInVietnam();
    expect(first).toMatchObject({ action: 'CREATED' });
    expect(first.report).toMatchObject({ month: '2024-03-01', submittedOn: today, firstSubmittedOn: today, source: 'ENTERED', version: 1, attendance: 42, fundCapital: '15000000' });
    expect(first.report.submittedBy).toContain('Test ASSOCIATION');
    expect(first.report.activityAreas).toEqual(['HEALTH_CARE', 'LIVELIHOODS']);

    const same = ok(await record({ clubCode: club.code, month: '2024-03', activityAreas: ['LIVELIHOODS', 'HEALTH_CARE'] }, haTinh)).recordClubReport;
    expect(same).toMatchObject({ action: 'UNCHANGED', report: { version: 1 } });

    // A correction of a report first submitted long ago keeps that day: timeliness counts it.
    await hub.orm.em.fork().getConnection().execute(`update club_report set first_submitted_on = '2024-04-08', submitted_on = '2024-04-08' where club_id = ?`, [club.id]);
    const again = ok(await record({ clubCode: club.code, month: '2024-03', attendance: 45 })).recordClubReport;
    expect(again).toMatchObject({ action: 'REPLACED', report: { version: 2, attendance: 45, firstSubmittedOn: '2024-04-08', submittedOn: today } });
    const audit = await auditOfReport(club.id, '2024-03');
    expect(audit.map((a: any) => a.operation)).toEqual(['recordClubReport', 'recordClubReport']);
    expect(audit[0].before).toBeNull();
    expect(audit[1].before).toMatchObject({ attendance: 42, version: 1 });
    expect(audit[1].after).toMatchObject({ attendance: 45, version: 2 });
    expect(await givenReporting(hub.orm).reportsOf(club)).toHaveLength(1);
  });

  it('refuses months that have not ended, before the founding month or after the dissolution month, and wrong figures, all at once', async () => {
    const dissolved = await given(hub.orm).club({ pre2025: '18769', foundedOn: '2021-02-10', dissolvedOn: '2023-06-15', status: 'DISSOLVED' as never });
    const state = await tableState(hub);
    expect(errorOf(await record({ clubCode: club.code, month: '2099-01' }), 'BAD_USER_INPUT', 'input.month').message).toContain('has not ended');
    expect(errorOf(await record({ clubCode: club.code, month: '2022-04' }), 'BAD_USER_INPUT', 'input.month').message).toContain('founded on 2022-05-20');
    // The founding month itself counts (the club is expected for it).
    ok(await record({ clubCode: club.code, month: '2022-05' }));
    ok(await record({ clubCode: dissolved.code, month: '2023-06' }));
    expect(errorOf(await record({ clubCode: dissolved.code, month: '2023-07' }), 'BAD_USER_INPUT', 'input.month').message).toContain('dissolved on 2023-06-15');
    const many = errorOf(await record({ clubCode: club.code, month: '2024-13', attendance: -1, meetingsHeld: 40, fundCapital: '-5' }), 'BAD_USER_INPUT');
    expect(many.extensions!.problems.map((p: any) => p.field).sort()).toEqual(['input.attendance', 'input.fundCapital', 'input.meetingsHeld', 'input.month']);
    errorOf(await record({ clubCode: club.code, month: '2024-02', meetingsHeld: 0, attendance: 10 }), 'BAD_USER_INPUT', 'input.attendance');
    errorOf(await record({ clubCode: 'NO-SUCH-CLUB', month: '2024-02' }), 'BAD_USER_INPUT', 'input.clubCode');
    const after = await tableState(hub);
    expect(after.club).toEqual(state.club);
  });

  it('is written by associations in scope only, and refused in an approved month with nothing written', async () => {
    errorOf(await record({ clubCode: club.code, month: '2024-05' }, dakLak), 'FORBIDDEN');
    errorOf(await record({ clubCode: club.code, month: '2024-05' }, await hub.key(Role.PARTNER)), 'FORBIDDEN');
    const [row] = await hub.orm.em.fork().getConnection().execute(`select u.code from club c join admin_unit u on u.id = c.commune_pre2025_id where c.id = ?`, [club.id]);
    await givenReporting(hub.orm).approve('PRE_2025', row.code, '2024-06');
    const before = await givenReporting(hub.orm).reportsOf(club);
    const locked = errorOf(await record({ clubCode: club.code, month: '2024-06' }, haTinh), 'PERIOD_LOCKED');
    expect(locked.extensions).toMatchObject({ field: 'input.month', locks: [{ clubCode: club.code, month: '2024-06', unit: `PRE_2025:${row.code}` }] });
    errorOf(await hub.operation('reporting/SubmitClubReport.graphql', { input: { clubCode: club.code, month: '2024-06' } }), 'PERIOD_LOCKED');
    expect(await givenReporting(hub.orm).reportsOf(club)).toEqual(before);
    // The month before is open.
    ok(await record({ clubCode: club.code, month: '2024-05' }, haTinh));
  });
});

describe('submitClubReport', () => {
  it("derives the month's figures from its meetings, memberships and fund capital (as the indicators count it), and says so in the source", async () => {
    const g = given(hub.orm);
    const club = await g.club({ pre2025: '18769', foundedOn: '2023-01-10' });
    await g.meeting(club, { heldOn: '2024-03-05', attendance: 30, activityAreas: ['HEALTH_CARE', 'HOME_CARE'] as never });
    await g.meeting(club, { heldOn: '2024-03-25', attendance: 35, activityAreas: ['HEALTH_CARE', 'LIVELIHOODS'] as never });
    await g.meeting(club, { heldOn: '2024-04-02', attendance: 50 });
    await g.member(club, { joinedOn: '2023-02-01', leftOn: '2024-03-31', leaveReason: 'MOVED_AWAY' as never });
    await g.member(club, { joinedOn: '2024-03-01' });
    await g.member(club, { joinedOn: '2024-03-31' });
    await g.member(club, { joinedOn: '2024-04-01' });
    const fund = await g.fund(club, { openedOn: '2023-02-01' });
    await g.transaction(fund, { occurredOn: '2023-02-01', amount: 10_000_000n });
    await g.transaction(fund, { occurredOn: '2024-03-31', kind: 'EXPENSE' as never, amount: 1_500_000n });
    await g.transaction(fund, { occurredOn: '2024-04-01', amount: 7_000_000n });

    const submitted = ok(await hub.operation('reporting/SubmitClubReport.graphql', { input: { clubCode: club.code, month: '2024-03' } }, haTinh)).submitClubReport;
    expect(submitted).toMatchObject({ action: 'CREATED' });
    expect(submitted.report).toEqual(
      expect.objectContaining({
        month: '2024-03-01',
        source: 'DERIVED',
        meetingsHeld: 2,
        attendance: 65,
        activityAreas: ['HEALTH_CARE', 'HOME_CARE', 'LIVELIHOODS'],
        newMembers: 2,
        membersLeft: 1,
        homeCareVisits: 0,
        healthChecks: 0,
        fundCapital: '8500000',
      }),
    );
    // The fund_capital indicator of the club's commune for that month agrees.
    const [{ capital }] = await hub.orm.em.fork().getConnection().execute(
      `select s.capital::text from club_month s where s.club_id = ? and s.month <= '2024-03-31' and s.until > '2024-03-31'`,
      [club.id],
    );
    expect(capital).toBe('8500000');
    // Confirming again with nothing changed writes nothing; a meeting recorded later changes the derived report.
    expect(ok(await hub.operation('reporting/SubmitClubReport.graphql', { input: { clubCode: club.code, month: '2024-03' } })).submitClubReport.action).toBe('UNCHANGED');
    await g.meeting(club, { heldOn: '2024-03-15', attendance: 20, activityAreas: [] });
    const replaced = ok(await hub.operation('reporting/SubmitClubReport.graphql', { input: { clubCode: club.code, month: '2024-03' } })).submitClubReport;
    expect(replaced).toMatchObject({ action: 'REPLACED', report: { version: 2, meetingsHeld: 3, attendance: 85 } });
    expect((await auditOfReport(club.id, '2024-03')).map((a: any) => a.operation)).toEqual(['submitClubReport', 'submitClubReport']);
    errorOf(await hub.operation('reporting/SubmitClubReport.graphql', { input: { clubCode: club.code, month: '2024-03' } }, dakLak), 'FORBIDDEN');
  });
});

describe('POST /imports/club-reports', () => {
  const HEADER = 'club_code,month,meetings_held,attendance,activity_areas,new_members,members_left,home_care_visits,health_checks,fund_capital';
  const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\r\n')}\r\n`;
  const upload = async (file: string, opts: { key?: string; dryRun?: boolean } = {}) => {
    const res = await fetch(`${hub.url}/imports/club-reports${opts.dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${opts.key ?? hub.adminKey}` },
      body: file,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('checks every row by number in a dry run (outside the area, approved months, wrong cells, repeats), then writes all rows once', async () => {
    const g = given(hub.orm);
    const a = await g.club({ pre2025: '18769', foundedOn: '2022-01-01' });
    const b = await g.club({ pre2025: '18769', foundedOn: '2022-01-01' });
    const far = await g.club({ pre2025: '24121', foundedOn: '2022-01-01' });
    const [row] = await hub.orm.em.fork().getConnection().execute(`select u.code from club c join admin_unit u on u.id = c.commune_pre2025_id where c.id = ?`, [b.id]);
    await givenReporting(hub.orm).approve('PRE_2025', row.code, '2023-02');
    const state = await tableState(hub);
    const bad = csv(
      `${a.code},2023-01,1,40,HEALTH_CARE;livelihoods,1,0,5,12,"2.500.000"`,
      `${a.code},2023-01,1,41,,1,0,5,12,2500000`,
      `${b.code},2023-02,1,40,,0,0,0,0,0`,
      `${far.code},2023-01,1,40,,0,0,0,0,0`,
      `${a.code},01/2023,x,40,SINGING,0,0,0,0,0`,
      `NOPE,2023-01,1,40,,0,0,0,0,0`,
    );
    const dry = await upload(bad, { key: haTinh, dryRun: true });
    // Rows outside the area make it 403, as for every import; the report still lists every row's problems.
    expect(dry.status).toBe(403);
    expect(dry.body).toMatchObject({ kind: 'club-reports', dryRun: true, applied: false, rows: 6 });
    const problems = dry.body.problems.map((p: any) => [p.row, p.column, p.code]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [3, 'month', 'INVALID'],
        [4, 'month', 'PERIOD_LOCKED'],
        [5, 'club_code', 'FORBIDDEN'],
        [6, 'month', 'INVALID'],
        [6, 'meetings_held', 'INVALID'],
        [6, 'activity_areas', 'INVALID'],
        [7, 'club_code', 'INVALID'],
      ]),
    );
    expect(problems.filter((p: any) => p[0] === 2)).toEqual([]);
    // A real run of the same file: refused, nothing written.
    expect((await upload(bad, { key: haTinh })).body).toMatchObject({ applied: false });
    expect(await tableState(hub)).toEqual(state);

    const good = csv(`${a.code},2023-01,1,40,HEALTH_CARE;livelihoods,1,0,5,12,"2.500.000"`, `${a.code},2023-03,0,0,,0,1,3,0,0`, `${b.code},2023-03,1,38,,0,0,0,0,100000`);
    const dryGood = await upload(good, { key: haTinh, dryRun: true });
    expect(dryGood.body).toMatchObject({ applied: false, created: 3, problems: [] });
    expect(await tableState(hub)).toEqual(state);
    const applied = await upload(good, { key: haTinh });
    expect(applied.body).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0, auditEntries: 3, problems: [] });
    expect(await givenReporting(hub.orm).reportsOf(a)).toEqual([
      expect.objectContaining({ month: '2023-01', source: 'IMPORTED', version: 1, attendance: 40, fund_capital: '2500000' }),
      expect.objectContaining({ month: '2023-03', source: 'IMPORTED', meetings_held: 0 }),
    ]);
    expect((await upload(good, { key: haTinh })).body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3, auditEntries: 0 });
    const changed = await upload(csv(`${a.code},2023-01,2,80,,1,0,5,12,2500000`), { key: haTinh });
    expect(changed.body).toMatchObject({ applied: true, updated: 1, auditEntries: 1 });
    const audit = await auditOfReport(a.id, '2023-01');
    expect(audit.map((x: any) => x.operation)).toEqual(['import:club-reports', 'import:club-reports']);
    expect(audit[1].before).toMatchObject({ attendance: 40, version: 1 });
    expect(audit[1].after).toMatchObject({ attendance: 80, version: 2, source: 'IMPORTED' });
  });
});

describe('reading reports', () => {
  it('Club.reports for any number of clubs costs the same statements; clubReport finds one month; partners read them, anonymous callers do not', async () => {
    const g = given(hub.orm);
    const r = givenReporting(hub.orm);
    // Clubs of another province (Quảng Bình, 44) so the counts below see only them.
    const commune = (await hub.orm.em.fork().getConnection().execute(`select code from admin_unit where structure = 'PRE_2025' and level = 'COMMUNE' and path like '44/%' order by code limit 1`))[0].code;
    const clubs: Club[] = [];
    for (let i = 0; i < 6; i++) clubs.push(await g.club({ pre2025: commune, foundedOn: '2022-01-01' }));
    for (const [i, club] of clubs.entries()) for (let m = 1; m <= 1 + (i % 3); m++) await r.report(club, `2023-0${m}`);

    hub.sql.reset();
    const res = ok(await hub.operation('reporting/ProvinceClubReports.graphql', { code: '44', from: '2023-01', to: '2023-12' }));
    const statements = hub.sql.count;
    const nodes = res.province.clubs.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(6);
    expect(nodes.map((n: any) => n.reports.length)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(nodes[2].reports.map((x: any) => x.month)).toEqual(['2023-01-01', '2023-02-01', '2023-03-01']);
    // One statement for the clubs, one for all their reports.
    expect(statements).toBeLessThanOrEqual(2);
    for (let i = 0; i < 4; i++) await g.club({ pre2025: commune, foundedOn: '2022-01-01' });
    hub.sql.reset();
    ok(await hub.operation('reporting/ProvinceClubReports.graphql', { code: '44', from: '2023-02', to: '2023-03' }));
    expect(hub.sql.count).toBe(statements);

    const one = ok(await hub.graphql(`{ clubReport(clubCode: "${clubs[1].code}", month: "2023-02") { month meetingsHeld } }`, {}, await hub.key(Role.PARTNER)));
    expect(one.clubReport).toEqual({ month: '2023-02-01', meetingsHeld: 1 });
    expect(ok(await hub.graphql(`{ clubReport(clubCode: "${clubs[1].code}", month: "2023-04") { month } }`)).clubReport).toBeNull();
    errorOf(await hub.graphql(`{ clubReport(clubCode: "${clubs[1].code}", month: "2023-02") { month } }`, {}, null), 'FORBIDDEN');
    errorOf(await hub.graphql(`{ clubReport(clubCode: "${clubs[1].code}", month: "2023/02") { month } }`), 'BAD_USER_INPUT');
  });
});
