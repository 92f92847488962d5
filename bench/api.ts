import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/auth/viewer';
import { freePort } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';

/**
 * `npm run bench:api`: throughput and latency of four typical queries against the built hub on the national
 * demo data, next to the time PostgreSQL takes for a hand-written SQL answer to the same question.
 * The hub runs as its own process (as in production) on an embedded PostgreSQL under .data/bench, seeded
 * on the first run. Rounds alternate the queries, and medians are reported, because the machine is shared.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [2, 10];

interface Case {
  name: string;
  operation: string;
  variables: Record<string, unknown>;
  /** The same answer as one hand-written statement (and an alternative where one is worth showing). */
  raw: Array<{ label: string; sql: string; params: unknown[] }>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function startHub(dataDir: string, countSql: boolean): Promise<{ url: string; pgUrl: string; child: ChildProcess }> {
  const [port, pgPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      EXPOSE_SQL_COUNT: String(countSql),
      DEMO_SEED: 'national',
      // The benchmark measures throughput, not the per-key budget.
      RATE_LIMIT_COST_PER_MINUTE: '1000000000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

let authorization = '';

/** One keyed GraphQL request. */
const post = (url: string, body: string) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });

function load(url: string, body: string, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body,
    connections,
    duration: SECONDS,
  });
}

export async function stop(hub: { child: ChildProcess }): Promise<void> {
  hub.child.kill('SIGTERM');
  await new Promise((r) => hub.child.once('exit', r));
}

async function restart(hub: { child: ChildProcess }, dataDir: string) {
  await stop(hub);
  return startHub(dataDir, false);
}

/** CPU time (user + system, ms) the hub process has used so far, from /proc (Linux). */
function hubCpuMillis(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
  } catch {
    return null;
  }
}

/** The hub's CPU per request over sequential requests: what bounds throughput on its one thread. */
async function hubCpuPerRequest(hub: { url: string; child: ChildProcess }, body: string, requests = 200): Promise<number | null> {
  const ask = () => post(hub.url, body).then((r) => r.arrayBuffer());
  const before = hubCpuMillis(hub.child.pid!);
  for (let i = 0; i < requests; i++) await ask();
  const after = hubCpuMillis(hub.child.pid!);
  return before === null || after === null ? null : (after - before) / requests;
}

async function rawMillis(pg: Client, sql: string, params: unknown[]): Promise<number> {
  const times: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end || times.length < 20) {
    const t0 = process.hrtime.bigint();
    await pg.query(sql, params);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dataDir = path.join(ROOT, '.data', 'bench');
  console.log(`starting the hub on ${dataDir} (the first run seeds the national demo data)…`);
  // First a hub that counts SQL statements per request (which costs throughput), then one that does not.
  let hub = await startHub(dataDir, true);
  let pg = new Client({ connectionString: hub.pgUrl });
  await pg.connect();
  try {
    // An ADMIN key, as an internal tool would hold.
    const orm = await MikroORM.init(ormConfig(hub.pgUrl));
    const units = await UnitDirectory.load(orm.em.fork());
    authorization = `Bearer ${(await createApiKey(orm.em.fork(), units, { organisation: 'bench:api', role: Role.ADMIN })).key}`;
    await orm.close(true);

    const { rows } = await pg.query(
      `select c.code from club c join admin_unit u on u.id = c.commune_pre2025_id where u.structure = 'PRE_2025' and u.code = '18769' order by c.code limit 1`,
    );
    const clubCode = rows[0]?.code as string;
    const read = (file: string) => fs.readFileSync(path.join(ROOT, 'schema', 'operations', file), 'utf8');
    const cases: Case[] = [
      {
        name: 'Q1 club by code with commune, district, province',
        operation: read('club/ClubWithUnits.graphql'),
        variables: { code: clubCode },
        raw: [{
          label: 'join',
          sql: `select c.code, c.name, cm.code, cm.name, d.code, d.name, p.code, p.name from club c
                join admin_unit cm on cm.id = c.commune_pre2025_id join admin_unit d on d.id = cm.parent_id
                join admin_unit p on p.id = d.parent_id where c.code = $1`,
          params: [clubCode],
        }],
      },
      {
        name: 'Q2 all provinces with club and member counts',
        operation: read('admin-unit/ProvinceCounts.graphql'),
        variables: { structure: 'PRE_2025' },
        raw: [
          {
            label: 'group by over members',
            sql: `select split_part(u.path, '/', 1) as province, count(distinct c.id) as clubs, count(m.id) as members
                  from club c join admin_unit u on u.id = c.commune_pre2025_id
                  left join member m on m.club_id = c.id and m.left_on is null
                  where c.dissolved_on is null group by 1`,
            params: [],
          },
          {
            label: 'over club_summary',
            sql: `select split_part(u.path, '/', 1) as province, count(*) as clubs, sum(s.members) as members
                  from club c join admin_unit u on u.id = c.commune_pre2025_id join club_summary s on s.club_id = c.id
                  where c.dissolved_on is null group by 1`,
            params: [],
          },
          {
            label: 'over commune_summary, without the correction for clubs dated after today',
            sql: `select province_id, sum(clubs) as clubs, sum(members) as members from commune_summary
                  where structure = 'PRE_2025' group by 1`,
            params: [],
          },
        ],
      },
      {
        name: "Q3 one province's first 50 clubs, each with its first 20 members",
        operation: read('member/ProvinceClubMembers.graphql'),
        variables: { structure: 'PRE_2025', code: '42', clubs: 50, members: 20 },
        raw: [{
          label: 'lateral join',
          sql: `select c.code, c.name, m.full_name, m.sex, m.birth_year from (
                  select c.* from club c join admin_unit u on u.id = c.commune_pre2025_id
                  where u.structure = 'PRE_2025' and u.path like '42/%' order by c.code limit 50) c
                left join lateral (select * from member m where m.club_id = c.id and m.left_on is null
                  order by m.full_name, m.id limit 20) m on true order by c.code`,
          params: [],
        }],
      },
      {
        name: 'Q4 search clubs by name ("hung phu")',
        operation: read('club/SearchClubs.graphql'),
        variables: { text: 'hung phu', first: 20 },
        raw: [{
          label: 'trigram',
          sql: `select c.code, c.name from club c
                where immutable_unaccent(lower($1)) <% immutable_unaccent(lower(c.name))
                order by word_similarity(immutable_unaccent(lower($1)), immutable_unaccent(lower(c.name))) desc, c.code limit 20`,
          params: ['hung phu'],
        }],
      },
    ];

    const results = new Map<string, { rps: number[]; p50: number[]; p99: number[] }>();
    for (const c of cases) {
      const body = JSON.stringify({ query: c.operation, variables: c.variables });
      const ask = () => post(hub.url, body);
      // The second of two requests: the first may also verify the key (hubs keep verified keys in memory).
      await ask();
      const res = await ask();
      const json = (await res.json()) as { errors?: unknown };
      if (json.errors) throw new Error(`${c.name}: ${JSON.stringify(json.errors)}`);
      console.log(`${c.name}: ${res.headers.get('x-sql-statements')} SQL statements per request`);
    }
    await pg.end();
    hub = await restart(hub, dataDir);
    pg = new Client({ connectionString: hub.pgUrl });
    await pg.connect();
    for (const c of cases) await load(hub.url, JSON.stringify({ query: c.operation, variables: c.variables }), 2); // warm-up
    for (let round = 1; round <= ROUNDS; round++) {
      for (const c of cases) {
        const body = JSON.stringify({ query: c.operation, variables: c.variables });
        for (const connections of CONNECTIONS) {
          const r = await load(hub.url, body, connections);
          const key = `${c.name}|${connections}`;
          const entry = results.get(key) ?? { rps: [], p50: [], p99: [] };
          entry.rps.push(r.requests.average);
          entry.p50.push(r.latency.p50);
          entry.p99.push(r.latency.p99);
          results.set(key, entry);
          if (r.non2xx > 0 || r.errors > 0) console.warn(`${key}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        }
      }
      console.log(`round ${round}/${ROUNDS} done`);
    }

    console.log(`\nmedians of ${ROUNDS} rounds of ${SECONDS} s (autocannon, keep-alive, POST /graphql)`);
    for (const c of cases) {
      console.log(`\n${c.name}`);
      for (const connections of CONNECTIONS) {
        const e = results.get(`${c.name}|${connections}`)!;
        console.log(`  hub  ${String(connections).padStart(2)} conn: ${median(e.rps).toFixed(0).padStart(6)} req/s   p50 ${median(e.p50)} ms   p99 ${median(e.p99)} ms`);
      }
      const cpu = await hubCpuPerRequest(hub, JSON.stringify({ query: c.operation, variables: c.variables }));
      if (cpu !== null) console.log(`  hub process CPU, 200 sequential requests: ${cpu.toFixed(2)} ms per request`);
      for (const raw of c.raw) {
        const ms = await rawMillis(pg, raw.sql, raw.params);
        console.log(`  raw SQL (${raw.label}), one connection: ${ms.toFixed(2)} ms per statement (≈ ${(1000 / ms).toFixed(0)} per s)`);
      }
    }
  } finally {
    await pg.end();
    await stop(hub);
  }
}

// Only when run: importing this file (for its constants) must not start a benchmark.
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
