import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/auth/viewer';
import { INDICATORS as CATALOGUE } from '../../src/modules/indicator/indicator.catalogue';
import { Club } from '../../src/modules/club/club.entity';
import { Member } from '../../src/modules/member/member.entity';
import { ExpectedWorld, Structure, TableCheck } from '../indicator/expected';
import { given } from '../support/given';
import { CheckFields, givenHealth } from '../support/given-health';
import { givenSupervision } from '../support/given-supervision';
import { startTestHub, TestHub } from '../support/hub';

/**
 * Every health indicator against independent SQL (test/indicator/expected.ts: EXISTS over each member's checks,
 * age() for the 3-month window, a day-by-day count of months) on a small seed in Hà Tĩnh and Đắk Lắk, under both
 * structures, for the nation, provinces and communes, split by sex and age band; and the small-cell rule for
 * viewers who may not read the people of a unit, in GraphQL and in the exports.
 */
let hub: TestHub;
let ministry: string;
let partner: string;
/** The PRE_2025 district of the Hà Tĩnh clubs. */
let htDistrict: string;
const HEALTH_IDS = CATALOGUE.filter((d) => d.id.startsWith('icope_') || ['members_screened_12m', 'screen_positive_referred', 'bp_checked_3m', 'bp_high_share', 'home_care_visits_per_month', 'members_home_care'].includes(d.id)).map((d) => d.id);
const PERIODS: Record<string, [string, string]> = {
  '2025': ['2025-01-01', '2025-12-31'],
  '2025Q3': ['2025-07-01', '2025-09-30'],
  '202511': ['2025-11-01', '2025-11-30'],
  '2025-02-10..2025-05-20': ['2025-02-10', '2025-05-20'],
};
const INDICATORS = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');
const worlds = new Map<string, Promise<ExpectedWorld>>();

async function query(variables: Record<string, unknown>, key: string | null = hub.adminKey) {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: INDICATORS, variables: { ids: HEALTH_IDS, ...variables } }),
  });
  const body = (await res.json()) as { data?: any; errors?: any[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.indicators as { rows: any[]; suppressedCells: number };
}

/** A small deterministic generator, so the seed has variety without randomness between runs. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

beforeAll(async () => {
  hub = await startTestHub();
  ministry = await hub.key(Role.MINISTRY);
  partner = await hub.key(Role.PARTNER);
  const g = given(hub.orm);
  const h = givenHealth(hub.orm);
  const s = givenSupervision(hub.orm);
  const [a, b] = [await s.communePair('18769'), await s.communePair('18775')];
  htDistrict = (await hub.orm.em.fork().getConnection().execute(`select p.code from admin_unit c join admin_unit p on p.id = c.parent_id where c.structure = 'PRE_2025' and c.code = ?`, [a.pre]))[0].code;
  const dl = (await hub.orm.em.fork().getConnection().execute(`select code from admin_unit where structure = 'POST_2025' and level = 'COMMUNE' and path like '66/%' order by code limit 1`))[0].code;
  const clubs: Club[] = [
    await g.club({ pre2025: a.pre, post2025: a.post, foundedOn: '2019-01-10' }),
    await g.club({ pre2025: a.pre, post2025: a.post, foundedOn: '2021-05-01', programme: 'LOCAL_INITIATIVE' as never }),
    await g.club({ pre2025: b.pre, post2025: b.post, foundedOn: '2018-03-01', dissolvedOn: '2025-08-31', status: 'DISSOLVED' as never }),
    await g.club({ post2025: dl, foundedOn: '2025-07-15', programme: 'DECISION_1648' as never }),
  ];
  const rnd = lcg(20);
  const results = ['POSITIVE', 'NEGATIVE', 'NOT_DONE', 'NEGATIVE'] as const;
  const days = ['2024-12-20', '2025-02-11', '2025-03-30', '2025-05-20', '2025-07-01', '2025-08-31', '2025-09-30', '2025-10-01', '2025-11-15', '2025-12-31'];
  for (const [c, club] of clubs.entries()) {
    const members: Member[] = [];
    for (let i = 0; i < 9; i++) {
      const joined = club.foundedOn > '2020-01-01' ? club.foundedOn : '2020-01-01';
      members.push(
        await g.member(club, {
          joinedOn: joined,
          birthYear: 1935 + Math.floor(rnd() * 50),
          sex: rnd() < 0.65 ? ('FEMALE' as never) : ('MALE' as never),
          homeCareVolunteer: i < 2,
          // One member leaves in September 2025: checks before count only for periods ending before.
          ...(i === 8 && c === 0 ? { leftOn: '2025-09-15', leaveReason: 'MOVED_AWAY' as never } : {}),
        }),
      );
    }
    for (const [i, member] of members.entries()) {
      for (const day of days) {
        if (day < member.joinedOn || rnd() < 0.45) continue;
        const f: CheckFields = {};
        if (rnd() < 0.7) Object.assign(f, { systolic: 110 + Math.floor(rnd() * 60), diastolic: 65 + Math.floor(rnd() * 35) });
        if (rnd() < 0.6) for (const d of ['cognition', 'mobility', 'nutrition', 'vision', 'hearing', 'mood'] as const) f[d] = results[Math.floor(rnd() * 4)];
        if (!f.systolic && !f.cognition) f.weightKg = 50;
        const positive = ['cognition', 'mobility', 'nutrition', 'vision', 'hearing', 'mood'].some((d) => f[d as 'cognition'] === 'POSITIVE');
        if (positive && rnd() < 0.6) Object.assign(f, { referred: true, referralLevel: 'COMMUNE_HEALTH_STATION' });
        await h.check(member, day, f);
      }
      // Volunteers 0 and 1 visit members 2–5 now and then.
      if (i >= 2 && i <= 5) {
        for (const day of ['2025-02-15', '2025-05-20', '2025-08-03', '2025-11-11', '2025-11-12']) {
          if (day >= member.joinedOn && day <= (club.dissolvedOn ?? '9999') && rnd() < 0.7) await h.visit(members[i % 2], member, day, 'HOUSEWORK');
        }
      }
    }
  }
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

async function check(structure: Structure, rows: any[]): Promise<number> {
  const tables = new TableCheck(hub.orm, CATALOGUE, { bounds: (period) => PERIODS[period], worlds });
  await tables.check(structure, rows);
  expect(tables.mismatches.slice(0, 20)).toEqual([]);
  return tables.nonZero;
}

describe.each<Structure>(['POST_2025', 'PRE_2025'])('health indicators under %s equal independent SQL', (structure) => {
  const periods = Object.keys(PERIODS);

  it('for the nation, every province and the communes of Hà Tĩnh', async () => {
    const nation = await query({ structure, periods });
    expect(nation.rows).toHaveLength(HEALTH_IDS.length * periods.length);
    expect(await check(structure, nation.rows)).toBeGreaterThan(40);
    expect(await check(structure, (await query({ structure, periods, level: 'PROVINCE' })).rows)).toBeGreaterThan(40);
    const under = { structure, code: structure === 'PRE_2025' ? htDistrict : '42' };
    const communes = await query({ structure, periods: ['2025', '2025Q3'], level: 'COMMUNE', under });
    expect(await check(structure, communes.rows)).toBeGreaterThan(10);
  });

  it('split by sex and age band, and by programme', async () => {
    const units = ['42', '66'].map((code) => ({ structure, code }));
    const bySexAge = await query({ structure, periods: ['2025', '202511'], units, disaggregateBy: ['SEX', 'AGE_BAND'] });
    expect(bySexAge.rows.find((r) => r.indicatorId === 'bp_high_share').categoryOptions.map((o: any) => o.dimension)).toEqual(['SEX', 'AGE_BAND']);
    expect(await check(structure, bySexAge.rows)).toBeGreaterThan(40);
    expect(await check(structure, (await query({ structure, periods: ['2025Q3'], units, disaggregateBy: ['PROGRAMME'] })).rows)).toBeGreaterThan(5);
  });
});

describe('small cells of health indicators', () => {
  it('round counts of people down to a multiple of 5 for viewers who may not read the unit’s people, and withhold visits behind fewer than 5 members', async () => {
    const variables = { structure: 'POST_2025', periods: ['2025', '202511'], level: 'PROVINCE' };
    const exact = await query(variables);
    const shown = await query(variables, partner);
    expect(shown.suppressedCells).toBe(shown.rows.length);
    for (const row of shown.rows) {
      const truth = exact.rows.find((r) => r.indicatorId === row.indicatorId && r.unit.code === row.unit.code && r.period === row.period);
      const def = CATALOGUE.find((d) => d.id === row.indicatorId)!;
      if (row.indicatorId === 'home_care_visits_per_month') {
        const visited = exact.rows.find((r) => r.indicatorId === 'members_home_care' && r.unit.code === row.unit.code && r.period === row.period);
        expect(row.numerator).toBe(Math.floor(visited.numerator / 5) >= 1 ? truth.numerator : null);
        expect(row.denominator).toBe(truth.denominator);
        continue;
      }
      expect(row.numerator).toBe(Math.floor(truth.numerator / 5) * 5);
      if (def.denominator) expect(row.denominator).toBe(Math.floor(truth.denominator / 5) * 5);
    }
    // The seed has cells of 1–4 people: they show as 0, like none.
    expect(exact.rows.some((r) => r.numerator >= 1 && r.numerator <= 4)).toBe(true);
  });

  it('apply in the exports too, which carry aggregates only', async () => {
    const params = new URLSearchParams({ ids: 'members_screened_12m,bp_checked_3m,members_home_care', periods: '2025', level: 'PROVINCE', structure: 'POST_2025', approvedOnly: 'false' });
    const res = await fetch(`${hub.url}/exports/indicators.csv?${params}`, { headers: { authorization: `Bearer ${ministry}` } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const exact = await query({ structure: 'POST_2025', periods: ['2025'], level: 'PROVINCE', ids: ['members_screened_12m', 'bp_checked_3m', 'members_home_care'] });
    const lines = csv.trim().split(/\r?\n/);
    const header = lines[0].replace(/^\uFEFF/, '').split(',');
    const numeratorAt = header.indexOf('numerator');
    const [codeAt, idAt] = [header.indexOf('unit_code'), header.indexOf('indicator')];
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const truth = exact.rows.find((r) => r.indicatorId === cells[idAt] && r.unit.code === cells[codeAt]);
      expect(Number(cells[numeratorAt])).toBe(Math.floor(truth.numerator / 5) * 5);
    }
    // No individual record leaves through an export: no member ids, no readings.
    expect(csv).not.toMatch(/Member|HealthCheck|systolic/);
    expect(await givenHealth(hub.orm).readCount()).toBe(0);
  });
});
