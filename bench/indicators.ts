import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client, Pool } from 'pg';
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
import { INDICATORS } from '../src/modules/indicator/indicator.catalogue';
import { Disaggregation } from '../src/modules/indicator/indicator.enums';
import { familyStatements } from '../src/modules/indicator/indicator.repository';
import { IndicatorRequest, planRequest } from '../src/modules/indicator/indicator.request';
import { familyRequests, indicatorTable, statementScope } from '../src/modules/indicator/indicator.service';
import { createHubServer } from '../src/server';

/**
 * `npm run bench:indicators`: issue 18's indicator figures, each against its target — the national table
 * (every province × 12 indicators × one year), every indicator of the catalogue, the national completeness
 * table, and every person-category split (sex, age band, poverty) at nation, province and commune level over
 * 24 monthly periods — asked of the hub over HTTP (GraphQL, production settings), next to the service in
 * process and the time PostgreSQL alone takes for the same statements (side by side as the hub runs them, and
 * each alone). A request that fails (a statement timeout) counts as failed, not as a time.
 *
 * Database: DATABASE_URL (seeded with the national demo data when it holds no clubs), else an embedded
 * PostgreSQL under .data/bench-indicators, seeded on the first run and reused afterwards. The machine is
 * shared: rounds alternate the cases, and medians are reported.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10);
const SPLIT_REQUESTS = Number(process.env.BENCH_SPLIT_REQUESTS ?? 2);
const SPLIT_DETAIL = process.env.BENCH_SPLIT_DETAIL === '1';
/** Only the cases whose name matches this regular expression (e.g. `split`, `^(national|all)`), when set. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;

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

interface Case {
  name: string;
  request: IndicatorRequest;
  /** Issue 18's budget for the p50 over HTTP, in ms. */
  target: number;
  /** Requests per round (the splits take long before their states exist). */
  requests?: number;
  /** Asked as the web app's reporting page asks (WebIndicators.graphql): without the placement notes. */
  withoutPlacement?: true;
}

/**
 * A province, a district and a commune with clubs in the national demo data (PRE_2025 codes): Hà Tĩnh, its
 * district with the most clubs (Hà Tĩnh city, 39), and Thôn 11's commune.
 */
const SPLIT_PROVINCE = '42';
const SPLIT_DISTRICT = '436';
const SPLIT_COMMUNE = '24166';
/** The person categories a split can be by, and 24 months of monthly figures. */
const PERSON_DIMENSIONS = [Disaggregation.SEX, Disaggregation.AGE_BAND, Disaggregation.POVERTY_STATUS];
const MONTHS_24 = '202401..202512';

/** Every indicator a person's category splits (those that apply it). */
const splittableBy = (d: Disaggregation) => INDICATORS.filter((i) => i.disaggregations.includes(d)).map((i) => i.id);

const SPLIT_UNITS: Array<{ level: string; units: IndicatorRequest['units'] }> = [
  { level: 'nation', units: [{ structure: AdminStructure.PRE_2025, code: 'VN' }] },
  { level: 'province', units: [{ structure: AdminStructure.PRE_2025, code: SPLIT_PROVINCE }] },
  { level: 'district', units: [{ structure: AdminStructure.PRE_2025, code: SPLIT_DISTRICT }] },
  { level: 'commune', units: [{ structure: AdminStructure.PRE_2025, code: SPLIT_COMMUNE }] },
];

const CASES: Case[] = [
  { name: 'national table POST_2025: 34 provinces × 12 indicators × 2023', request: { structure: AdminStructure.POST_2025, level: UnitLevel.PROVINCE, periods: ['2023'], ids: NATIONAL_TABLE_IDS }, target: 10 },
  { name: 'national table PRE_2025: 63 provinces × 12 indicators × 2023', request: { structure: AdminStructure.PRE_2025, level: UnitLevel.PROVINCE, periods: ['2023'], ids: NATIONAL_TABLE_IDS }, target: 10 },
  // Every indicator of the catalogue, as a dashboard asking for no ids gets it.
  { name: `all ${INDICATORS.length} indicators POST_2025: 34 provinces × 2023`, request: { structure: AdminStructure.POST_2025, level: UnitLevel.PROVINCE, periods: ['2023'] }, target: 30 },
  { name: `all ${INDICATORS.length} indicators PRE_2025: 63 provinces × 2023`, request: { structure: AdminStructure.PRE_2025, level: UnitLevel.PROVINCE, periods: ['2023'] }, target: 30 },
  // The national completeness table (issue 15): every province × the 12 months of a year, both reporting indicators.
  // Not in issue 18's list: held to a dashboard table's 50 ms.
  // Asked as the web app's reporting page asks it, without the placement notes.
  { name: 'completeness table PRE_2025: 63 provinces × 12 months of 2024', request: { structure: AdminStructure.PRE_2025, level: UnitLevel.PROVINCE, periods: ['202401..202412'], ids: REPORTING_TABLE_IDS }, target: 50, withoutPlacement: true },
  { name: 'completeness table POST_2025: 34 provinces × 12 months of 2025', request: { structure: AdminStructure.POST_2025, level: UnitLevel.PROVINCE, periods: ['202501..202512'], ids: REPORTING_TABLE_IDS }, target: 50, withoutPlacement: true },
  // Every person-category split, at each level, over 24 monthly periods: all the indicators it applies to.
  ...SPLIT_UNITS.flatMap(({ level, units }) =>
    PERSON_DIMENSIONS.map((d) => ({
      name: `split by ${d} at ${level} level, ${splittableBy(d).length} indicators × 24 months`,
      request: { structure: AdminStructure.PRE_2025, units, periods: [MONTHS_24], ids: splittableBy(d), disaggregateBy: [d] },
      target: 300,
      requests: SPLIT_REQUESTS,
    })),
  ),
];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const median = (xs: number[]) => percentile(xs, 0.5);
const ms = (x: number) => `${x.toFixed(1)} ms`;
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

/** Milliseconds, or Infinity when it failed (the first failure of a run is printed). */
let failures = 0;
async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = process.hrtime.bigint();
  try {
    await fn();
  } catch (err) {
    if (failures++ === 0) console.log(`  failed: ${err instanceof Error ? err.message : String(err)}`);
    return Infinity;
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedPg }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const dataDir = path.join(ROOT, '.data', 'bench-indicators', 'pg');
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
  await ensureDatabase(embedded.url('postgres'), 'ishc_hub');
  return { url: embedded.url('ishc_hub'), embedded };
}

/** A backend's CPU time so far in ms (utime + stime from /proc, ticks of 10 ms), or null when the server is not local. */
const backendCpu = (pid: number) => (): number | null => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
};

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
    const operation = (...at: string[]) => fs.readFileSync(path.join(ROOT, 'schema', 'operations', ...at), 'utf8');
    const [document, dashboardDocument] = [operation('indicator', 'Indicators.graphql'), operation('web', 'WebIndicators.graphql')];

    // The hub's time is until the answer's last byte has arrived. The client's JSON.parse of it is timed apart:
    // it is the client's work, and this client shares the hub's process and thread.
    let lastParseMs = NaN;
    const http = async (request: IndicatorRequest, placement = true) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: placement ? document : dashboardDocument, variables: request }),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      return async () => {
        const t0 = process.hrtime.bigint();
        const body = JSON.parse(bytes.toString('utf8')) as { errors?: unknown[]; data?: { indicators: { rows: unknown[] } } };
        lastParseMs = Number(process.hrtime.bigint() - t0) / 1e6;
        if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
        return body.data!.indicators.rows.length;
      };
    };
    /** Times a request over HTTP (Infinity when it fails) and keeps its client's parse time. */
    const timedHttp = async (request: IndicatorRequest, placement: boolean, parses: number[]) => {
      let answer: (() => Promise<number>) | undefined;
      const time = await timed(async () => (answer = await http(request, placement)));
      if (time === Infinity) return time;
      // Parsed and checked: an answer with errors counts as failed.
      if ((await timed(() => answer!())) === Infinity) return Infinity;
      parses.push(lastParseMs);
      return time;
    };
    const viewer = { ...ANONYMOUS_VIEWER, role: Role.ADMIN, mayReadPersonalData: true };
    const service = (request: IndicatorRequest, placement = true) =>
      indicatorTable({ em: orm.em.fork(), units, viewer, access: new Access(viewer, units) }, request, { placement });
    const statements = (request: IndicatorRequest, placement = true) => {
      const plan = planRequest(units, request);
      return familyStatements(plan.structure, plan.level, plan.periods, familyRequests(plan.indicators), { within: statementScope(plan, units), placement }).map((s) => ({ ...s, family: s.requests.map((r) => r.family).join('+') }));
    };
    // Each statement alone runs on one connection whose backend's CPU time is read from /proc (when the server is
    // local), the better figure on a shared machine.
    const single = new Client({ connectionString: url });
    await single.connect();
    const backendCpuMs = backendCpu((await single.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid);
    const rawParallel = (request: IndicatorRequest, placement = true) =>
      Promise.all(statements(request, placement).map(({ sql, params }) => pool.query(numbered(sql), params)));

    const cases = CASES.filter((c) => !ONLY || ONLY.test(c.name));
    const loads: string[] = [loadAverage()];
    const samples = cases.map(() => ({ http: [] as number[], parse: [] as number[], service: [] as number[], rawParallel: [] as number[], perStatement: new Map<string, number[]>(), cpu: new Map<string, number[]>() }));
    for (const c of cases) {
      const t0 = process.hrtime.bigint();
      const rows = await http(c.request, !c.withoutPlacement)
        .then((answer) => answer())
        .catch((err: unknown) => `failed (${err instanceof Error ? err.message : String(err)})`);
      console.log(`${c.name}: ${rows} rows, first request ${ms(Number(process.hrtime.bigint() - t0) / 1e6)} (load average ${loadAverage()}); warming up…`);
      // The first request warms a split up; the tables get three more.
      for (let i = 0; i < (c.requests ? 0 : 3); i++) await timedHttp(c.request, !c.withoutPlacement, []);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, c] of cases.entries()) {
        const s = samples[i];
        const n = c.requests ?? REQUESTS;
        for (let r = 0; r < n; r++) s.http.push(await timedHttp(c.request, !c.withoutPlacement, s.parse));
        // The splits' statements take long: only their time over HTTP is taken, unless BENCH_SPLIT_DETAIL is set.
        if (c.requests && !SPLIT_DETAIL) continue;
        for (let r = 0; r < n; r++) s.service.push(await timed(() => service(c.request, !c.withoutPlacement)));
        for (let r = 0; r < n; r++) s.rawParallel.push(await timed(() => rawParallel(c.request, !c.withoutPlacement)));
        for (const statement of statements(c.request, !c.withoutPlacement)) {
          const list = s.perStatement.get(statement.family) ?? [];
          const cpu = s.cpu.get(statement.family) ?? [];
          const c0 = backendCpuMs();
          list.push(await timed(() => single.query(numbered(statement.sql), statement.params)));
          const c1 = backendCpuMs();
          if (c0 !== null && c1 !== null) cpu.push(c1 - c0);
          s.perStatement.set(statement.family, list);
          s.cpu.set(statement.family, cpu);
        }
      }
      loads.push(loadAverage());
      console.log(`round ${round}/${ROUNDS} done (load average ${loads[loads.length - 1]})`);
    }

    console.log(`\nMedians over ${ROUNDS} rounds (p90 in brackets); ratio = p50 over HTTP / target (≤ 1 meets it).`);
    for (const [i, c] of cases.entries()) {
      const s = samples[i];
      const p50 = median(s.http);
      console.log(`\n${c.name}`);
      console.log(`  hub over HTTP (GraphQL)      p50 ${ms(p50)}  (p90 ${ms(percentile(s.http, 0.9))})  target ≤ ${c.target} ms  ratio ${(p50 / c.target).toFixed(2)}`);
      console.log(`  the client's JSON.parse of the answer, not in the figure above: p50 ${ms(median(s.parse))}`);
      if (!s.service.length) continue;
      console.log(`  service in process (no HTTP) p50 ${ms(median(s.service))}`);
      console.log(`  raw SQL, the statements side by side (as the hub runs them) p50 ${ms(median(s.rawParallel))}`);
      for (const [label, times] of s.perStatement) {
        const cpu = s.cpu.get(label) ?? [];
        console.log(`    ${`${label} statement`.padEnd(44)} p50 ${ms(median(times))}${cpu.length ? `, backend CPU p50 ${ms(median(cpu))}` : ''}`);
      }
    }
    console.log('\nSummary (p50 over HTTP / target):');
    for (const [i, c] of cases.entries()) {
      const p50 = median(samples[i].http);
      console.log(`  ${c.name.padEnd(72)} ${ms(p50).padStart(10)}  ≤ ${String(c.target).padStart(3)} ms  ratio ${(p50 / c.target).toFixed(2)}`);
    }
    console.log(`load average (1, 5, 15 min) at the start and after each round: ${loads.join(' | ')}; ${os.cpus().length} cores`);
    await server.stop();
    await single.end();
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
