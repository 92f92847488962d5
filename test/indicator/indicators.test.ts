import fs from 'node:fs';
import path from 'node:path';
import { seedDemo } from '../../seeds/demo';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { cachedWorld, ExpectedWorld, round, Structure, TableCheck } from './expected';

/**
 * Every indicator against independent SQL (expected.ts) over the small demo seed plus a few clubs placed
 * only through the crosswalk: nation, provinces, districts and communes, with and without categories,
 * under both structures, for a period before the reform and one after it.
 */
let hub: TestHub;
let adminKey: string;
let definitions: Array<{ id: string; unit: string; denominator: string | null; disaggregations: string[] }>;
const worlds = new Map<string, Promise<ExpectedWorld>>();

const OPERATIONS = path.resolve(__dirname, '..', '..', 'schema', 'operations', 'indicator');
const INDICATORS = fs.readFileSync(path.join(OPERATIONS, 'Indicators.graphql'), 'utf8');
const PERIODS: Record<string, [string, string]> = {
  '2023': ['2023-01-01', '2023-12-31'],
  '2025Q4': ['2025-10-01', '2025-12-31'],
  // A monthly series across a year's end, for the splits that read each loan once for all periods.
  '202311': ['2023-11-01', '2023-11-30'],
  '202312': ['2023-12-01', '2023-12-31'],
  '202401': ['2024-01-01', '2024-01-31'],
  '202402': ['2024-02-01', '2024-02-29'],
};

async function query(variables: Record<string, unknown>, key: string | null = adminKey) {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: INDICATORS, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: any[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.indicators as {
    structure: string;
    rows: Array<{
      indicatorId: string;
      unit: { code: string; level: string };
      period: string;
      categoryOptions: Array<{ dimension: string; option: string }>;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      target: number | null;
      achievementPercent: number | null;
      suppressed: boolean;
    }>;
    placement: Array<{ period: string; clubsPlacedAboveCommune: number; clubsNotPlaced: number }>;
  };
}

beforeAll(async () => {
  hub = await startTestHub();
  await seedDemo(hub.orm.config.get('clientUrl')!, { scale: 'small' });
  const g = given(hub.orm);
  // After the reform: in a new ward made of communes of two old districts (placed in the old province only),
  // and in one made of a single old commune (placed in it).
  const spanning = await g.club({ post2025: '18115', foundedOn: '2025-09-01', programme: 'DECISION_1648' as never });
  const single = await g.club({ post2025: singleSourceCommune(), foundedOn: '2025-08-15', programme: 'DECISION_1648' as never });
  // A club whose commune nobody recorded counts in the nation only; one recorded before the reform only is re-based.
  const nowhere = await g.club({ foundedOn: '2019-05-01', programme: 'LOCAL_INITIATIVE' as never });
  const oldOnly = await g.club({ pre2025: '18769', foundedOn: '2018-01-01', dissolvedOn: '2025-11-30', status: 'DISSOLVED' as never });
  for (const [club, n] of [[spanning, 7], [single, 3], [nowhere, 6], [oldOnly, 5]] as const) {
    for (let i = 0; i < n; i++) await g.member(club, { joinedOn: club.foundedOn, birthYear: 1950 + i * 4, sex: i % 3 ? ('FEMALE' as never) : ('MALE' as never) });
  }
  await hub.orm.em.fork().getConnection().execute(
    `insert into target (instrument, indicator_id, unit_id, period_start, period_end, value)
     select 'PROVINCIAL_PLAN', 'members', id, '2023-01-01', '2025-12-31', 5000 from admin_unit where structure = 'POST_2025' and code = '42'`,
  );
  const units = await UnitDirectory.load(hub.orm.em.fork());
  adminKey = (await createApiKey(hub.orm.em.fork(), units, { organisation: 'Indicator tests', role: Role.ADMIN })).key;
  const defs = await hub.operation('indicator/IndicatorDefinitions.graphql');
  definitions = defs.data!.indicatorDefinitions;
  // The expected figures of both structures and periods, computed side by side.
  // (The months of the monthly series are computed when first needed: all at once would queue on the pool.)
  await Promise.all((['POST_2025', 'PRE_2025'] as const).flatMap((structure) => ['2023', '2025Q4'].map((period) => world(structure, period))));
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

/** A new commune of Hà Tĩnh made of exactly one old commune (read from the reference crosswalk). */
function singleSourceCommune(): string {
  const rows = fs
    .readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'reference', 'crosswalk-2025.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter(([, , level]) => level === 'COMMUNE');
  const sources = new Map<string, number>();
  for (const [, code] of rows) sources.set(code, (sources.get(code) ?? 0) + 1);
  const hatinh = new Set(fs.readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'reference', 'units-2025.csv'), 'utf8').split('\n').filter((l) => l.endsWith(',42')).map((l) => l.split(',')[0]));
  return [...sources].find(([code, n]) => n === 1 && hatinh.has(code))![0];
}

const world = (structure: Structure, period: string): Promise<ExpectedWorld> => cachedWorld(worlds, hub.orm, structure, ...PERIODS[period]);

/** Checks every row of a table against the independent figures; returns how many cells were not zero. */
async function checkTable(structure: Structure, table: Awaited<ReturnType<typeof query>>): Promise<number> {
  const check = new TableCheck(hub.orm, definitions, { bounds: (period) => PERIODS[period], worlds });
  await check.check(structure, table.rows);
  expect(check.mismatches.slice(0, 20)).toEqual([]);
  return check.nonZero;
}

/** The communes of a structure holding the most clubs, in a province. */
async function busiestCommunes(structure: Structure, province: string, n: number): Promise<Array<{ structure: Structure; code: string }>> {
  const column = structure === 'POST_2025' ? 'commune_post2025_id' : 'commune_pre2025_id';
  const rows = await hub.orm.em.fork().getConnection().execute<Array<{ code: string }>>(
    `select u.code from club c join admin_unit u on u.id = c.${column} where u.path like '${province}/%' group by u.code order by count(*) desc, u.code limit ${n}`,
  );
  return rows.map((r) => ({ structure, code: r.code }));
}

// The test data sits in Hà Tĩnh (42) and Đắk Lắk (66); split tables are asked for a few units so they stay small.
describe.each<Structure>(['POST_2025', 'PRE_2025'])('every indicator under %s equals independent SQL', (structure) => {
  const periods = ['2023', '2025Q4'];

  it('for the nation and every province, before and after the reform', async () => {
    const nation = await query({ structure, periods });
    expect(nation.structure).toBe(structure);
    expect(nation.rows).toHaveLength(definitions.length * periods.length);
    const provinces = await query({ structure, periods, level: 'PROVINCE' });
    expect(new Set(provinces.rows.map((r) => r.unit.code)).size).toBe(structure === 'PRE_2025' ? 63 : 34);
    expect(await checkTable(structure, nation)).toBeGreaterThan(40);
    expect(await checkTable(structure, provinces)).toBeGreaterThan(80);
  });

  it('for every commune of a province (of a district before the reform, and every district)', async () => {
    const under = { structure, code: structure === 'PRE_2025' ? '447' : '42' };
    const communes = await query({ structure, periods, level: 'COMMUNE', under });
    expect(await checkTable(structure, communes)).toBeGreaterThan(structure === 'PRE_2025' ? 100 : 500);
    if (structure === 'PRE_2025') {
      const districts = await query({ structure, periods, level: 'DISTRICT', under: { structure, code: '42' } });
      expect(await checkTable(structure, districts)).toBeGreaterThan(100);
    }
  });

  it('split by sex and age band, and by programme, for provinces', async () => {
    const units = ['42', '66', '01'].map((code) => ({ structure, code }));
    const bySexAndAge = await query({ structure, periods: ['2023'], units, disaggregateBy: ['SEX', 'AGE_BAND'] });
    const members = bySexAndAge.rows.filter((r) => r.indicatorId === 'members');
    expect(members[0].categoryOptions.map((o) => o.dimension)).toEqual(['SEX', 'AGE_BAND']);
    // Every combination is there, zeros included: 2 sexes × 5 bands per unit and period.
    expect(members).toHaveLength(3 * 10);
    // An indicator that cannot be split by a dimension is reported without it.
    expect(bySexAndAge.rows.find((r) => r.indicatorId === 'active_clubs')!.categoryOptions).toEqual([]);
    expect(bySexAndAge.rows.find((r) => r.indicatorId === 'women_share')!.categoryOptions.map((o) => o.dimension)).toEqual(['AGE_BAND']);
    expect(await checkTable(structure, bySexAndAge)).toBeGreaterThan(200);
    const byProgramme = await query({ structure, periods: ['2025Q4'], units, disaggregateBy: ['PROGRAMME'] });
    expect(await checkTable(structure, byProgramme)).toBeGreaterThan(100);
  });

  it('split by each person category over a monthly series, for the nation alone and for units below it', async () => {
    const below = [
      { structure, code: '42' },
      ...(structure === 'PRE_2025' ? [{ structure, code: '447' }] : []),
      ...(await busiestCommunes(structure, '42', 2)),
    ];
    await Promise.all(['202311', '202312', '202401', '202402'].map((month) => world(structure, month)));
    // National splits of records are priced high: a key of their own keeps the other tests within their budget.
    const key = (await createApiKey(hub.orm.em.fork(), await UnitDirectory.load(hub.orm.em.fork()), { organisation: `Split tests ${structure}`, role: Role.ADMIN })).key;
    for (const disaggregateBy of [['SEX'], ['AGE_BAND'], ['POVERTY_STATUS', 'PROGRAMME']]) {
      const nation = await query({ structure, periods: ['202311..202402'], units: [{ structure, code: 'VN' }], disaggregateBy }, key);
      expect(await checkTable(structure, nation)).toBeGreaterThan(50);
      const units = await query({ structure, periods: ['202311..202402'], units: below, disaggregateBy }, key);
      expect(await checkTable(structure, units)).toBeGreaterThan(100);
    }
  }, 120_000);

  it('split by poverty status and programme together, for communes', async () => {
    const units = await busiestCommunes(structure, '42', 4);
    const table = await query({ structure, periods: ['2023', '2025Q4'], units, disaggregateBy: ['POVERTY_STATUS', 'PROGRAMME'] });
    expect(await checkTable(structure, table)).toBeGreaterThan(200);
  });
});

describe('either structure for any period', () => {
  it('reports clubs the crosswalk places above a commune, and clubs with no commune at all', async () => {
    const pre = await query({ structure: 'PRE_2025', periods: ['2023', '2025Q4'], ids: ['active_clubs'] });
    const w = await world('PRE_2025', '2025Q4');
    const aboveCommune = w.covered.filter((c) => c.path.split('/').length < 3).length;
    expect(aboveCommune).toBeGreaterThan(0);
    expect(pre.placement[0]).toEqual({ period: '2023', clubsPlacedAboveCommune: 0, clubsNotPlaced: 1 });
    expect(pre.placement[1].clubsNotPlaced).toBe(1);
    expect(pre.placement[1].clubsPlacedAboveCommune).toBeGreaterThanOrEqual(1);
    const post = await query({ structure: 'POST_2025', periods: ['2023'], ids: ['active_clubs'] });
    expect(post.placement).toEqual([{ period: '2023', clubsPlacedAboveCommune: 0, clubsNotPlaced: 1 }]);
  });

  it('counts a post-reform club in the old province when its new ward spans two old districts', async () => {
    const ward = await query({ structure: 'POST_2025', periods: ['2025Q4'], ids: ['active_clubs', 'members'], units: [{ structure: 'POST_2025', code: '18115' }] });
    expect(ward.rows.map((r) => r.numerator)).toEqual([1, 7]);
    const old = await query({ structure: 'PRE_2025', periods: ['2025Q4'], ids: ['active_clubs'], level: 'DISTRICT', under: { structure: 'PRE_2025', code: '42' } });
    const province = await query({ structure: 'PRE_2025', periods: ['2025Q4'], ids: ['active_clubs'], units: [{ structure: 'PRE_2025', code: '42' }] });
    const districtSum = old.rows.reduce((n, r) => n + r.numerator!, 0);
    expect(province.rows[0].numerator).toBeGreaterThan(districtSum);
  });
});

describe('the hierarchy counts', () => {
  it.each<Structure>(['POST_2025', 'PRE_2025'])('agree with a year of indicators at its last day when no club dissolves in it (%s)', async (structure) => {
    const counts = await hub.operation('admin-unit/ProvinceCounts.graphql', { structure, asOf: '2023-12-31' });
    const t = await query({ structure, periods: ['2023'], ids: ['active_clubs', 'members'], level: 'PROVINCE' });
    const indicator = (id: string, code: string) => t.rows.find((r) => r.indicatorId === id && r.unit.code === code)!.value;
    // The one difference: the club recorded before the reform only (5 members in Kỳ Tiến) has no POST_2025
    // commune, so the hierarchy leaves it out there, while indicators re-base it through the crosswalk.
    const rebased = (code: string) => (structure === 'POST_2025' && code === '42' ? [1, 5] : [0, 0]);
    for (const province of counts.data!.provinces) {
      const [clubs, members] = rebased(province.code);
      expect([province.code, indicator('active_clubs', province.code), indicator('members', province.code)]).toEqual([
        province.code,
        province.clubCount + clubs,
        province.memberCount + members,
      ]);
    }
  });
});

describe('targets', () => {
  const value = (rows: Awaited<ReturnType<typeof query>>['rows'], id: string, period?: string) =>
    rows.find((r) => r.indicatorId === id && (!period || r.period === period))!;

  it('carry the national target and the achievement where the period lies within the target period', async () => {
    const t = await query({ structure: 'POST_2025', periods: ['2023', '2025Q4', '2026', '2031'] });
    const new1336 = value(t.rows, 'new_clubs_1336', '2023');
    expect(new1336.target).toBe(3000);
    expect(new1336.achievementPercent).toBe(round((new1336.value! / 3000) * 100, 2));
    expect(value(t.rows, 'province_coverage', '2023').target).toBe(95);
    expect(value(t.rows, 'members_borrowed_12m', '2023').target).toBe(50);
    expect(value(t.rows, 'new_clubs_1336', '2026').target).toBeNull();
    // Decision 1648: 6,000 new clubs by 2030, 12,000 by 2035; the narrower target wins where both apply.
    expect(value(t.rows, 'new_clubs_1648', '2025Q4').target).toBe(6000);
    expect(value(t.rows, 'new_clubs_1648', '2026').target).toBe(6000);
    expect(value(t.rows, 'new_clubs_1648', '2031').target).toBe(12000);
    expect(value(t.rows, 'older_members', '2025Q4').target).toBe(300000);
    expect(value(t.rows, 'commune_coverage', '2026').target).toBe(70);
    expect(value(t.rows, 'older_members', '2023').target).toBeNull();
    expect(value(t.rows, 'active_clubs', '2023').target).toBeNull();
  });

  it('apply a provincial target to its own province only, and never to a split cell', async () => {
    const post = await query({ structure: 'POST_2025', periods: ['2023'], ids: ['members'], level: 'PROVINCE' });
    const hatinh = post.rows.find((r) => r.unit.code === '42')!;
    expect(hatinh.target).toBe(5000);
    expect(hatinh.achievementPercent).toBe(round((hatinh.value! / 5000) * 100, 2));
    expect(post.rows.filter((r) => r.target !== null)).toHaveLength(1);
    const pre = await query({ structure: 'PRE_2025', periods: ['2023'], ids: ['members'], units: [{ structure: 'PRE_2025', code: '42' }] });
    expect(pre.rows[0].target).toBeNull();
    const split = await query({ structure: 'POST_2025', periods: ['2023'], ids: ['new_clubs_1336'], disaggregateBy: ['PROGRAMME'] });
    expect(split.rows.every((r) => r.target === null)).toBe(true);
  });

  it('are listed in the catalogue', async () => {
    const res = await hub.operation('indicator/IndicatorDefinitions.graphql');
    const new1648 = res.data!.indicatorDefinitions.find((d: { id: string }) => d.id === 'new_clubs_1648');
    expect(new1648).toMatchObject({ unit: 'COUNT', instrument: 'DECISION_1648', disaggregations: ['PROGRAMME'] });
    expect(new1648.targets.map((t: { value: number }) => t.value)).toEqual([6000, 12000]);
    const members = res.data!.indicatorDefinitions.find((d: { id: string }) => d.id === 'members');
    expect(members.targets).toEqual([{ instrument: 'PROVINCIAL_PLAN', periodStart: '2023-01-01', periodEnd: '2025-12-31', value: 5000, unit: { structure: 'POST_2025', code: '42' } }]);
  });
});
