import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ok } from '../write/support';
import { TestHub } from '../support/hub';
import { placeMonthDifferences, startWithTwoClubs } from '../support/place-month';
import { Structure, TableCheck } from './expected';

/**
 * place_month and place_month_commune are kept by triggers inside every write (club_month's rewrites are covered
 * by club-month.test.ts). After writes to clubs and their place history of every kind — founded, re-dated,
 * moved today and on a named day, dissolved mid-month and undone, several at once, with no commune, deleted;
 * history edited and deleted by hand; units placed anew — they must equal a rebuild from scratch, and the
 * tables by province that read them (and, past their horizon, the clubs) must equal independent SQL.
 */
let hub: TestHub;
let db: Client;

const INDICATORS = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');
const A = 'PM-1';
const B = 'PM-2';
const IDS = ['active_clubs', 'new_clubs_1336', 'members', 'older_share', 'clubs_50_70_members', 'commune_coverage', 'province_coverage', 'clubs_both_funds', 'meeting_regularity', 'clubs_fully_active', 'clubs_supervised_12m', 'clubs_rated_weak'];

beforeAll(async () => {
  ({ hub, db } = await startWithTwoClubs(A, B));
  for (const [i, code] of [A, A, A, B, B].entries()) {
    ok(await hub.operation('member/AddMember.graphql', { input: { fullName: 'Nguyễn Thị Lan', sex: 'FEMALE', povertyStatus: 'NOT_POOR', birthYear: 1950 + i * 5, joinedOn: '2021-03-01', clubCode: code } }));
  }
  for (const heldOn of ['2023-01-15', '2023-02-15', '2024-03-15']) ok(await hub.operation('club/RecordMeeting.graphql', { input: { clubCode: A, heldOn, attendance: 30 } }));
  for (const [clubCode, visitedOn, rating] of [[A, '2023-02-10', 'WEAK'], [A, '2024-05-05', 'GOOD'], [B, '2023-08-20', 'WEAK']]) {
    ok(await hub.operation('supervision/RecordSupervisionVisit.graphql', { input: { clubCode, visitedOn, rating, visitingLevel: 'COMMUNE', scores: [] } }));
  }
}, 60_000);

afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

const version = async (code: string) => (await db.query<{ version: number }>('select version from club where code = $1', [code])).rows[0].version;
const commune = (structure: Structure, code: string) => `(select id from admin_unit where structure = '${structure}' and level = 'COMMUNE' and code = '${code}')`;

/** The tables of every province for `periods` (some past the horizon) equal independent SQL. */
async function expectTablesExact(periods: string[]) {
  const definitions = ok(await hub.operation('indicator/IndicatorDefinitions.graphql')).indicatorDefinitions as Array<{ id: string; unit: string; denominator: string | null }>;
  const tables = new TableCheck(hub.orm, definitions);
  for (const structure of ['POST_2025', 'PRE_2025'] as Structure[]) {
    await tables.check(structure, ok(await hub.graphql(INDICATORS, { structure, ids: IDS, periods, level: 'PROVINCE' })).indicators.rows);
  }
  expect(tables.mismatches.slice(0, 10)).toEqual([]);
  expect(tables.nonZero).toBeGreaterThan(0);
}

describe('place_month after writes', () => {
  it('follows clubs founded, re-dated and dissolved (mid-month, several at once, undone)', async () => {
    expect(await placeMonthDifferences(db)).toEqual([]);
    await db.query(`update club set founded_on = '2018-03-15' where code = $1`, [A]);
    expect(await placeMonthDifferences(db)).toEqual([]);
    await db.query(`update club set dissolved_on = case code when $1 then date '2024-05-20' else date '2023-11-30' end, status = 'DISSOLVED' where code in ($1, $2)`, [A, B]);
    expect(await placeMonthDifferences(db)).toEqual([]);
    await expectTablesExact(['2023', '2024Q2', '202406', '2024']);
    await db.query(`update club set dissolved_on = null, status = 'ACTIVE' where code = $1`, [B]);
    expect(await placeMonthDifferences(db)).toEqual([]);
  }, 120_000);

  it('follows moves (today and on a named day) and the place history edited by hand', async () => {
    ok(await hub.operation('club/MoveClub.graphql', { input: { code: B, expectedVersion: await version(B), communePre2025: '18766', movedOn: '2023-04-10' } }));
    expect(await placeMonthDifferences(db)).toEqual([]);
    await expectTablesExact(['2023', '2023Q2', '202303', '202305']);
    ok(await hub.operation('club/MoveClub.graphql', { input: { code: B, expectedVersion: await version(B), communePost2025: '24121', communePre2025: '24166' } }));
    expect(await placeMonthDifferences(db)).toEqual([]);
    await db.query(`update club_place_history set valid_until = '2022-12-31' where valid_until = '2023-04-10'`);
    expect(await placeMonthDifferences(db)).toEqual([]);
    await db.query(`delete from club_place_history where club_id = (select id from club where code = $1) and valid_until = '2022-12-31'`, [B]);
    expect(await placeMonthDifferences(db)).toEqual([]);
    await db.query(`insert into club_place_history (club_id, valid_from, valid_until, commune_pre2025_id, commune_post2025_id)
      select id, '-infinity', date '2022-06-01', ${commune('PRE_2025', '18769')}, null from club where code = $1`, [B]);
    expect(await placeMonthDifferences(db)).toEqual([]);
    await expectTablesExact(['2022', '2022Q2', '202206']);
  }, 120_000);

  it('follows clubs with no commune, inserted together and deleted', async () => {
    await db.query(`insert into club (code, name, founded_on, programme, status, commune_pre2025_id, commune_post2025_id)
      values ('PM-3', 'CLB không xã', '2022-05-05', 'DECISION_1533', 'ACTIVE', null, null),
             ('PM-4', 'CLB mới', '2025-09-09', 'DECISION_1648', 'ACTIVE', null, ${commune('POST_2025', '24121')})`);
    expect(await placeMonthDifferences(db)).toEqual([]);
    await expectTablesExact(['2025', '2025Q4']);
    await db.query(`delete from club where code = 'PM-4'`);
    expect(await placeMonthDifferences(db)).toEqual([]);
  }, 120_000);

  it('follows clubs inserted in bulk, many alike (counted per group), next to the clubs already in their communes', async () => {
    await db.query(`insert into club (code, name, founded_on, dissolved_on, status, programme, commune_pre2025_id, commune_post2025_id)
      select 'PM-BULK-' || g, 'CLB Liên thế hệ', case when g % 3 = 0 then date '2020-09-15' else date '2023-01-20' end,
        case when g % 4 = 0 then date '2024-02-10' end, case when g % 4 = 0 then 'DISSOLVED' else 'ACTIVE' end, 'DECISION_1336',
        case when g % 2 = 0 then ${commune('PRE_2025', '18769')} else ${commune('PRE_2025', '24166')} end,
        case when g % 5 = 0 then ${commune('POST_2025', '24121')} end
      from generate_series(1, 60) g`);
    expect(await placeMonthDifferences(db)).toEqual([]);
    await db.query(`delete from club where code like 'PM-BULK-%'`);
    expect(await placeMonthDifferences(db)).toEqual([]);
  }, 120_000);

  it('is rebuilt when the units are placed anew, and periods past its horizon are counted from the clubs', async () => {
    await db.query('select rebuild_unit_placement()');
    expect(await placeMonthDifferences(db)).toEqual([]);
    const { rows } = await db.query<{ year: number }>(`select extract(year from month)::int as year from place_month_horizon`);
    const [horizon] = rows.map((r) => r.year);
    await db.query(`update club set dissolved_on = make_date($2, 2, 10), status = 'DISSOLVED' where code = $1`, [A, horizon + 1]);
    expect(await placeMonthDifferences(db)).toEqual([]);
    // A year within it and one past it, in one table.
    await expectTablesExact([`${horizon}..${horizon + 1}`, `${horizon + 1}Q1`]);
  }, 120_000);
});
