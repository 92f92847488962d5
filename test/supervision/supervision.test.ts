import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { Structure, TableCheck } from '../indicator/expected';
import { given } from '../support/given';
import { givenSupervision } from '../support/given-supervision';
import { startTestHub, TestHub } from '../support/hub';
import { auditOf, errorOf, ok } from '../write/support';

/**
 * Supervision visits and club quality: the visit mutation (validation, scope, audit, personal notes, the period
 * lock), Club.supervisionVisits without N+1, both indicators against independent SQL (test/indicator/expected.ts)
 * under both structures, and the ranking of units by weak or unreported clubs.
 */
let hub: TestHub;
let haTinh: string;
let partner: string;
/** Clubs in Hà Tĩnh for the mutation tests; clubs in Đắk Lắk with known visits and reports for the figures. */
let visited: Club;
let dl: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5', Club>;
let dlPairs: Array<{ pre: string; post: string }>;

const record = (input: Record<string, unknown>, key?: string | null) =>
  hub.operation('supervision/RecordSupervisionVisit.graphql', { input: { visitingLevel: 'COMMUNE', rating: 'GOOD', scores: [], ...input } }, key);
const count = async (table: string) => Number((await hub.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`))[0].n);

beforeAll(async () => {
  hub = await startTestHub();
  haTinh = await hub.key(Role.ASSOCIATION, { structure: 'PRE_2025' as never, code: '42' });
  partner = await hub.key(Role.PARTNER);
  const g = given(hub.orm);
  const s = givenSupervision(hub.orm);
  const ht = await s.communePair('18769');
  visited = await g.club({ pre2025: ht.pre, post2025: ht.post, foundedOn: '2021-01-10' });

  // Đắk Lắk: two old communes that each went whole into a new one, and a new ward of its own.
  dlPairs = await hub.orm.em.fork().getConnection().execute(
    `select distinct on (post) pre, post from (
       select o.code as pre, min(n.code) as post from admin_unit_crosswalk x join admin_unit o on o.id = x.old_unit_id join admin_unit n on n.id = x.new_unit_id
       where x.level = 'COMMUNE' and o.path like '66/%' group by o.code having count(*) = 1) t
     order by post, pre limit 2`,
  );
  const [p1, p2] = dlPairs;
  dl = {
    c1: await g.club({ pre2025: p1.pre, post2025: p1.post, foundedOn: '2020-01-01' }),
    c2: await g.club({ pre2025: p1.pre, post2025: p1.post, foundedOn: '2019-05-01' }),
    c3: await g.club({ pre2025: p2.pre, post2025: p2.post, foundedOn: '2022-02-01' }),
    c4: await g.club({ pre2025: p2.pre, post2025: p2.post, foundedOn: '2018-01-01', dissolvedOn: '2024-06-30', status: 'DISSOLVED' as never }),
    c5: await g.club({ post2025: p1.post, foundedOn: '2025-08-01', programme: 'DECISION_1648' as never }),
  };
  await s.visit(dl.c1, '2023-03-01', 'GOOD');
  await s.visit(dl.c1, '2024-11-20', 'WEAK', 'DISTRICT');
  await s.visit(dl.c2, '2024-06-01', 'FAIR');
  // Two visits on one day: the last recorded is the latest.
  await s.visit(dl.c2, '2025-10-05', 'WEAK');
  await s.visit(dl.c2, '2025-10-05', 'GOOD', 'PROVINCE');
  await s.visit(dl.c3, '2026-01-15', 'WEAK');
  await s.visit(dl.c4, '2024-02-01', 'WEAK');
  await s.visit(dl.c5, '2025-11-01', 'WEAK');
  // Reports of 2025Q4: c1 misses December (and is weak: counted once), c2 misses November, c3 and c5 complete.
  for (const [club, months] of [
    [dl.c1, ['2025-10-01', '2025-11-01']],
    [dl.c2, ['2025-10-01', '2025-12-01']],
    [dl.c3, ['2025-10-01', '2025-11-01', '2025-12-01']],
    [dl.c5, ['2025-10-01', '2025-11-01', '2025-12-01']],
  ] as const) {
    for (const month of months) await s.report(club, month);
  }
}, 60_000);

afterAll(async () => {
  await hub?.stop();
});

describe('recordSupervisionVisit', () => {
  it('records a visit with its checklist in area order, audited under the club', async () => {
    const res = ok(
      await record(
        {
          clubCode: visited.code,
          visitedOn: '2024-05-14',
          visitingLevel: 'DISTRICT',
          rating: 'FAIR',
          scores: [
            { area: 'HOME_CARE', score: 4 },
            { area: 'LIVELIHOODS', score: 0 },
          ],
          notes: '  Bà Nguyễn Thị Lan cần hỗ trợ chăm sóc tại nhà.  ',
        },
        haTinh,
      ),
    );
    const visit = res.recordSupervisionVisit.visit;
    expect(visit).toMatchObject({
      visitedOn: '2024-05-14',
      visitingLevel: 'DISTRICT',
      rating: 'FAIR',
      notes: 'Bà Nguyễn Thị Lan cần hỗ trợ chăm sóc tại nhà.',
      checklist: [
        { area: 'LIVELIHOODS', score: 0 },
        { area: 'HOME_CARE', score: 4 },
      ],
      club: { code: visited.code },
    });
    const [entry] = await auditOf(hub, visit.id);
    expect(entry).toMatchObject({ operation: 'recordSupervisionVisit', entityType: 'SupervisionVisit', before: null });
    expect(entry.after).toMatchObject({ visitedOn: '2024-05-14', rating: 'FAIR', scores: { HOME_CARE: 4, LIVELIHOODS: 0 } });
    expect(entry.units).toEqual(expect.arrayContaining(['PRE_2025:42']));
  });

  it('reports every problem at once and writes nothing', async () => {
    const before = await count('supervision_visit');
    const res = await record({
      clubCode: visited.code,
      visitedOn: '2020-12-31',
      scores: [
        { area: 'HEALTH_CARE', score: 6 },
        { area: 'HEALTH_CARE', score: 3 },
      ],
    });
    const error = errorOf(res, 'BAD_USER_INPUT', 'input.visitedOn');
    expect((error.extensions!.problems as Array<{ field: string }>).map((p) => p.field)).toEqual(['input.visitedOn', 'input.scores.0.score', 'input.scores.1.area']);
    errorOf(await record({ clubCode: visited.code, visitedOn: '2099-01-01' }), 'BAD_USER_INPUT', 'input.visitedOn');
    errorOf(await record({ clubCode: visited.code, visitedOn: '2025-07-01', visitingLevel: 'DISTRICT' }), 'BAD_USER_INPUT', 'input.visitingLevel');
    errorOf(await record({ clubCode: 'NO-SUCH-CLUB', visitedOn: '2024-01-01' }), 'BAD_USER_INPUT', 'input.clubCode');
    expect(await count('supervision_visit')).toBe(before);
  });

  it('keeps to the caller scope: another province club answers as not found, a partner may not write', async () => {
    const before = await count('supervision_visit');
    errorOf(await record({ clubCode: dl.c1.code, visitedOn: '2024-01-01' }, haTinh), 'BAD_USER_INPUT', 'input.clubCode');
    errorOf(await record({ clubCode: visited.code, visitedOn: '2024-01-01' }, partner), 'FORBIDDEN');
    errorOf(await record({ clubCode: visited.code, visitedOn: '2024-01-01' }, null), 'FORBIDDEN');
    expect(await count('supervision_visit')).toBe(before);
  });

  it('is refused in an approved month, with nothing written', async () => {
    const club = await given(hub.orm).club({ pre2025: '18769', foundedOn: '2021-01-10' });
    const [row] = await hub.orm.em.fork().getConnection().execute(`select u.code from admin_unit u join club c on c.commune_pre2025_id = u.id where c.id = ?`, [club.id]);
    await givenSupervision(hub.orm).approve('PRE_2025', row.code, '2024-03-01');
    const before = [await count('supervision_visit'), await count('audit_entry')];
    const error = errorOf(await record({ clubCode: club.code, visitedOn: '2024-03-31' }), 'PERIOD_LOCKED', 'input.visitedOn');
    expect(error.extensions!.locks).toEqual([expect.objectContaining({ clubCode: club.code, month: '2024-03', unit: `PRE_2025:${row.code}` })]);
    expect([await count('supervision_visit'), await count('audit_entry')]).toEqual(before);
    // The months either side are open.
    ok(await record({ clubCode: club.code, visitedOn: '2024-04-01' }));
    ok(await record({ clubCode: club.code, visitedOn: '2024-02-29' }));
  });
});

describe('Club.supervisionVisits', () => {
  const query = (key: string | null | undefined, first = 10) =>
    hub.operation('supervision/ClubSupervisionVisits.graphql', { under: { structure: 'PRE_2025', code: '66' }, first }, key ?? undefined);

  it('lists visits newest first; notes are personal: null with FORBIDDEN for a partner, readable in scope', async () => {
    await hub.orm.em.fork().getConnection().execute(`update supervision_visit set notes = 'Ông Trần Văn Bình vắng nhiều buổi' where club_id = ?`, [dl.c2.id]);
    const admin = ok(await query(undefined));
    const c2 = admin.clubs.edges.find((e: any) => e.node.code === dl.c2.code).node;
    expect(c2.supervisionVisits.map((v: any) => [v.visitedOn, v.rating])).toEqual([
      ['2025-10-05', 'GOOD'],
      ['2025-10-05', 'WEAK'],
      ['2024-06-01', 'FAIR'],
    ]);
    expect(c2.supervisionVisits[0].notes).toBe('Ông Trần Văn Bình vắng nhiều buổi');

    const res = await query(partner);
    const p2 = res.data!.clubs.edges.find((e: any) => e.node.code === dl.c2.code).node;
    expect(p2.supervisionVisits.map((v: any) => v.rating)).toEqual(['GOOD', 'WEAK', 'FAIR']);
    expect(p2.supervisionVisits.map((v: any) => v.notes)).toEqual([null, null, null]);
    expect(res.errors!.every((e) => e.extensions!.code === 'FORBIDDEN' && e.path!.includes('notes'))).toBe(true);

    const daklak = await hub.key(Role.ASSOCIATION, { structure: 'PRE_2025' as never, code: '66' });
    const own = ok(await query(daklak));
    expect(own.clubs.edges.find((e: any) => e.node.code === dl.c2.code).node.supervisionVisits[0].notes).toBe('Ông Trần Văn Bình vắng nhiều buổi');
  });

  it('reads the visits of a page of clubs in one statement, however many clubs', async () => {
    hub.sql.reset();
    const two = ok(await query(undefined, 2));
    const few = hub.sql.count;
    hub.sql.reset();
    const all = ok(await query(undefined, 10));
    expect(two.clubs.edges).toHaveLength(2);
    expect(all.clubs.edges.length).toBeGreaterThanOrEqual(4);
    expect(hub.sql.count).toBe(few);
    expect(hub.sql.statements.filter((s) => s.includes('supervision_visit'))).toHaveLength(1);
  });
});

describe('supervision indicators', () => {
  const PERIODS: Record<string, [string, string]> = { '2024': ['2024-01-01', '2024-12-31'], '2025Q4': ['2025-10-01', '2025-12-31'] };
  const IDS = ['clubs_supervised_12m', 'clubs_rated_weak'];

  it.each<Structure>(['POST_2025', 'PRE_2025'])('equal independent SQL under %s for the nation, provinces and communes of Đắk Lắk', async (structure) => {
    const defs = ok(await hub.operation('indicator/IndicatorDefinitions.graphql')).indicatorDefinitions as Array<{ id: string; unit: string; denominator: string | null }>;
    const tables = new TableCheck(hub.orm, defs, { bounds: (period) => PERIODS[period] });
    for (const period of Object.keys(PERIODS)) {
      for (const where of [{}, { level: 'COMMUNE', under: { structure, code: '66' } }]) {
        await tables.check(structure, ok(await hub.operation('indicator/Indicators.graphql', { structure, ids: IDS, periods: [period], ...where })).indicators.rows);
      }
    }
    expect(tables.mismatches).toEqual([]);
    expect(tables.nonZero).toBeGreaterThan(4);
  });

  it('gives the figures worked out by hand for Đắk Lắk', async () => {
    const table = ok(await hub.operation('indicator/Indicators.graphql', { structure: 'POST_2025', ids: IDS, periods: ['2024', '2025Q4'], units: [{ structure: 'POST_2025', code: '66' }] }));
    const cell = (id: string, period: string) => table.indicators.rows.find((r: any) => r.indicatorId === id && r.period === period);
    // 2024: c1, c2, c3, c4 active; visited in 2024: c1, c2, c4; rated: c1 (WEAK), c2 (FAIR), c4 (WEAK).
    expect(cell('clubs_supervised_12m', '2024')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(cell('clubs_rated_weak', '2024')).toMatchObject({ numerator: 2, denominator: 3 });
    // 2025Q4: c1, c2, c3, c5 active; visited since 2025-01-01: c2, c5; rated: c1 (WEAK), c2 (GOOD, last of the day), c5 (WEAK); c3 only later.
    expect(cell('clubs_supervised_12m', '2025Q4')).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect(cell('clubs_rated_weak', '2025Q4')).toMatchObject({ numerator: 2, denominator: 3 });
  });
});

describe('clubQualityRanking', () => {
  const rank = (variables: Record<string, unknown>, key?: string | null) => hub.operation('supervision/ClubQualityRanking.graphql', variables, key);

  it('ranks provinces worst first, counting each club once', async () => {
    const res = ok(await rank({ period: '2025Q4', first: 100 }, null)).clubQualityRanking;
    expect(res).toMatchObject({ structure: 'POST_2025', period: '2025Q4', totalCount: 34 });
    const shares = res.rows.map((r: any) => r.weakOrUnreportedPercent ?? -1);
    expect(shares).toEqual([...shares].sort((a: number, b: number) => b - a));
    expect(res.rows.map((r: any) => r.rank)).toEqual(res.rows.map((_: unknown, i: number) => i + 1));
    // Hà Tĩnh's clubs never reported: all unreported, first.
    expect(res.rows[0]).toMatchObject({ unit: { code: '42' }, weakOrUnreportedPercent: 100 });
    expect(res.rows[0].unreportedClubs).toBe(res.rows[0].activeClubs);
    // Đắk Lắk: c1 weak and unreported, c2 unreported, c5 weak, c3 neither (its only visit is later).
    expect(res.rows.find((r: any) => r.unit.code === '66')).toMatchObject({
      activeClubs: 4,
      weakClubs: 2,
      unreportedClubs: 2,
      weakOrUnreportedClubs: 3,
      weakOrUnreportedPercent: 75,
    });
    expect(res.rows.filter((r: any) => r.activeClubs === 0).every((r: any) => r.weakOrUnreportedPercent === null)).toBe(true);

    const page = ok(await rank({ period: '2025Q4', first: 2, offset: 1 }, null)).clubQualityRanking;
    expect(page.rows).toEqual(res.rows.slice(1, 3));
  });

  it('ranks the communes of a province, and the districts of a PRE_2025 province', async () => {
    const communes = ok(await rank({ period: '2025Q4', within: { structure: 'POST_2025', code: '66' } }, partner)).clubQualityRanking;
    expect(communes.rows[0]).toMatchObject({ unit: { code: dlPairs[0].post, level: 'COMMUNE' }, activeClubs: 3, weakOrUnreportedClubs: 3 });
    expect(communes.rows[1]).toMatchObject({ unit: { code: dlPairs[1].post }, activeClubs: 1, weakOrUnreportedClubs: 0, weakOrUnreportedPercent: 0 });

    const districts = ok(await rank({ period: '2024', structure: 'PRE_2025', within: { structure: 'PRE_2025', code: '66' }, level: 'DISTRICT' }, partner)).clubQualityRanking;
    expect(districts.rows.every((r: any) => r.unit.level === 'DISTRICT')).toBe(true);
    expect(districts.rows.reduce((sum: number, r: any) => sum + r.activeClubs, 0)).toBe(4);
    // In 2024 (months all ended), no club of Đắk Lắk reported: every active club counts once.
    expect(districts.rows.reduce((sum: number, r: any) => sum + r.weakOrUnreportedClubs, 0)).toBe(4);

    errorOf(await rank({ period: '2025Q4', within: { structure: 'POST_2025', code: '66' } }, null), 'FORBIDDEN');
    // Arguments at fault are named in extensions.argument.
    expect(errorOf(await rank({ period: '2025Q4', within: { structure: 'POST_2025', code: '66' }, level: 'DISTRICT' }), 'BAD_USER_INPUT').extensions!.argument).toBe('level');
    expect(errorOf(await rank({ period: '2024..2025' }), 'BAD_USER_INPUT').extensions!.argument).toBe('period');
  });
});
