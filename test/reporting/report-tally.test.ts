import { Client } from 'pg';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { expectedReportsSql, monthEndSql } from '../../src/modules/reporting/expected';
import { tallyCommuneSql } from '../../src/modules/reporting/report-tally';
import { startTestHub, TestHub } from '../support/hub';
import { ok } from '../write/support';

/**
 * report_tally is kept by triggers inside every write. After writes of every kind that change what is expected
 * or received — clubs founded, re-dated, re-programmed, moved (today and on a named day), dissolved mid-month,
 * dissolutions undone, deleted; reports recorded, re-submitted, inserted outside the club's months (strays),
 * re-dated, moved to another month, deleted; the place history edited by hand; several rows at once; units
 * placed anew — it must equal a rebuild from scratch, and the expected, received and on-time counts (every
 * deadline day) must equal those of the records through expected.ts, the reads' definition; likewise its sums
 * per province (report_tally_province), rolled up through unit_placement as indicator tables roll up.
 */
let hub: TestHub;
let db: Client;
const A = 'RT-1';
const B = 'RT-2';
const C = 'RT-3';
const D = 'RT-4';

beforeAll(async () => {
  hub = await startTestHub();
  db = new Client({ connectionString: hub.orm.config.get('clientUrl') });
  await db.connect();
}, 60_000);

afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

const version = async (code: string) => (await db.query<{ version: number }>('select version from club where code = $1', [code])).rows[0].version;
const clubId = async (code: string) => (await db.query<{ id: number }>('select id from club where code = $1', [code])).rows[0].id;

/** A report row as a bulk import or a fix by hand would write it (the API writes today's date). */
async function insertReport(code: string, month: string, firstSubmittedOn: string) {
  await db.query(
    `insert into club_report (club_id, month, submitted_on, first_submitted_on, submitted_by, source, meetings_held, attendance, activity_areas,
       new_members, members_left, home_care_visits, health_checks, fund_capital)
     values ($1, $2, $3, $3, 'test', 'IMPORTED', 1, 10, '{}', 0, 0, 0, 0, 0)`,
    [await clubId(code), `${month}-01`, firstSubmittedOn],
  );
}

const record = async (clubCode: string, month: string, attendance = 20) =>
  ok(
    await hub.operation('reporting/RecordClubReport.graphql', {
      input: { clubCode, month, meetingsHeld: 2, attendance, activityAreas: [], newMembers: 0, membersLeft: 0, homeCareVisits: 0, healthChecks: 0, fundCapital: '0' },
    }),
  );

/**
 * The tally as reads see it, month by month to `until`: a month after the horizon has the horizon's expected
 * counts and no report. Rows that hold nothing are left out.
 */
const EFFECTIVE = (until: string) => `
  select gm::date as month, t.commune_pre2025_id, t.commune_post2025_id, t.programme, t.expected,
    case when gm <= z.month then t.received else 0 end as received,
    case when gm <= z.month then t.on_time else array_fill(0::smallint, array[28]) end as on_time
  from generate_series('2015-01-01'::date, '${until}'::date, interval '1 month') gm cross join report_tally_horizon z
  join report_tally t on t.month = least(gm::date, z.month)
  where t.expected <> 0`;

/** The same for the sums per province (report_tally_province), read from `provinces` with the horizon in `horizon`. */
const EFFECTIVE_PROVINCES = (until: string, provinces: string, horizon: string) => `
  select gm::date as month, t.structure, t.province_id, t.programme, t.expected,
    case when gm <= z.month then t.received else 0 end as received,
    case when gm <= z.month then t.on_time else array_fill(0, array[28]) end as on_time
  from generate_series('2015-01-01'::date, '${until}'::date, interval '1 month') gm cross join ${horizon} z
  join ${provinces} t on t.month = least(gm::date, z.month)
  where t.expected <> 0`;

/** Kept rows that a rebuild does not give, and the reverse (the rebuild rolled back): the tally's, then the provinces'. */
async function differencesFromRebuild(): Promise<{ kept: unknown[]; rebuilt: unknown[]; keptProvinces: unknown[]; rebuiltProvinces: unknown[] }> {
  await db.query('begin');
  try {
    await db.query('create temporary table kept_tally on commit drop as select * from report_tally');
    await db.query('create temporary table kept_provinces on commit drop as select * from report_tally_province');
    await db.query('create temporary table kept_horizon on commit drop as select * from report_tally_horizon');
    await db.query('select rebuild_report_tally()');
    const until = (await db.query<{ m: string }>(`select greatest((select month from kept_horizon), (select month from report_tally_horizon))::text as m`)).rows[0].m;
    await db.query(`create temporary table rebuilt on commit drop as ${EFFECTIVE(until)}`);
    await db.query(`create temporary table rebuilt_provinces on commit drop as ${EFFECTIVE_PROVINCES(until, 'report_tally_province', 'report_tally_horizon')}`);
    await db.query(`create temporary table kept_provinces_effective on commit drop as ${EFFECTIVE_PROVINCES(until, 'kept_provinces', 'kept_horizon')}`);
    await db.query('truncate report_tally; insert into report_tally select * from kept_tally; update report_tally_horizon set month = (select month from kept_horizon)');
    await db.query(`create temporary table kept on commit drop as ${EFFECTIVE(until)}`);
    const kept = (await db.query('select * from kept except all select * from rebuilt order by 1, 2, 3, 4')).rows;
    const rebuilt = (await db.query('select * from rebuilt except all select * from kept order by 1, 2, 3, 4')).rows;
    const keptProvinces = (await db.query('select * from kept_provinces_effective except all select * from rebuilt_provinces order by 1, 2, 3, 4')).rows;
    const rebuiltProvinces = (await db.query('select * from rebuilt_provinces except all select * from kept_provinces_effective order by 1, 2, 3, 4')).rows;
    return { kept, rebuilt, keptProvinces, rebuiltProvinces };
  } finally {
    await db.query('rollback');
  }
}

/** The province (or 0) a unit of `structure` in column `unit` counts in, as indicator tables roll up (unit_placement). */
const provinceOf = (structure: AdminStructure, unit: string) =>
  `coalesce((select coalesce(u.province_id, u.placed_id) from unit_placement u where u.structure = '${structure}' and u.unit_id = ${unit}), 0)`;

/**
 * Per structure, month to November 2026 and commune (then province): expected, received and on time (deadlines
 * 1–28) from the records, less the tally (then its sums per province).
 */
async function differencesFromRecords(): Promise<string[]> {
  const problems: string[] = [];
  for (const [structure, provinces] of [AdminStructure.PRE_2025, AdminStructure.POST_2025].flatMap((s) => [[s, false], [s, true]] as const)) {
    // Each report's days after the month's end; on time per deadline counted from them below.
    const records = `with months as (select gm::date as month from generate_series('2015-01-01'::date, '2026-11-01'::date, interval '1 month') gm),
      x as (${expectedReportsSql(structure, 'months m')})
      select x.month, ${provinces ? provinceOf(structure, 'x.commune_id') : 'x.commune_id'} as commune_id, count(*)::int as expected, count(r.id)::int as received,
        array_agg(r.first_submitted_on - ${monthEndSql('x.month')}) filter (where r.id is not null) as lateness
      from x left join club_report r on r.club_id = x.club_id and r.month = x.month
      group by 1, 2`;
    const { rows: fromRecordsRows } = await db.query<{ month: Date; commune_id: number; expected: number; received: number; lateness: number[] | null }>(records);
    const { rows: tallyRows } = await db.query<{ month: Date; commune_id: number; expected: number; received: number; on_time: number[] }>(
      provinces
        ? `select e.month, e.province_id as commune_id, sum(e.expected)::int as expected, sum(e.received)::int as received,
             array_agg(array_to_string(e.on_time, ',')) as on_time
           from (${EFFECTIVE_PROVINCES('2026-11-01', 'report_tally_province', 'report_tally_horizon')}) e where e.structure = '${structure}' group by 1, 2`
        : `select e.month, ${tallyCommuneSql(structure, 'e')} as commune_id, sum(e.expected)::int as expected, sum(e.received)::int as received,
             array_agg(array_to_string(e.on_time, ',')) as on_time
           from (${EFFECTIVE('2026-11-01')}) e group by 1, 2`,
    );
    const key = (r: { month: Date; commune_id: number }) => `${structure} ${provinces ? 'province' : 'commune'} ${r.month.toISOString().slice(0, 7)} ${r.commune_id}`;
    const want = new Map(
      fromRecordsRows.map((r) => {
        const late = (r.lateness ?? []).map(Number);
        return [key(r), { expected: r.expected, received: r.received, onTime: Array.from({ length: 28 }, (_, i) => late.filter((l) => l <= i + 1).length) }];
      }),
    );
    const got = new Map(
      tallyRows.map((r) => {
        const arrays = (r.on_time as unknown as string[]).map((s) => s.split(',').map(Number));
        return [key(r), { expected: r.expected, received: r.received, onTime: Array.from({ length: 28 }, (_, i) => arrays.reduce((sum, a) => sum + a[i], 0)) }];
      }),
    );
    for (const k of new Set([...want.keys(), ...got.keys()])) {
      if (JSON.stringify(want.get(k)) !== JSON.stringify(got.get(k))) problems.push(`${k}: records ${JSON.stringify(want.get(k))} ≠ tally ${JSON.stringify(got.get(k))}`);
    }
  }
  return problems;
}

async function expectExact() {
  expect(await differencesFromRebuild()).toEqual({ kept: [], rebuilt: [], keptProvinces: [], rebuiltProvinces: [] });
  expect((await differencesFromRecords()).slice(0, 10)).toEqual([]);
}

describe('the rule of an expected report', () => {
  it('gives the same months as a test (report_expected) and as a series (report_months), on every edge of a month', async () => {
    // Days around month ends (a leap February too), clubs never dissolved or dissolved on one of them, months from the one before.
    const days = `(values ('2023-12-31'::date), ('2024-01-01'), ('2024-01-15'), ('2024-01-31'), ('2024-02-01'), ('2024-02-28'), ('2024-02-29'), ('2024-03-01'), ('2024-04-30')) as v(d)`;
    const clubs = `select f.d as founded_on, x.d as dissolved_on from ${days.replace('as v(d)', 'as f(d)')} join (select null::date as d union all select d from ${days}) x on x.d is null or x.d >= f.d`;
    const months = `generate_series('2023-11-01'::date, '2024-06-01'::date, interval '1 month') gm`;
    const { rows } = await db.query<{ asTest: number; asSeries: number; byHand: number; differ: number }>(
      `with c as (${clubs}),
         as_test as (select c.founded_on, c.dissolved_on, gm::date as month from c, ${months} where report_expected(c.founded_on, c.dissolved_on, gm::date)),
         as_series as (select c.founded_on, c.dissolved_on, m as month from c, report_months(c.founded_on, c.dissolved_on, '2024-06-01') m),
         by_hand as (select c.founded_on, c.dissolved_on, gm::date as month from c, ${months}
           where c.founded_on < gm::date + interval '1 month' and (c.dissolved_on is null or c.dissolved_on >= gm::date))
       select (select count(*) from as_test)::int as "asTest", (select count(*) from as_series)::int as "asSeries", (select count(*) from by_hand)::int as "byHand",
         (select count(*) from ((select * from as_test except select * from as_series) union all (select * from as_series except select * from as_test)
           union all (select * from as_test except select * from by_hand) union all (select * from by_hand except select * from as_test)) d)::int as differ`,
    );
    expect(rows[0].asTest).toBeGreaterThan(100);
    expect(rows[0]).toEqual({ asTest: rows[0].byHand, asSeries: rows[0].byHand, byHand: rows[0].byHand, differ: 0 });
  });
});

describe('report_tally', () => {
  it('follows clubs founded and reports recorded, re-submitted, late, early and stray', async () => {
    const base = { name: 'CLB Liên thế hệ', programme: 'DECISION_1336' };
    ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, code: A, communePre2025: '18769', foundedOn: '2019-06-01' } }));
    ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, code: B, communePre2025: '24166', communePost2025: '24121', foundedOn: '2021-02-14' } }));
    ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, programme: 'NGO_PROJECT', code: C, communePre2025: '24166', communePost2025: '24121', foundedOn: '2024-03-15' } }));
    // After the reform: a new commune only.
    ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, code: D, communePost2025: '24121', foundedOn: '2025-08-01' } }));
    await expectExact();
    for (const month of ['2024-01', '2024-02', '2024-03']) await record(A, month);
    await record(A, '2024-02', 21); // re-submitted: the first day stays
    await insertReport(A, '2024-04', '2024-04-30'); // on the month's last day
    await insertReport(A, '2024-05', '2024-06-10');
    await insertReport(A, '2024-06', '2024-07-28');
    await insertReport(A, '2024-07', '2024-09-15'); // later than any deadline
    await insertReport(B, '2021-01', '2021-02-05'); // before its founding month: a stray
    await insertReport(B, '2021-02', '2021-03-01');
    await insertReport(C, '2024-03', '2024-04-11');
    await insertReport(C, '2024-04', '2024-05-03');
    await record(D, '2025-09');
    await insertReport(D, '2025-08', '2025-09-02');
    await expectExact();
  }, 120_000);

  it('follows clubs moved (today and on a named day), re-dated, re-programmed, dissolved mid-month and revived', async () => {
    ok(await hub.operation('club/MoveClub.graphql', { input: { code: A, expectedVersion: await version(A), communePre2025: '18766', movedOn: '2024-05-20' } }));
    await expectExact();
    ok(await hub.operation('club/MoveClub.graphql', { input: { code: B, expectedVersion: await version(B), communePre2025: '18769' } }));
    await expectExact();
    ok(await hub.operation('club/UpdateClub.graphql', { input: { code: C, expectedVersion: await version(C), foundedOn: '2024-04-02', programme: 'LOCAL_INITIATIVE' } }));
    await expectExact();
    ok(await hub.operation('club/DissolveClub.graphql', { input: { code: A, expectedVersion: await version(A), dissolvedOn: '2024-06-10' } }));
    await expectExact();
    await db.query(`update club set dissolved_on = null, status = 'ACTIVE' where code = $1`, [A]);
    await expectExact();
    await db.query(`update club set dissolved_on = '2025-01-31', status = 'DISSOLVED' where code = $1`, [A]);
    await expectExact();
  }, 120_000);

  it('follows statements the API does not make: reports re-dated, moved and deleted, history edited, clubs deleted, several rows at once', async () => {
    await db.query(`update club_report set first_submitted_on = first_submitted_on + 9 where month >= '2024-01-01'`);
    await db.query(`update club_report set submitted_on = submitted_on + 1`); // nothing the tally counts
    await expectExact();
    await db.query(`update club_report set month = '2024-09-01' where club_id = $1 and month = '2024-07-01'`, [await clubId(A)]);
    await db.query(`delete from club_report where club_id = $1 and month = '2024-01-01'`, [await clubId(A)]);
    await expectExact();
    await db.query(`update club_place_history set valid_from = '2020-01-01' where club_id = $1`, [await clubId(A)]);
    await expectExact();
    await db.query(`delete from club_place_history where club_id = $1`, [await clubId(B)]);
    await expectExact();
    await db.query(`update club set founded_on = founded_on - 40, programme = 'DECISION_1648'`);
    await expectExact();
    await db.query(`delete from club where code = $1`, [C]);
    await expectExact();
  }, 120_000);

  it('follows units placed anew: a placement edited, then every unit placed again', async () => {
    // B's commune counted in another province, as a changed crosswalk would place it; then the reference placement again.
    await db.query(
      `update unit_placement set placed_id = v.id, placed_level = 'PROVINCE', province_id = v.id, district_id = null
       from admin_unit v where v.structure = 'PRE_2025' and v.level = 'PROVINCE' and v.code = '01'
         and unit_placement.structure = 'PRE_2025' and unit_placement.unit_id = (select commune_pre2025_id from club where code = $1)`,
      [B],
    );
    await expectExact();
    await db.query('select rebuild_unit_placement()');
    await expectExact();
  }, 120_000);

  it('moves the horizon on for a club founded beyond it; months after the horizon read its expectations', async () => {
    const [{ month: horizon }] = (await db.query<{ month: string }>(`select month::text from report_tally_horizon`)).rows;
    const later = (await db.query<{ d: string }>(`select ($1::date + interval '30 months')::date::text as d`, [horizon])).rows[0].d;
    await db.query(
      `insert into club (code, name, commune_pre2025_id, founded_on, programme, status)
       select 'RT-5', 'CLB tương lai', commune_pre2025_id, $1::date, 'NGO_PROJECT', 'ACTIVE' from club where code = $2`,
      [later, A],
    );
    const [{ month: moved }] = (await db.query<{ month: string }>(`select month::text from report_tally_horizon`)).rows;
    expect(moved > later).toBe(true);
    await expectExact();
  }, 120_000);
});
