import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/auth/viewer';
import { EmbeddedPg, ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { COMMIT_POSITION_HEADER } from '../src/db/read-routing';
import { startStandby } from '../src/db/standby';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { HUB_NODE_FLAGS } from './api';

/**
 * `npm run soak -- --minutes 5`: two hub instances (each HUB_WORKERS processes) on one primary and one
 * streaming replica, under a mixed load — mostly reads with random variables, some member writes through the
 * addMember mutation and through CSV imports — while a worker is killed (SIGKILL), the replica restarted and
 * one instance restarted. Then: every write that was answered with success must be in the database with its
 * audit entry, and every read that sent back its own write's commit position must have seen that write.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.join(ROOT, '.data', 'soak');
const OPS = path.join(ROOT, 'schema', 'operations');
const op = (file: string) => fs.readFileSync(path.join(OPS, file), 'utf8');
const CLUB_BY_CODE = op('club/ClubByCode.graphql');
const CLUBS = op('club/Clubs.graphql');
const ADD_MEMBER = op('member/AddMember.graphql');
const MEMBER_BY_ID = `query SoakMember($id: ID!) { node(id: $id) { ... on Member { externalRef } } }`;
const MEMBER_COUNT = `query SoakMemberCount($code: String!) { club(code: $code) { memberCount } }`;
const DB = 'ishc_hub';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    workers: { type: 'string', default: '2' },
    clients: { type: 'string', default: '12' },
    'compare-seconds': { type: 'string', default: '20' },
  },
});
const MINUTES = Number(args.minutes);
const WORKERS = Number(args.workers);
const CLIENTS = Number(args.clients);
const COMPARE_SECONDS = Number(args['compare-seconds']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uptime = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Whether this build has HUB_WORKERS (node:cluster workers); without it, an instance is one process. */
const HAS_WORKERS = fs.readFileSync(path.join(ROOT, 'dist', 'src', 'config.js'), 'utf8').includes('HUB_WORKERS');

// ---------- instances ----------

interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  workers: number;
}

let primaryUrl = '';
let replicaUrl = '';

async function startInstance(name: string, port: number, workers: number, seed: boolean): Promise<Instance> {
  const log = fs.openSync(path.join(DATA, `${name}.log`), 'a');
  const child = spawn(process.execPath, [...HUB_NODE_FLAGS, path.join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: primaryUrl,
      DATABASE_REPLICA_URLS: replicaUrl,
      HUB_WORKERS: String(workers),
      LOG_LEVEL: 'warn',
      DEMO_SEED: seed ? 'small' : 'none',
      // The soak measures the hub under faults, not the per-key budget.
      RATE_LIMIT_COST_PER_MINUTE: '1000000000000',
      SHUTDOWN_DRAIN_MS: '10000',
    },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode} (see ${path.join(DATA, `${name}.log`)})`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false)) return { name, port, url, child, workers };
    await sleep(300);
  }
  throw new Error(`instance ${name} did not become ready`);
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

/** The processes of an instance: its own and its children (cluster workers). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

function rssMb(instances: Instance[]): number {
  let kb = 0;
  for (const instance of instances) {
    for (const pid of processTree(instance.child.pid!)) {
      try {
        const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
        kb += Number(line?.split(/\s+/)[1] ?? 0);
      } catch {
        // gone meanwhile
      }
    }
  }
  return Math.round(kb / 1024);
}

// ---------- load ----------

type Kind = 'read' | 'write' | 'import' | 'own-read';
interface Sample {
  at: number;
  kind: Kind;
  ms: number;
  /** null: success; else the kind of error. */
  error: string | null;
}

const samples: Sample[] = [];
const acknowledged: string[] = [];
let staleOwnReads = 0;
let ownReads = 0;
let authorization = '';
let instances: Instance[] = [];
let next = 0;
const pick = <T,>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
let rerouted = 0;

/**
 * Sends to the next instance in turn; a refused connection (the request never reached a hub) goes to the
 * other instance, as a load balancer does: safe for writes too, since nothing was sent.
 */
async function send(pathname: string, init: RequestInit): Promise<Response> {
  const first = next++ % instances.length;
  try {
    return await fetch(`${instances[first].url}${pathname}`, init);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED' || instances.length < 2) throw err;
    rerouted += 1;
    return fetch(`${instances[(first + 1) % instances.length].url}${pathname}`, init);
  }
}

async function timed<T>(kind: Kind, fn: () => Promise<{ error: string | null; value?: T }>): Promise<T | undefined> {
  const start = performance.now();
  let result: { error: string | null; value?: T };
  try {
    result = await fn();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    result = { error: `network ${cause?.code ?? (err as Error).name}` };
  }
  samples.push({ at: Date.now(), kind, ms: performance.now() - start, error: result.error });
  return result.error ? undefined : result.value;
}

async function graphql(kind: Kind, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  return timed(kind, async () => {
    const res = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: Record<string, any>; errors?: Array<{ extensions?: { code?: string } }> };
    if (body.errors?.length) return { error: `graphql ${body.errors[0].extensions?.code ?? 'unknown'}` };
    if (!res.ok || !body.data) return { error: `http ${res.status}` };
    return { error: null, value: { data: body.data, position: res.headers.get(COMMIT_POSITION_HEADER) } };
  });
}

let refs = 0;
const run = `s${Date.now().toString(36)}`;
const newRef = () => `${run}-${++refs}`;

/** A read of one's own write, on the next instance, with the write's commit position: it must see the write. */
async function readOwnWrite(query: string, variables: Record<string, unknown>, position: string | null, sawWrite: (data: Record<string, any>) => boolean) {
  const result = await graphql('own-read', query, variables, position ? { [COMMIT_POSITION_HEADER]: position } : {});
  if (!result) return;
  ownReads += 1;
  if (!sawWrite(result.data)) staleOwnReads += 1;
}

async function writeOne(clubs: string[]) {
  const club = pick(clubs);
  const ref = newRef();
  const input = { clubCode: club, fullName: `Thành viên thử ${ref}`, sex: pick(['MALE', 'FEMALE']), birthYear: 1940 + Math.floor(Math.random() * 60), povertyStatus: 'NOT_POOR', joinedOn: '2026-11-02', externalRef: ref };
  const result = await graphql('write', ADD_MEMBER, { input });
  if (!result) return;
  acknowledged.push(ref);
  await readOwnWrite(MEMBER_BY_ID, { id: result.data.addMember.member.id }, result.position, (data) => data.node?.externalRef === ref);
}

/**
 * Each client imports into a club of its own (no one else writes there), so it knows how many members the club
 * has at least: a read with the import's position must count them all.
 */
interface ImportClub {
  code: string;
  atLeast: number;
}

const IMPORT_HEADER = 'club_code,member_ref,full_name,sex,birth_year,birth_date,poverty_status,joined_on,left_on,leave_reason,board_role,home_care_volunteer';
async function importSome(club: ImportClub) {
  const rows = [newRef(), newRef(), newRef()];
  const csv = [IMPORT_HEADER, ...rows.map((ref) => `${club.code},${ref},Người nhập ${ref},FEMALE,1955,,NOT_POOR,2026-11-03,,,,`)].join('\n');
  const result = await timed('import', async () => {
    const res = await send('/imports/members', {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', authorization },
      body: csv,
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json().catch(() => ({}))) as { code?: string; problems?: Array<{ code: string }> };
    if (res.status !== 200) return { error: `import ${res.status} ${body.code ?? body.problems?.[0]?.code ?? ''}`.trim() };
    return { error: null, value: res.headers.get(COMMIT_POSITION_HEADER) };
  });
  if (result === undefined) return;
  acknowledged.push(...rows);
  club.atLeast += rows.length;
  await readOwnWrite(MEMBER_COUNT, { code: club.code }, result, (data) => data.club.memberCount >= club.atLeast);
}

async function readOne(clubs: string[], provinces: string[]) {
  if (Math.random() < 0.6) await graphql('read', CLUB_BY_CODE, { code: pick(clubs) });
  else await graphql('read', CLUBS, { structure: 'PRE_2025', under: { structure: 'PRE_2025', code: pick(provinces) }, first: 20 });
}

let importClubs: ImportClub[] = [];
async function load(untilMs: number, clubs: string[], provinces: string[], writes: boolean) {
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (Date.now() < untilMs) {
        const dice = Math.random();
        if (writes && dice < 0.03) await importSome(importClubs[client]);
        else if (writes && dice < 0.15) await writeOne(clubs);
        else await readOne(clubs, provinces);
      }
    }),
  );
}

// ---------- report ----------

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(from: number, to: number) {
  const window = samples.filter((s) => s.at >= from && s.at < to);
  const ok = window.filter((s) => s.error === null);
  const ms = ok.map((s) => s.ms).sort((a, b) => a - b);
  const errors = new Map<string, number>();
  for (const s of window) if (s.error) errors.set(s.error, (errors.get(s.error) ?? 0) + 1);
  return {
    requests: window.length,
    perSecond: window.length / ((to - from) / 1000),
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    errors,
    errorRate: window.length ? (window.length - ok.length) / window.length : 0,
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

// ---------- main ----------

async function main(): Promise<void> {
  fs.mkdirSync(DATA, { recursive: true });
  console.log(`soak: ${MINUTES} min, 2 instances × ${HAS_WORKERS ? `HUB_WORKERS=${WORKERS}` : '1 process (this build has no HUB_WORKERS)'}, ${CLIENTS} clients, load ${uptime()} (${process.env.HOSTNAME ?? ''} ${require('node:os').cpus().length} cores)`);

  const primary: EmbeddedPg = await startEmbeddedPostgres({ dataDir: path.join(DATA, 'pg'), port: await freePort(), persistent: true });
  await ensureDatabase(primary.url('postgres'), DB);
  primaryUrl = primary.url(DB);
  fs.rmSync(path.join(DATA, 'pg-replica'), { recursive: true, force: true });
  const standbyPort = await freePort();
  const launchStandby = () => startStandby({ primaryUrl: primary.url('postgres'), dataDir: path.join(DATA, 'pg-replica'), port: standbyPort, persistent: true });
  let standby = await launchStandby();
  replicaUrl = standby.url(DB);
  const [portA, portB] = [await freePort(), await freePort()];
  const cleanup = async () => {
    for (const instance of instances) await stopInstance(instance).catch(() => undefined);
    await standby.stop().catch(() => undefined);
    await primary.stop();
  };

  try {
    const firstWorkers = HAS_WORKERS && COMPARE_SECONDS > 0 ? 1 : WORKERS;
    // The first instance migrates and seeds (small demo data) on a fresh database; then the second starts.
    const a = await startInstance('instance-a', portA, firstWorkers, true);
    instances = [a, await startInstance('instance-b', portB, firstWorkers, false)];

    const orm = await MikroORM.init(ormConfig(primaryUrl, { poolMax: 2 }));
    const units = await UnitDirectory.load(orm.em.fork());
    authorization = `Bearer ${(await createApiKey(orm.em.fork(), units, { organisation: 'soak', role: Role.ADMIN })).key}`;
    const conn = orm.em.getConnection();
    const clubs = (await conn.execute<Array<{ code: string }>>(`select code from club where status = 'ACTIVE' and founded_on < '2026-10-01' order by random() limit 400`)).map((r) => r.code);
    // Clubs only imports write to, one per client, with their member count now (read through the hub from a
    // database that has everything committed so far: the primary's position goes with the request).
    const [{ position }] = await conn.execute<Array<{ position: string }>>('select pg_current_wal_insert_lsn()::text as position');
    const provinces = (await conn.execute<Array<{ code: string }>>(`select distinct u.code from admin_unit u where u.structure = 'PRE_2025' and u.level = 'PROVINCE'`)).map((r) => r.code);
    await orm.close(true);
    if (clubs.length < CLIENTS * 2) throw new Error('too few clubs in the database: did the demo seed run?');
    for (const code of clubs.splice(0, CLIENTS)) {
      const res = await fetch(`${instances[0].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization, [COMMIT_POSITION_HEADER]: position },
        body: JSON.stringify({ query: MEMBER_COUNT, variables: { code } }),
      });
      importClubs.push({ code, atLeast: ((await res.json()) as { data: { club: { memberCount: number } } }).data.club.memberCount });
    }

    // Throughput side by side: the same read-mostly load, without faults, on 1 worker then WORKERS per instance.
    const compare: Array<{ workers: number; s: ReturnType<typeof summary> }> = [];
    if (HAS_WORKERS && COMPARE_SECONDS > 0) {
      for (const workers of [1, WORKERS]) {
        if (instances[0].workers !== workers) {
          for (const instance of instances) await stopInstance(instance);
          instances = [await startInstance('instance-a', portA, workers, false), await startInstance('instance-b', portB, workers, false)];
        }
        await load(Date.now() + 3_000, clubs, provinces, false); // warm-up
        const from = Date.now();
        await load(from + COMPARE_SECONDS * 1000, clubs, provinces, true);
        compare.push({ workers, s: summary(from, Date.now()) });
      }
    }

    // The soak.
    await load(Date.now() + 3_000, clubs, provinces, false);
    const rssStart = rssMb(instances);
    rerouted = 0;
    const start = Date.now();
    const end = start + MINUTES * 60_000;
    const faults: Array<{ name: string; from: number; to: number }> = [];
    const loading = load(end, clubs, provinces, true);
    const at = (share: number) => sleep(Math.max(0, start + share * (end - start) - Date.now()));

    await at(0.25);
    {
      const from = Date.now();
      const [instance] = instances;
      const workerPids = processTree(instance.child.pid!).slice(1).filter((pid) => /\bnode\b/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')));
      if (HAS_WORKERS && instance.workers > 1 && workerPids.length > 0) {
        process.kill(workerPids[0], 'SIGKILL');
        // The cluster primary forks a replacement; wait until the instance answers on every worker again.
        await sleep(3_000);
        faults.push({ name: `SIGKILL worker ${workerPids[0]} of instance-a`, from, to: Date.now() });
      } else {
        // One process per instance: the worker is the instance; a supervisor would restart it.
        instance.child.kill('SIGKILL');
        await new Promise((resolve) => instance.child.once('exit', resolve));
        instances[0] = await startInstance('instance-a', portA, instance.workers, false);
        faults.push({ name: 'SIGKILL instance-a (one process), restarted', from, to: Date.now() });
      }
    }

    await at(0.5);
    {
      const from = Date.now();
      await standby.stop();
      await sleep(1_000);
      standby = await launchStandby();
      faults.push({ name: 'replica restarted', from, to: Date.now() });
    }

    await at(0.75);
    {
      const from = Date.now();
      await stopInstance(instances[1]);
      instances[1] = await startInstance('instance-b', portB, instances[1].workers, false);
      faults.push({ name: 'instance-b restarted (SIGTERM, start)', from, to: Date.now() });
    }

    await loading;
    const rssEnd = rssMb(instances);
    const whole = summary(start, Date.now());

    // Every acknowledged write must be in the database with its audit entry.
    const check = new Client({ connectionString: primaryUrl });
    await check.connect();
    const found = await check.query<{ ref: string }>(
      `select m.external_ref as ref from member m
        where m.external_ref = any($1::text[])
          and exists (select 1 from audit_entry a where a.entity_type = 'Member' and a.entity_id = m.id)`,
      [acknowledged],
    );
    await check.end();
    const lost = acknowledged.length - new Set(found.rows.map((r) => r.ref)).size;

    const line = (label: string, s: ReturnType<typeof summary>) =>
      `${label.padEnd(44)} ${String(s.requests).padStart(7)} req ${fmt(s.perSecond).padStart(7)} req/s  p50 ${fmt(s.p50).padStart(6)} ms  p99 ${fmt(s.p99).padStart(7)} ms  errors ${fmt(s.errorRate * 100, 2)} %`;
    console.log('');
    if (compare.length > 0) {
      console.log(`throughput, same load without faults (${COMPARE_SECONDS} s each, 2 instances):`);
      for (const c of compare) console.log(line(`  HUB_WORKERS=${c.workers}`, c.s));
    } else {
      console.log('throughput 1 vs 2 workers: n/a (this build has no HUB_WORKERS, or --compare-seconds 0)');
    }
    console.log(`\nsoak (${MINUTES} min):`);
    console.log(line('  whole run', whole));
    for (const kind of ['read', 'write', 'import', 'own-read'] as Kind[]) {
      const mine = samples.filter((s) => s.at >= start && s.kind === kind);
      const ms = mine.filter((s) => !s.error).map((s) => s.ms).sort((x, y) => x - y);
      console.log(`  ${kind.padEnd(9)} ${String(mine.length).padStart(7)} req  p50 ${fmt(percentile(ms, 50))} ms  p99 ${fmt(percentile(ms, 99))} ms  errors ${mine.filter((s) => s.error).length}`);
    }
    console.log('  errors by kind:', Object.fromEntries(whole.errors));
    for (const fault of faults) {
      // The fault and the 5 s after it (clients notice, pools reconnect).
      const s = summary(fault.from, fault.to + 5_000);
      console.log(line(`  during: ${fault.name} (${fmt((fault.to - fault.from) / 1000)} s)`, s));
      if (s.errors.size) console.log('    errors:', Object.fromEntries(s.errors));
    }
    const quiet = samples.filter((s) => s.at >= start && !faults.some((f) => s.at >= f.from && s.at < f.to + 5_000));
    console.log(`  outside the fault windows: ${quiet.length} requests, ${quiet.filter((s) => s.error).length} errors`);
    console.log(`  requests refused by a stopped instance and sent to the other (as a load balancer would): ${rerouted}`);
    console.log(`RSS of both instances (all processes): ${rssStart} MB at start, ${rssEnd} MB at end`);
    console.log(`acknowledged writes: ${acknowledged.length} members; lost: ${lost}`);
    console.log(`reads of one's own write (with its commit position): ${ownReads}; missed the write: ${staleOwnReads}`);
    console.log(`load at the end: ${uptime()}`);
    process.exitCode = lost === 0 && staleOwnReads === 0 ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

