import { loadConfig } from '../../src/config';
import { seedDemo, SeedResult } from '../../seeds/demo';
import { runChecks, STRUCTURAL_CHECKS } from '../../seeds/demo/checks';
import { startTestHub, TestHub } from '../support/hub';

/** The small demo seed, loaded once into this file's database; the rules are checked by SQL over the stored rows. */
let hub: TestHub;
let url: string;
let first: SeedResult;
let schemaBefore: unknown;
const query = (sql: string) => hub.orm.em.getConnection().execute<Array<Record<string, unknown>>>(sql);
const DEMO_TABLES = ['club', 'member', 'meeting', 'fund', 'loan', 'fund_transaction', 'training_course', 'trainee', 'award'];

/** Indexes, constraints and triggers (with their enabled state): the bulk load drops and disables some for a while. */
const schema = () =>
  query(`select 'index' as kind, indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema()
         union all select 'constraint', conname, pg_get_constraintdef(oid) from pg_constraint where connamespace = current_schema()::regnamespace
         union all select 'trigger', tgrelid::regclass || '.' || tgname, tgenabled::text || ' ' || pg_get_triggerdef(oid) from pg_trigger
         where tgrelid in (select oid from pg_class where relnamespace = current_schema()::regnamespace)
         order by 1, 2, 3`);

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.orm.config.get('clientUrl')!;
  schemaBefore = await schema();
  first = await seedDemo(url, { scale: 'small' });
});
afterAll(async () => {
  await hub?.stop();
});

async function checksums(): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of DEMO_TABLES) {
    const [row] = await query(`select md5(string_agg(t::text, ',' order by t.id)) as sum from ${table} t`);
    sums[table] = String(row.sum);
  }
  return sums;
}

describe('the small demo seed', () => {
  // How long seeding takes is measured by `npm run bench:seed`, not here: a bound in a test only measures how busy
  // the machine running it was.
  it('loads a few hundred clubs', () => {
    expect(first.seeded).toBe(true);
    expect(first.clubs).toBeGreaterThan(250);
    expect(first.clubs).toBeLessThan(350);
  });

  it.each(STRUCTURAL_CHECKS.map((c) => [c.name, c] as const))('%s', async (_name, check) => {
    const [result] = await runChecks(query, [check]);
    expect({ value: result.value, pass: result.pass }).toEqual({ value: result.value, pass: true });
  });

  it('leaves indexes, constraints and triggers as they were', async () => {
    expect(await schema()).toEqual(schemaBefore);
  });

  it('keeps the per-club member summary in step with the members it loaded', async () => {
    const [{ exists }] = await query(`select to_regclass('club_summary') is not null as exists`);
    if (!exists) return;
    const [row] = await query(`select count(*)::int as n from club c left join club_summary s on s.club_id = c.id
      where coalesce(s.members, 0) <> (select count(*) from member m where m.club_id = c.id and m.left_on is null)`);
    expect(row.n).toBe(0);
  });

  it('does nothing when run again without --reset', async () => {
    const before = await checksums();
    const again = await seedDemo(url, { scale: 'small' });
    expect(again).toMatchObject({ seeded: false, totalRows: 0 });
    expect(again.reason).toContain('already holds clubs');
    expect(await checksums()).toEqual(before);
  });

  it('gives byte-identical tables for the same seed, different ones for another, and leaves the units and targets alone', async () => {
    const before = await checksums();
    const [units] = await query('select count(*)::int as units, (select count(*)::int from admin_unit_crosswalk) as links from admin_unit');
    await query(`insert into target (instrument, indicator_id, period_start, period_end, value) values ('DECISION_1648', 'new_clubs', '2025-08-01', '2030-12-31', 6000)`);

    // The plain path (every index and foreign key maintained row by row, as for a role that is not superuser) loads the same bytes.
    const same = await seedDemo(url, { scale: 'small', reset: true, plainLoad: true });
    expect(same.seeded).toBe(true);
    expect(await checksums()).toEqual(before);

    await seedDemo(url, { scale: 'small', seed: 7, reset: true });
    const other = await checksums();
    for (const table of DEMO_TABLES) expect({ table, sum: other[table] }).not.toEqual({ table, sum: before[table] });

    const [after] = await query('select count(*)::int as units, (select count(*)::int from admin_unit_crosswalk) as links from admin_unit');
    expect(after).toEqual(units);
    const [{ n }] = await query(`select count(*)::int as n from target where indicator_id = 'new_clubs'`);
    expect(n).toBe(1);
  });
});

describe('DEMO_SEED', () => {
  it('defaults to national and accepts small and none', () => {
    expect(loadConfig({}).demoSeed).toBe('national');
    expect(loadConfig({ DEMO_SEED: 'small' }).demoSeed).toBe('small');
    expect(loadConfig({ DEMO_SEED: 'none' }).demoSeed).toBe('none');
  });

  it('refuses anything else', () => {
    expect(() => loadConfig({ DEMO_SEED: 'huge' })).toThrow(/DEMO_SEED="huge"/);
  });
});
