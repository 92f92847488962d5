import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { DEFAULT_SEED, seedDemo } from '../seeds/demo';
import { createApiKey } from '../src/auth/api-keys';
import { Access } from '../src/auth/access';
import { ANONYMOUS_VIEWER, Role } from '../src/auth/viewer';
import { loadConfig } from '../src/config';
import { EmbeddedPg, ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { createLogger } from '../src/logger';
import { AdminStructure, UnitLevel } from '../src/modules/admin-unit/admin-unit.enums';
import { loadReferenceUnits } from '../src/modules/admin-unit/admin-unit.reference';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { familyStatements } from '../src/modules/indicator/indicator.repository';
import { IndicatorRequest, planRequest } from '../src/modules/indicator/indicator.request';
import { familyRequests, indicatorTable } from '../src/modules/indicator/indicator.service';
import { createHubServer } from '../src/server';

/**
 * `npm run bench:indicators`: the national table — every province × 12 indicators × one year — asked of
 * the hub over HTTP (GraphQL, production settings), next to the time PostgreSQL alone takes for the same
 * aggregation (the statements the hub sends, run one after the other and side by side as the hub does); and
 * the same for every indicator of the catalogue (no target, for scale).
 *
 * Database: DATABASE_URL (seeded with the national demo data when it holds no clubs), else an embedded
 * PostgreSQL under .data/bench-indicators, seeded on the first run and reused afterwards. The machine is
 * shared: rounds alternate the cases, and medians are reported.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10);

/** The headline indicators of a national dashboard. */
export const NATIONAL_TABLE_IDS = [
  'active_clubs',
  'new_clubs_1336',
  'members',
  'older_members',
  'older_share',
  'women_share',
  'poor_near_poor_share',
  'clubs_50_70_members',
  'province_coverage',
  'commune_coverage',
  'clubs_both_funds',
  'meeting_regularity',
];

/** The reporting cycle's national table: completeness and timeliness of the monthly club reports. */
export const REPORTING_TABLE_IDS = ['reporting_completeness', 'reporting_timeliness'];

const CASES: Array<{ name: string; request: IndicatorRequest; target?: string }> = [
  { name: 'POST_2025: 34 provinces × 12 indicators × 2023', request: { structure: AdminStructure.POST_2025, level: UnitLevel.PROVINCE, periods: ['2023'], ids: NATIONAL_TABLE_IDS } },
  { name: 'PRE_2025: 63 provinces × 12 indicators × 2023', request: { structure: AdminStructure.PRE_2025, level: UnitLevel.PROVINCE, periods: ['2023'], ids: NATIONAL_TABLE_IDS } },
  // Not the target's table: every indicator of the catalogue, as a dashboard asking for no ids gets it.
  { name: 'POST_2025: 34 provinces × every indicator × 2023', request: { structure: AdminStructure.POST_2025, level: UnitLevel.PROVINCE, periods: ['2023'] } },
  // The national completeness table (issue 15): every province × the 12 months of a year, both reporting indicators.
  {
    name: 'PRE_2025: national completeness table, 63 provinces × 12 months of 2024',
    request: { structure: AdminStructure.PRE_2025, level: UnitLevel.PROVINCE, periods: ['202401..202412'], ids: REPORTING_TABLE_IDS },
    target: 'the indicator budget',
  },
  {
    name: 'POST_2025: national completeness table, 34 provinces × 12 months of 2025',
    request: { structure: AdminStructure.POST_2025, level: UnitLevel.PROVINCE, periods: ['202501..202512'], ids: REPORTING_TABLE_IDS },
    target: 'the indicator budget',
  },
];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const median = (xs: number[]) => percentile(xs, 0.5);
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedPg }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const dataDir = path.join(ROOT, '.data', 'bench-indicators', 'pg');
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
  await ensureDatabase(embedded.url('postgres'), 'ishc_hub');
  return { url: embedded.url('ishc_hub'), embedded };
}

/** `?` placeholders (knex) to `$n` (pg). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

async function main(): Promise<void> {
  const { url, embedded } = await openDatabase();
  const orm = await MikroORM.init(ormConfig(url, { poolMax: 10 }));
  const pool = new Pool({ connectionString: url, max: 10 });
  try {
    await orm.getMigrator().up();
    await loadReferenceUnits(orm.em.fork());
    const [{ clubs }] = await orm.em.getConnection().execute<Array<{ clubs: number }>>('select count(*)::int as clubs from club');
    if (clubs === 0) {
      console.log('seeding the national demo data (first run only)…');
      const result = await seedDemo(url, { scale: 'national', seed: DEFAULT_SEED });
      console.log(`  ${result.clubs} clubs, ${result.totalRows} rows in ${result.seconds.toFixed(1)} s`);
    }
    const units = await UnitDirectory.load(orm.em.fork());
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_COST_PER_MINUTE: '1000000000' }, ROOT);
    const server = await createHubServer({ orm, analytics: orm, units, logger: createLogger('silent'), config });
    const port = await server.listen(0, '127.0.0.1');
    const key = (await createApiKey(orm.em.fork(), units, { organisation: 'bench:indicators', role: Role.ADMIN })).key;
    const document = fs.readFileSync(path.join(ROOT, 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');

    const http = async (request: IndicatorRequest) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: document, variables: request }),
      });
      const body = (await res.json()) as { errors?: unknown[]; data?: { indicators: { rows: unknown[] } } };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!.indicators.rows.length;
    };
    const viewer = { ...ANONYMOUS_VIEWER, role: Role.ADMIN, mayReadPersonalData: true };
    const service = (request: IndicatorRequest) => indicatorTable({ em: orm.em.fork(), units, viewer, access: new Access(viewer, units) }, request);
    const statements = (request: IndicatorRequest) => {
      const plan = planRequest(units, request);
      return familyStatements(plan.structure, plan.level, plan.periods, familyRequests(plan.indicators)).map((s) => ({ ...s, family: s.requests.map((r) => r.family).join('+') }));
    };
    const rawSequential = async (request: IndicatorRequest) => {
      for (const { sql, params } of statements(request)) await pool.query(numbered(sql), params);
    };
    const rawParallel = (request: IndicatorRequest) => Promise.all(statements(request).map(({ sql, params }) => pool.query(numbered(sql), params)));

    const samples = CASES.map(() => ({ http: [] as number[], service: [] as number[], rawSequential: [] as number[], rawParallel: [] as number[], perStatement: new Map<string, number[]>() }));
    for (const c of CASES) {
      console.log(`${c.name}: ${await http(c.request)} rows; warming up…`);
      for (let i = 0; i < 3; i++) await http(c.request);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, c] of CASES.entries()) {
        const s = samples[i];
        for (let r = 0; r < REQUESTS; r++) s.http.push(await timed(() => http(c.request)));
        for (let r = 0; r < REQUESTS; r++) s.service.push(await timed(() => service(c.request)));
        for (let r = 0; r < REQUESTS; r++) s.rawParallel.push(await timed(() => rawParallel(c.request)));
        for (let r = 0; r < Math.ceil(REQUESTS / 2); r++) s.rawSequential.push(await timed(() => rawSequential(c.request)));
        for (const statement of statements(c.request)) {
          const list = s.perStatement.get(statement.family) ?? [];
          list.push(await timed(() => pool.query(numbered(statement.sql), statement.params)));
          s.perStatement.set(statement.family, list);
        }
      }
      console.log(`round ${round}/${ROUNDS} done`);
    }

    console.log('\nThe national table (medians over all rounds; p90 in brackets):');
    for (const [i, c] of CASES.entries()) {
      const s = samples[i];
      console.log(`\n${c.name}`);
      console.log(`  hub over HTTP (GraphQL)      p50 ${ms(median(s.http))}  (p90 ${ms(percentile(s.http, 0.9))})${c.target ? `  — ${c.target}` : c.request.ids ? '  — target ≤ 50 ms' : ''}`);
      console.log(`  service in process (no HTTP) p50 ${ms(median(s.service))}`);
      console.log(`  raw SQL, statements side by side (as the hub runs them) p50 ${ms(median(s.rawParallel))}`);
      console.log(`  raw SQL, statements one after the other                 p50 ${ms(median(s.rawSequential))}`);
      for (const [label, times] of s.perStatement) console.log(`    ${`${label} statement`.padEnd(20)} p50 ${ms(median(times))}`);
    }
    await server.stop();
  } finally {
    await pool.end();
    await orm.close(true);
    await embedded?.stop();
  }
}

// Only when run: importing this file (for its constants) must not start a benchmark.
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
