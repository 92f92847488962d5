import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { BoardRole } from '../../src/modules/member/member.enums';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { keptRowDifferences } from '../support/kept-rows';
import { ok } from '../write/support';
import { Structure, TableCheck } from './expected';

/**
 * trainee_fact is kept by triggers inside every write to trainee, to a course's start day, to a member's club,
 * board role or membership, and to a club's dates, communes or programme. After writes of every kind — trainees
 * added one by one and in bulk (two courses on one day, a member trained twice in a year), moved to another course
 * and removed, a course re-dated, members given a board role, leaving, moving club, clubs re-dated, dissolved,
 * moved and given another programme, all trainees truncated — it must equal a rebuild from scratch, and the
 * trainee indicators of the nation, its provinces and a province's communes (also by programme) must equal
 * independent SQL in both structures.
 */
let hub: TestHub;
let db: Client;
let g: ReturnType<typeof given>;

const INDICATORS = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');
const IDS = ['trainees', 'board_trained_12m'];
const differences = () => keptRowDifferences(db, ['trainee_fact'], 'select rebuild_trainee_facts()');

beforeAll(async () => {
  hub = await startTestHub({ config: loadConfig({ RATE_LIMIT_COST_PER_MINUTE: '50000000' }) });
  db = new Client({ connectionString: hub.orm.config.get('clientUrl') });
  await db.connect();
  g = given(hub.orm);
}, 60_000);

afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

/** The trainee tables for `periods` (nation and provinces; Hà Tĩnh's communes, by programme too) equal independent SQL. */
async function expectTablesExact(periods: string[]) {
  const definitions = ok(await hub.operation('indicator/IndicatorDefinitions.graphql')).indicatorDefinitions as Array<{ id: string; unit: string; denominator: string | null }>;
  const tables = new TableCheck(hub.orm, definitions);
  for (const structure of ['POST_2025', 'PRE_2025'] as Structure[]) {
    const asks = [
      { level: 'PROVINCE' },
      { units: [{ structure, code: 'VN' }], disaggregateBy: ['PROGRAMME'] },
      { level: 'COMMUNE', under: { structure, code: '42' } },
    ];
    for (const ask of asks) {
      await tables.check(structure, ok(await hub.graphql(INDICATORS, { structure, ids: IDS, periods, ...ask })).indicators.rows, ` ${JSON.stringify(ask)}`);
    }
  }
  expect(tables.mismatches.slice(0, 10)).toEqual([]);
  expect(tables.nonZero).toBeGreaterThan(0);
}

describe('trainee_fact after writes', () => {
  it('follows trainees, courses and members, and the tables that read it equal independent SQL', async () => {
    const hanoi = await g.club({ pre2025: '00004', foundedOn: '2019-01-10' });
    const haTinh = await g.club({ pre2025: '18769', foundedOn: '2020-05-01', programme: 'DECISION_1533' as never });
    const both = await g.club({ pre2025: '24166', post2025: '24121', foundedOn: '2021-02-01', dissolvedOn: '2023-09-30', status: 'DISSOLVED' as never });
    const chair = await g.member(haTinh, { boardRole: BoardRole.CHAIR, joinedOn: '2020-05-01' });
    const treasurer = await g.member(hanoi, { boardRole: BoardRole.TREASURER, joinedOn: '2019-02-01', leftOn: '2023-08-31' });
    const plain = await g.member(haTinh, { joinedOn: '2020-06-01' });
    const secretary = await g.member(both, { boardRole: BoardRole.SECRETARY, joinedOn: '2021-02-01' });
    const early = await g.course({ startsOn: '2022-11-15', endsOn: '2022-11-16' });
    const sameDayA = await g.course({ startsOn: '2023-03-01', endsOn: '2023-03-02' });
    const sameDayB = await g.course({ startsOn: '2023-03-01', endsOn: '2023-03-03' });
    const late = await g.course({ startsOn: '2023-10-05', endsOn: '2023-10-06' });
    const next = await g.course({ startsOn: '2024-02-10', endsOn: '2024-02-11' });

    // One by one: a member at two courses on one day, and at courses before, in and after 2023.
    for (const course of [early, sameDayA, sameDayB, late, next]) await g.trainee(course, chair);
    await g.trainee(sameDayB, plain);
    expect(await differences()).toEqual([]);
    // In bulk: several members and courses in one statement.
    await db.query(
      `insert into trainee (course_id, member_id) select c, m from unnest($1::int[]) c cross join unnest($2::int[]) m`,
      [[sameDayA.id, late.id, next.id], [treasurer.id, secretary.id]],
    );
    expect(await differences()).toEqual([]);
    await expectTablesExact(['2023', '2023Q1', '202303', '2024Q1', '2024']);

    // A trainee moved to another course, and one removed.
    await db.query('update trainee set course_id = $1 where course_id = $2 and member_id = $3', [early.id, sameDayB.id, plain.id]);
    await db.query('delete from trainee where course_id = $1 and member_id = $2', [sameDayA.id, chair.id]);
    expect(await differences()).toEqual([]);
    // A course re-dated: its trainees' order among their courses changes.
    await db.query(`update training_course set starts_on = '2022-12-20' where id = $1`, [late.id]);
    expect(await differences()).toEqual([]);
    await db.query(`update training_course set starts_on = '2023-02-01', title = 'Quay lại' where id = $1`, [late.id]);
    expect(await differences()).toEqual([]);
    // Members given a board role, leaving, joining later, moving club; a member never trained changes too.
    await db.query(`update member set board_role = 'BOARD_MEMBER' where id = $1`, [plain.id]);
    await db.query(`update member set left_on = '2023-06-30' where id = $1`, [chair.id]);
    await db.query(`update member set club_id = $1, joined_on = '2023-04-01' where id = $2`, [hanoi.id, secretary.id]);
    await db.query(`update member set board_role = null, left_on = null where id = $1`, [treasurer.id]);
    await g.member(hanoi, { boardRole: BoardRole.VICE_CHAIR });
    await db.query(`update member set sex = 'MALE' where club_id = $1`, [hanoi.id]);
    expect(await differences()).toEqual([]);
    await expectTablesExact(['2023', '2023Q1', '202303', '2024Q1', '2024']);

    // Clubs re-dated, given another programme, dissolved and moved (today, and through the API on a named day, which
    // keeps the place it had before); a change to nothing the facts hold.
    await db.query(`update club set founded_on = '2019-03-01', programme = 'NGO_PROJECT' where id = $1`, [hanoi.id]);
    await db.query(`update club set dissolved_on = '2023-05-31', status = 'DISSOLVED' where id = $1`, [both.id]);
    await db.query(`update club set commune_pre2025_id = (select id from admin_unit where structure = 'PRE_2025' and level = 'COMMUNE' and code = '18775') where id = $1`, [hanoi.id]);
    const { rows: [{ version }] } = await db.query<{ version: number }>('select version from club where id = $1', [haTinh.id]);
    ok(await hub.operation('club/MoveClub.graphql', { input: { code: haTinh.code, expectedVersion: version, communePre2025: '18766', movedOn: '2023-04-10' } }));
    await db.query(`update club set name = name || ' (mới)' where id = $1`, [haTinh.id]);
    expect(await differences()).toEqual([]);
    await expectTablesExact(['2023', '2023Q1', '202303', '202305', '2024']);

    // Truncated (as a reset does), then filled again.
    await db.query('truncate trainee');
    expect((await db.query('select count(*)::int as n from trainee_fact')).rows[0].n).toBe(0);
    await g.trainee(next, plain);
    expect(await differences()).toEqual([]);
  }, 180_000);
});
