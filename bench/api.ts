import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/auth/viewer';
import { freePort } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { AdminStructure, UnitLevel } from '../src/modules/admin-unit/admin-unit.enums';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { familyStatements } from '../src/modules/indicator/indicator.repository';
import { IndicatorRequest, planRequest } from '../src/modules/indicator/indicator.request';
import { familyRequests } from '../src/modules/indicator/indicator.service';

/**
 * `npm run bench:api`: the built hub, run as its own process with production settings, under load on the
 * national demo data. Every request draws its variables at random from the real codes in the database (any
 * club, any province, any year), so nothing the hub keeps per input can make it look faster than it is.
 *
 * For each query it prints, in one run: req/s at 2 and 10 connections with p50/p99; CPU ms per request of the
 * hub process and of its database; SQL statements per request; the same server's `{ __typename }` rate (the
 * ceiling of the HTTP + Apollo stack) and the time PostgreSQL takes for the same answer through `pg` (the floor),
 * each as a ratio; and the hub's RSS under 10 connections. It waits for the machine to be idle first, and prints
 * the load average (`uptime`) with every case, because the machine is shared.
 *
 * Database: the embedded PostgreSQL under .data/bench (BENCH_DATA_DIR), seeded with the national demo data on
 * the first run and reused after. Settings: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_LOG_LEVEL (info, the
 * production default; access lines go to .data/bench/hub.log), BENCH_IDLE_LOAD (0.5), BENCH_IDLE_WAIT_SECONDS
 * (300), BENCH_CASES (e.g. `Q1,Q3`), BENCH_HUB_FLAGS (Node flags for the measured hub: a CPU profile, GC traces).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const IDLE_LOAD = Number(process.env.BENCH_IDLE_LOAD ?? 0.5);
const IDLE_WAIT_SECONDS = Number(process.env.BENCH_IDLE_WAIT_SECONDS ?? 300);
const CONNECTIONS = [2, 10] as const;
/** Distinct request bodies prepared per case (drawn at random per request): building JSON per request would load the client. */
const BODIES = 4096;

type Variables = Record<string, unknown>;

interface Case {
  id: string;
  name: string;
  /** What varies between requests. */
  inputs: string;
  operation: string;
  variables: () => Variables;
  /** The same answer straight from PostgreSQL: one hand-written statement (or the statements the hub sends). */
  raw?: { label: string; run: (vars: Variables) => Promise<unknown> };
}

interface Target {
  label: string;
  ok: (r: Results) => boolean | null;
}

/** The Node flags `npm start` gives the hub (package.json, config.hubNodeFlags): every bench runs it so. */
export const HUB_NODE_FLAGS: string[] = String(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).config?.hubNodeFlags ?? '')
  .split(' ')
  .filter(Boolean);

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);
const median = (xs: number[]) => percentile(xs, 0.5);
const fixed = (x: number | null | undefined, digits = 2) => (x == null || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
const uptime = () => {
  const [one, five, fifteen] = os.loadavg().map((x) => x.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen} (${os.cpus().length} cores)`;
};

export interface Hub {
  url: string;
  pgUrl: string;
  child: ChildProcess;
}

/** Starts the built hub on the embedded PostgreSQL under dataDir (seeded with the national demo data when empty). */
export async function startHub(dataDir: string, countSql: boolean, logFile?: string): Promise<Hub> {
  const [port, pgPort] = [await freePort(), await freePort()];
  // Access lines are written as in production (to a file, not to a pipe nobody reads, which would block the hub).
  const out = logFile ? fs.openSync(logFile, 'w') : 'ignore';
  // BENCH_HUB_FLAGS: more Node flags for the measured hub, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` or `--trace-gc`.
  const flags = [...HUB_NODE_FLAGS, ...(logFile ? (process.env.BENCH_HUB_FLAGS ?? '').split(' ').filter(Boolean) : [])];
  const child = spawn(process.execPath, [...flags, path.join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'production',
      // One process unless asked: CPU per request is read from that process's /proc (bench:workers compares more).
      HUB_WORKERS: process.env.HUB_WORKERS ?? '1',
      LOG_LEVEL: logFile ? LOG_LEVEL : 'warn',
      EXPOSE_SQL_COUNT: String(countSql),
      DEMO_SEED: 'national',
      // The benchmark measures throughput, not the per-key budget.
      RATE_LIMIT_COST_PER_MINUTE: '1000000000000',
    },
    stdio: ['ignore', out, 'inherit'],
  });
  if (typeof out === 'number') fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false);
    if (ok) return { url, pgUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/ishc_hub`, child };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the hub did not become ready');
}

export async function stop(hub: { child: ChildProcess }): Promise<void> {
  if (hub.child.exitCode !== null) return;
  hub.child.kill('SIGTERM');
  await new Promise((r) => hub.child.once('exit', r));
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuMillis(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
  } catch {
    return null;
  }
}

/** The processes started by `pid`, at any depth (the hub's embedded PostgreSQL and its backends). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const wanted = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of parentOf) {
      if (wanted.has(parent) && !wanted.has(child)) {
        wanted.add(child);
        found.push(child);
        grew = true;
      }
    }
  }
  return found;
}

/** The hub's own processes: the one started, and its workers with HUB_WORKERS > 1 (not its PostgreSQL). */
function hubProcesses(hub: Hub): number[] {
  const command = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return '';
    }
  };
  return [hub.child.pid!, ...descendants(hub.child.pid!).filter((pid) => command(pid) === 'node')];
}

/** CPU (ms) of the hub's processes and of its database (every PostgreSQL process, backends come and go). */
function cpuSnapshot(hub: Hub): { hub: Map<number, number>; db: Map<number, number> } {
  const own = new Set(hubProcesses(hub));
  const [mine, db] = [new Map<number, number>(), new Map<number, number>()];
  for (const pid of [hub.child.pid!, ...descendants(hub.child.pid!)]) {
    const ms = cpuMillis(pid);
    if (ms !== null) (own.has(pid) ? mine : db).set(pid, ms);
  }
  return { hub: mine, db };
}

function cpuSince(hub: Hub, before: ReturnType<typeof cpuSnapshot>): { hub: number | null; db: number | null } {
  const after = cpuSnapshot(hub);
  const spent = (now: Map<number, number>, then: Map<number, number>) => {
    let ms = 0;
    for (const [pid, value] of now) ms += value - (then.get(pid) ?? 0);
    return now.size ? ms : null;
  };
  return { hub: spent(after.hub, before.hub), db: spent(after.db, before.db) };
}

function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** The largest RSS of one hub process (with workers, each is a process of its own). */
function hubRssMb(hub: Hub): number | null {
  const sizes = hubProcesses(hub).map(rssMb).filter((mb): mb is number => mb !== null);
  return sizes.length ? Math.max(...sizes) : null;
}

/** Waits (up to IDLE_WAIT_SECONDS) for the one-minute load average to drop below IDLE_LOAD. */
async function waitForIdle(): Promise<void> {
  const deadline = Date.now() + IDLE_WAIT_SECONDS * 1000;
  if (os.loadavg()[0] >= IDLE_LOAD) console.log(`waiting up to ${IDLE_WAIT_SECONDS} s for the machine to be idle (1-minute load < ${IDLE_LOAD}): ${uptime()}`);
  while (os.loadavg()[0] >= IDLE_LOAD && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5000));
  console.log(os.loadavg()[0] < IDLE_LOAD ? `machine idle: ${uptime()}` : `the machine stayed busy; measuring anyway: ${uptime()}`);
}

let authorization = '';

const post = (url: string, body: string) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });

interface Load {
  rps: number;
  p50: number;
  p99: number;
  hubCpuPerRequest: number | null;
  dbCpuPerRequest: number | null;
  maxRssMb: number | null;
  failures: number;
}

/** One autocannon run; each request's body drawn at random from the prepared ones. */
async function load(hub: Hub, bodies: Buffer[], connections: number, seconds = SECONDS): Promise<Load> {
  const before = cpuSnapshot(hub);
  let maxRss: number | null = null;
  const sampler = setInterval(() => {
    const rss = hubRssMb(hub);
    if (rss !== null) maxRss = Math.max(maxRss ?? 0, rss);
  }, 100);
  const result = await autocannon({
    url: `${hub.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, body: pick(bodies) }) }],
  });
  clearInterval(sampler);
  const cpu = cpuSince(hub, before);
  const total = result.requests.total || 1;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    hubCpuPerRequest: cpu.hub === null ? null : cpu.hub / total,
    dbCpuPerRequest: cpu.db === null ? null : cpu.db / total,
    maxRssMb: maxRss,
    failures: result.non2xx + result.errors,
  };
}

/** Latency of requests one at a time (nothing queued): what to hold against the raw SQL of the same answer. */
async function sequentialMillis(run: () => Promise<unknown>, seconds: number): Promise<number[]> {
  const times: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end || times.length < 20) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

interface Results {
  byCase: Map<string, { load: Map<number, Load[]>; statements: string; oneAtATime: number[]; raw: number[] }>;
  typename: Map<number, Load[]>;
}

const medianOf = (loads: Load[], key: keyof Load): number | null => {
  const xs = loads.map((l) => l[key]).filter((x): x is number => typeof x === 'number');
  return xs.length ? median(xs) : null;
};
const maxOf = (loads: Load[], key: keyof Load): number | null => {
  const xs = loads.map((l) => l[key]).filter((x): x is number => typeof x === 'number');
  return xs.length ? Math.max(...xs) : null;
};

/** `?` placeholders (knex) to `$n` (pg). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Connections to the database of the hub being measured (it changes when the hub restarts). */
interface Db {
  pg?: Client;
  pool?: Pool;
}

function defineCases(db: Db, units: UnitDirectory, clubCodes: string[], provinceCodes: string[]): Case[] {
  const read = (file: string) => fs.readFileSync(path.join(ROOT, 'schema', 'operations', file), 'utf8');
  const query = (sql: string, params: unknown[]) => db.pg!.query(sql, params);
  const years = ['2021', '2022', '2023', '2024', '2025'];
  // The headline national table (as bench:indicators): every PRE_2025 province × 12 indicators × one year.
  const NATIONAL_IDS = [
    'active_clubs', 'new_clubs_1336', 'members', 'older_members', 'older_share', 'women_share',
    'poor_near_poor_share', 'clubs_50_70_members', 'province_coverage', 'commune_coverage', 'clubs_both_funds', 'meeting_regularity',
  ];
  return [
    {
      id: 'Q1',
      name: 'Q1 club by code with commune, district, province',
      inputs: `any of the ${clubCodes.length} clubs`,
      operation: read('club/ClubWithUnits.graphql'),
      variables: () => ({ code: pick(clubCodes) }),
      raw: {
        label: 'one join',
        run: (v) =>
          query(
            `select c.code, c.name, cm.code, cm.name, d.code, d.name, p.code, p.name from club c
             left join admin_unit cm on cm.id = c.commune_pre2025_id left join admin_unit d on d.id = cm.parent_id
             left join admin_unit p on p.id = d.parent_id where c.code = $1`,
            [v.code],
          ),
      },
    },
    {
      id: 'Q2',
      name: 'Q2 all 63 provinces with club and member counts',
      inputs: 'the same question every time (the answer is national)',
      operation: read('admin-unit/ProvinceCounts.graphql'),
      variables: () => ({ structure: 'PRE_2025' }),
      raw: {
        label: 'one statement over the province summaries',
        run: () =>
          query(
            `select p.code, p.name, s.clubs, s.members from admin_unit p left join province_summary s on s.province_id = p.id
             where p.structure = 'PRE_2025' and p.level = 'PROVINCE' order by p.code`,
            [],
          ),
      },
    },
    {
      id: 'Q3',
      name: "Q3 one province's first 50 clubs × first 20 members",
      inputs: `any of the ${provinceCodes.length} provinces`,
      operation: read('member/ProvinceClubMembers.graphql'),
      variables: () => ({ structure: 'PRE_2025', code: pick(provinceCodes), clubs: 50, members: 20 }),
      raw: {
        label: 'one lateral join',
        run: (v) =>
          query(
            `select c.code, c.name, m.full_name, m.sex, m.birth_year from (
               select c.id, c.code, c.name from club c join admin_unit u on u.id = coalesce(c.commune_pre2025_id, c.commune_post2025_id)
               where u.structure = 'PRE_2025' and u.path like $1 order by c.code, c.id limit 50) c
             left join lateral (select m.full_name, m.sex, m.birth_year from member m where m.club_id = c.id and m.left_on is null
               order by m.full_name, m.id limit 20) m on true order by c.code`,
            [`${v.code}/%`],
          ),
      },
    },
    {
      id: 'Q4',
      name: 'Q4 national indicator table: 63 provinces × 12 indicators × one year',
      inputs: `any year of ${years.join(', ')}`,
      operation: read('indicator/Indicators.graphql'),
      variables: () => ({ structure: 'PRE_2025', level: 'PROVINCE', periods: [pick(years)], ids: NATIONAL_IDS }),
      raw: {
        label: "the hub's statements, side by side on a pool",
        run: (v) => {
          const plan = planRequest(units, { structure: AdminStructure.PRE_2025, level: UnitLevel.PROVINCE, periods: v.periods as string[], ids: NATIONAL_IDS } as IndicatorRequest);
          const statements = familyStatements(plan.structure, plan.level, plan.periods, familyRequests(plan.indicators));
          return Promise.all(statements.map(({ sql, params }) => db.pool!.query(numbered(sql), params as unknown[])));
        },
      },
    },
  ];
}

const TYPENAME = '{ __typename }';

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.BENCH_DATA_DIR ?? path.join(ROOT, '.data', 'bench'));
  const logFile = path.join(dataDir, 'hub.log');
  fs.mkdirSync(dataDir, { recursive: true });
  console.log(`bench:api on ${dataDir} (the first run seeds the national demo data); ${uptime()}`);
  // First a hub that counts SQL statements per request (counting costs throughput), then one that does not.
  let hub = await startHub(dataDir, true);
  const db: Db = {};
  try {
    const orm = await MikroORM.init(ormConfig(hub.pgUrl));
    const units = await UnitDirectory.load(orm.em.fork());
    // An ADMIN key, as an internal tool would hold.
    authorization = `Bearer ${(await createApiKey(orm.em.fork(), units, { organisation: 'bench:api', role: Role.ADMIN })).key}`;
    await orm.close(true);
    const codes = new Client({ connectionString: hub.pgUrl });
    await codes.connect();
    const clubCodes = (await codes.query<{ code: string }>('select code from club')).rows.map((r) => r.code);
    await codes.end();
    const provinceCodes = units.nation(AdminStructure.PRE_2025).children.map((p) => p.code);
    const only = process.env.BENCH_CASES?.split(',');
    const cases = defineCases(db, units, clubCodes, provinceCodes).filter((c) => !only || only.includes(c.id));
    const results: Results = { byCase: new Map(), typename: new Map() };
    const bodies = new Map(cases.map((c) => [c.id, Array.from({ length: BODIES }, () => Buffer.from(JSON.stringify({ query: c.operation, variables: c.variables() })))]));

    for (const c of cases) {
      // Not the first requests: each hub process verifies the key once (then keeps it in memory).
      const counts = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const res = await post(hub.url, JSON.stringify({ query: c.operation, variables: c.variables() }));
        const json = (await res.json()) as { errors?: unknown };
        if (json.errors) throw new Error(`${c.id}: ${JSON.stringify(json.errors)}`);
        if (i >= 4) counts.add(res.headers.get('x-sql-statements') ?? '?');
      }
      results.byCase.set(c.id, { load: new Map(), statements: [...counts].join(' or '), oneAtATime: [], raw: [] });
    }
    await stop(hub);
    hub = await startHub(dataDir, false, logFile);
    db.pg = new Client({ connectionString: hub.pgUrl });
    await db.pg.connect();
    db.pool = new Pool({ connectionString: hub.pgUrl, max: 10 });
    const typenameBodies = [Buffer.from(JSON.stringify({ query: TYPENAME }))];

    await waitForIdle();
    console.log('warming up…');
    await load(hub, typenameBodies, 2, 2);
    for (const c of cases) await load(hub, bodies.get(c.id)!, 2, 2);

    for (let round = 1; round <= ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        const list = results.typename.get(connections) ?? [];
        list.push(await load(hub, typenameBodies, connections));
        results.typename.set(connections, list);
      }
      for (const c of cases) {
        for (const connections of CONNECTIONS) {
          const r = await load(hub, bodies.get(c.id)!, connections);
          const entry = results.byCase.get(c.id)!;
          entry.load.set(connections, [...(entry.load.get(connections) ?? []), r]);
          if (r.failures > 0) console.warn(`${c.id} at ${connections} connections: ${r.failures} failed requests`);
        }
      }
      console.log(`round ${round}/${ROUNDS} done; ${uptime()}`);
    }
    // One request at a time, the hub and then PostgreSQL alone, alternating in short stretches.
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) {
        const entry = results.byCase.get(c.id)!;
        const caseBodies = bodies.get(c.id)!;
        entry.oneAtATime.push(...(await sequentialMillis(() => post(hub.url, pick(caseBodies).toString()).then((r) => r.arrayBuffer()), 1)));
        if (c.raw) entry.raw.push(...(await sequentialMillis(() => c.raw!.run(c.variables()), 1)));
      }
    }

    report(cases, results);
  } finally {
    await db.pool?.end();
    await db.pg?.end();
    await stop(hub);
  }
}

function report(cases: Case[], results: Results): void {
  const typename = (connections: number) => medianOf(results.typename.get(connections) ?? [], 'rps');
  console.log(`\nbench:api — medians of ${ROUNDS} rounds of ${SECONDS} s (autocannon, keep-alive, POST /graphql, ADMIN key, LOG_LEVEL=${LOG_LEVEL}, NODE_ENV=production, HUB_WORKERS=${process.env.HUB_WORKERS ?? 1}; hub CPU and RSS: every hub process, RSS of the largest)`);
  console.log(`${new Date().toISOString()}; ${uptime()}; node ${process.version}`);
  console.log(`\n{ __typename } on the same server (the ceiling of HTTP + Apollo + authentication):`);
  for (const connections of CONNECTIONS) {
    const loads = results.typename.get(connections) ?? [];
    console.log(`  ${String(connections).padStart(2)} conn: ${fixed(medianOf(loads, 'rps'), 0).padStart(6)} req/s   p50 ${medianOf(loads, 'p50')} ms   p99 ${medianOf(loads, 'p99')} ms   hub CPU ${fixed(medianOf(loads, 'hubCpuPerRequest'), 3)} ms/request`);
  }
  const rows: string[] = [];
  for (const c of cases) {
    const entry = results.byCase.get(c.id)!;
    console.log(`\n${c.name}  (inputs: ${c.inputs}; ${entry.statements} SQL statements per request)`);
    for (const connections of CONNECTIONS) {
      const loads = entry.load.get(connections) ?? [];
      const rps = medianOf(loads, 'rps');
      const ceiling = typename(connections);
      console.log(
        `  ${String(connections).padStart(2)} conn: ${fixed(rps, 0).padStart(6)} req/s (${fixed(rps && ceiling ? rps / ceiling : null)} × { __typename })` +
          `   p50 ${medianOf(loads, 'p50')} ms   p99 ${medianOf(loads, 'p99')} ms` +
          `   CPU per request: hub ${fixed(medianOf(loads, 'hubCpuPerRequest'))} ms, database ${fixed(medianOf(loads, 'dbCpuPerRequest'))} ms` +
          (connections === 10 ? `   hub RSS max ${fixed(maxOf(loads, 'maxRssMb'), 0)} MB` : ''),
      );
      rows.push(`| ${c.id} | ${connections} | ${fixed(rps, 0)} | ${fixed(rps && ceiling ? rps / ceiling : null)} | ${medianOf(loads, 'p50')} / ${medianOf(loads, 'p99')} | ${fixed(medianOf(loads, 'hubCpuPerRequest'))} | ${fixed(medianOf(loads, 'dbCpuPerRequest'))} | ${entry.statements} |`);
    }
    const hubP50 = median(entry.oneAtATime);
    const rawP50 = median(entry.raw);
    console.log(
      `  one request at a time: hub p50 ${fixed(hubP50)} ms (p99 ${fixed(percentile(entry.oneAtATime, 0.99))})` +
        (c.raw ? `; raw SQL (${c.raw.label}) p50 ${fixed(rawP50)} ms (p99 ${fixed(percentile(entry.raw, 0.99))}) → hub ${fixed(hubP50 / rawP50, 1)} × raw SQL` : ''),
    );
  }

  const q = (id: string, connections: number, key: keyof Load) => medianOf(results.byCase.get(id)?.load.get(connections) ?? [], key);
  const ratio = (id: string) => {
    const e = results.byCase.get(id);
    return e ? median(e.oneAtATime) / median(e.raw) : null;
  };
  const rssMax = Math.max(...[...results.byCase.values()].flatMap((e) => (e.load.get(10) ?? []).map((l) => l.maxRssMb ?? 0)), ...(results.typename.get(10) ?? []).map((l) => l.maxRssMb ?? 0));
  const check = (value: number | null, ok: (v: number) => boolean) => (value === null || Number.isNaN(value) ? 'n/a' : ok(value) ? 'met' : 'NOT met');
  const targets: Array<[string, string, string]> = [
    ['Q1 ≥ 2,000 req/s at 2 connections', fixed(q('Q1', 2, 'rps'), 0), check(q('Q1', 2, 'rps'), (v) => v >= 2000)],
    ['Q1 ≥ 0.6 × { __typename } at 2 connections', fixed((q('Q1', 2, 'rps') ?? NaN) / (typename(2) ?? NaN)), check((q('Q1', 2, 'rps') ?? NaN) / (typename(2) ?? NaN), (v) => v >= 0.6)],
    ['Q2 ≥ 2,000 req/s at 2 connections', fixed(q('Q2', 2, 'rps'), 0), check(q('Q2', 2, 'rps'), (v) => v >= 2000)],
    ['Q3 ≥ 200 req/s at 2 connections', fixed(q('Q3', 2, 'rps'), 0), check(q('Q3', 2, 'rps'), (v) => v >= 200)],
    ['Q3 no slower at 10 connections (≥ 0.95 × its rate at 2)', fixed((q('Q3', 10, 'rps') ?? NaN) / (q('Q3', 2, 'rps') ?? NaN)), check((q('Q3', 10, 'rps') ?? NaN) / (q('Q3', 2, 'rps') ?? NaN), (v) => v >= 0.95)],
    ['Q3 hub CPU ≤ 4 ms per request', fixed(q('Q3', 2, 'hubCpuPerRequest')), check(q('Q3', 2, 'hubCpuPerRequest'), (v) => v <= 4)],
    ['Q3 database CPU < 5 ms per request (what it spent before)', fixed(q('Q3', 2, 'dbCpuPerRequest')), check(q('Q3', 2, 'dbCpuPerRequest'), (v) => v < 5)],
    ['Q3 hub p50 ≤ 2 × raw SQL p50 (one at a time)', fixed(ratio('Q3')), check(ratio('Q3'), (v) => v <= 2)],
    ['hub RSS ≤ 300 MB under 10 connections', `${fixed(rssMax, 0)} MB`, check(rssMax, (v) => v <= 300)],
  ];
  console.log('\nTargets (issue #18):');
  for (const [label, value, verdict] of targets) console.log(`  ${label.padEnd(62)} ${value.padStart(8)}   ${verdict}`);
  console.log('\nMarkdown (README):');
  console.log('| query | connections | req/s | × { __typename } | p50 / p99 ms | hub CPU ms/req | DB CPU ms/req | SQL statements |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const connections of CONNECTIONS) {
    const loads = results.typename.get(connections) ?? [];
    console.log(`| { __typename } | ${connections} | ${fixed(medianOf(loads, 'rps'), 0)} | 1.00 | ${medianOf(loads, 'p50')} / ${medianOf(loads, 'p99')} | ${fixed(medianOf(loads, 'hubCpuPerRequest'))} | – | 0 |`);
  }
  for (const row of rows) console.log(row);
}

// Only when run: importing this file (for startHub) must not start a benchmark.
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
