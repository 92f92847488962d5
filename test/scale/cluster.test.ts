import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { freePort } from '../../src/db/embedded-postgres';
import { ormConfig } from '../../src/db/orm.config';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { createTestDatabase, dropTestDatabase, urlFor } from '../support/database';
import { HubProcess, listening, spawnHub } from '../support/hub-process';

/** Clubs an import writes: enough to be in flight for a while, few enough to finish on a busy machine. */
const ROWS = 5_000;
/** Workers may drain for this long: long enough for an import on a machine busy with other tests. */
const DRAIN = { SHUTDOWN_DRAIN_MS: '180000' };

/** A register of new clubs, large enough that writing it takes seconds. */
function clubsCsv(prefix: string, rows: number): string {
  const lines = ['code,name,commune_pre2025,founded_on,programme'];
  for (let i = 1; i <= rows; i += 1) lines.push(`${prefix}-${String(i).padStart(6, '0')},CLB Liên thế hệ số ${i},18769,2021-03-15,DECISION_1336`);
  return `${lines.join('\n')}\n`;
}

interface Reply {
  status: number;
  worker: number;
  body: string;
}

/** A request over `agent`: with one keep-alive socket, every request of an agent reaches the same worker. */
function request(port: number, agent: http.Agent | false, pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, worker: Number(res.headers['x-hub-worker']), body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Until `transactions` imports are writing (their transactions hold an id) in the database. */
async function untilWriting(databaseUrl: string, transactions: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await until(`${transactions} import(s) writing`, async () => {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and backend_xid is not null and application_name <> 'ishc-hub shared state'`,
      );
      return rows[0].n >= transactions;
    });
  } finally {
    await db.end();
  }
}

/** The worker ids and pids the primary has logged as listening, in order. */
function listeningWorkers(hub: HubProcess): Array<{ worker: number; pid: number }> {
  return hub
    .output()
    .split('\n')
    .filter((line) => line.includes('"worker listening"'))
    .map((line) => JSON.parse(line) as { worker: number; pid: number });
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let imports = 0;

/** An import of `rows` new clubs on one worker, and that worker's id (asked first, on the same socket). */
async function importOnOneWorker(port: number, key: string, rows: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { worker } = await request(port, agent, '/healthz');
  const answer = request(port, agent, '/imports/clubs', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
    body: clubsCsv(`CLUSTER${(imports += 1)}`, rows),
  }).finally(() => agent.destroy());
  return { worker, answer };
}

describe('HUB_WORKERS=2: one port, two worker processes', () => {
  let database: string;
  let hub: HubProcess;
  let port: number;
  let key: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-cluster-'));

  beforeAll(async () => {
    database = await createTestDatabase();
    const orm = await MikroORM.init(ormConfig(urlFor(database)));
    try {
      key = (await createApiKey(orm.em.fork(), await UnitDirectory.load(orm.em.fork()), { organisation: 'cluster test', role: Role.ADMIN })).key;
    } finally {
      await orm.close(true);
    }
    port = await freePort();
    hub = spawnHub({ ...DRAIN, DATABASE_URL: urlFor(database), PORT: String(port), DATA_DIR: dataDir, HUB_WORKERS: '2' });
    await hub.ready(240_000);
  }, 300_000);
  afterAll(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGTERM');
      await hub.exited();
    }
    if (database) await dropTestDatabase(database);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves from both workers on the one port, each response naming its worker', async () => {
    expect(listeningWorkers(hub).map((w) => w.worker).sort()).toEqual([1, 2]);
    const seen = new Set<number>();
    // Round-robin: fresh connections alternate between the workers.
    for (let i = 0; i < 10 && seen.size < 2; i += 1) {
      const reply = await request(port, false, '/healthz');
      expect(reply.status).toBe(200);
      seen.add(reply.worker);
    }
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('replaces a worker that dies, and the import in flight on the other worker completes', async () => {
    const { worker, answer } = await importOnOneWorker(port, key, ROWS);
    await untilWriting(urlFor(database), 1);
    const other = listeningWorkers(hub).find((w) => w.worker !== worker)!;
    process.kill(other.pid, 'SIGKILL');

    const reply = await answer;
    expect(reply).toMatchObject({ status: 200, worker });
    expect(JSON.parse(reply.body)).toMatchObject({ applied: true, created: ROWS });

    await until('a third worker', () => listeningWorkers(hub).some((w) => w.worker === 3));
    expect(hub.output()).toMatch(new RegExp(`"worker":${other.worker},"pid":${other.pid},"code":null,"signal":"SIGKILL","msg":"a worker exited; starting another"`));
    const seen = new Set<number>();
    for (let i = 0; i < 10 && !seen.has(3); i += 1) seen.add((await request(port, false, '/healthz')).worker);
    expect(seen).toContain(3);
  }, 400_000);

  it('drains a worker told to stop on its own (a rolling restart) and starts another', async () => {
    const { worker, answer } = await importOnOneWorker(port, key, ROWS);
    await untilWriting(urlFor(database), 1);
    const pid = listeningWorkers(hub).find((w) => w.worker === worker)!.pid;
    process.kill(pid, 'SIGTERM');
    const reply = await answer;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ applied: true, created: ROWS });
    expect(hub.output()).toContain(`"worker":${worker},"signal":"SIGTERM","msg":"stopping: draining requests in flight"`);
    await until('a fourth worker', () => listeningWorkers(hub).some((w) => w.worker === 4));
    expect((await request(port, false, '/healthz')).status).toBe(200);
  }, 400_000);
});

describe('HUB_WORKERS=2 with the embedded PostgreSQL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-cluster-pg-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('on SIGTERM, lets every worker finish its requests in flight, then stops PostgreSQL', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const hub = spawnHub({ ...DRAIN, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, HUB_WORKERS: '2' });
    try {
      await hub.ready(240_000);
    } catch (err) {
      hub.child.kill('SIGTERM');
      await hub.exited();
      throw err;
    }
    // The primary prepared the database once: one local key, no migrations run by the workers.
    const key = fs.readFileSync(path.join(dataDir, 'local-admin-key'), 'utf8').trim();
    expect(hub.output().match(/"applied migrations"/g)).toHaveLength(1);

    const imports = [await importOnOneWorker(port, key, ROWS), await importOnOneWorker(port, key, ROWS)];
    // One import on each worker: consecutive connections go to the workers in turn.
    expect(imports.map((i) => i.worker).sort()).toEqual([1, 2]);
    await untilWriting(`postgres://postgres:postgres@127.0.0.1:${pgPort}/ishc_hub`, 2);
    hub.child.kill('SIGTERM');

    for (const { answer } of imports) {
      const reply = await answer;
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ applied: true, created: ROWS });
    }
    expect(await hub.exited()).toEqual({ code: 0, signal: null });
    expect(await listening(pgPort)).toBe(false);
    // In this order: both workers stopped, then the primary, and only then was PostgreSQL stopped.
    const messages = hub
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { worker?: number; msg: string });
    const workersStopped = messages.filter((m) => m.worker !== undefined && m.msg === 'stopped');
    expect(workersStopped).toHaveLength(2);
    const allStopped = messages.findIndex((m) => m.msg === 'every worker has stopped');
    expect(allStopped).toBeGreaterThan(messages.lastIndexOf(workersStopped[1]));
    expect(messages.at(-1)).toMatchObject({ msg: 'stopped' });
    expect(messages.at(-1)!.worker).toBeUndefined();
  }, 400_000);
});
