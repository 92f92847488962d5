import 'reflect-metadata';
import { ChildProcess, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { MikroORM } from '@mikro-orm/postgresql';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/auth/viewer';
import { freePort } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { startRedisServer } from '../test/support/redis-server';
import { HUB_NODE_FLAGS } from './api';

/**
 * `npm run bench:workers`: throughput of the built hub with HUB_WORKERS=1 and 2, budgets counted in PostgreSQL
 * and in Redis. The query (the 63 provinces, from memory) costs the database nothing but the budget charge, so
 * the figures show what more workers and each store add. Each case runs on a fresh embedded PostgreSQL; rounds
 * alternate the cases and medians are reported, because the machine is shared.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 20;
const QUERY = JSON.stringify({ query: '{ provinces { code name } }' });

interface Case {
  workers: number;
  store: 'postgres' | 'redis';
}

async function startHub(c: Case, dataDir: string, redisUrl?: string): Promise<{ url: string; pgUrl: string; child: ChildProcess }> {
  const [port, pgPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [...HUB_NODE_FLAGS, path.join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'none',
      HUB_WORKERS: String(c.workers),
      REDIS_URL: redisUrl ?? '',
      // Throughput, not the budget: every request is still charged, never refused.
      RATE_LIMIT_COST_PER_MINUTE: '1000000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 5 * 60_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false)) return { url, pgUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/ishc_hub`, child };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the hub did not become ready');
}

async function stopHub(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function adminKey(pgUrl: string): Promise<string> {
  const orm = await MikroORM.init(ormConfig(pgUrl));
  try {
    return (await createApiKey(orm.em.fork(), await UnitDirectory.load(orm.em.fork()), { organisation: 'bench:workers', role: Role.ADMIN })).key;
  } finally {
    await orm.close(true);
  }
}

async function measure(c: Case): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-bench-workers-'));
  const redis = c.store === 'redis' ? await startRedisServer() : undefined;
  const hub = await startHub(c, dataDir, redis?.url);
  try {
    const key = await adminKey(hub.pgUrl);
    const run = (seconds: number) =>
      autocannon({
        url: `${hub.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: QUERY,
        connections: CONNECTIONS,
        duration: seconds,
      });
    await run(2); // warm-up: JIT, pools, the key in every worker's memory
    const result = await run(SECONDS);
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
  } finally {
    await stopHub(hub.child);
    await redis?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const cases: Case[] = [
    { workers: 1, store: 'postgres' },
    { workers: 2, store: 'postgres' },
    { workers: 1, store: 'redis' },
    { workers: 2, store: 'redis' },
  ];
  const results = new Map<Case, Array<Awaited<ReturnType<typeof measure>>>>(cases.map((c) => [c, []]));
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const c of cases) {
      const load = execSync('uptime').toString().trim();
      const r = await measure(c);
      results.get(c)!.push(r);
      console.log(`round ${round}, HUB_WORKERS=${c.workers}, budgets in ${c.store}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.errors} (before: ${load})`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\n${os.cpus().length} cores, ${CONNECTIONS} connections, ${SECONDS} s a case, median of ${ROUNDS} rounds; ${execSync('uptime').toString().trim()}`);
  for (const c of cases) {
    const rs = results.get(c)!;
    console.log(`HUB_WORKERS=${c.workers}, budgets in ${c.store}: ${Math.round(median(rs.map((r) => r.rps)))} req/s, p50 ${median(rs.map((r) => r.p50))} ms, p99 ${median(rs.map((r) => r.p99))} ms`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
