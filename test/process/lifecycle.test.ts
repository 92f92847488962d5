import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/db/embedded-postgres';
import { listening, spawnHub } from '../support/hub-process';

describe('the hub process on its embedded PostgreSQL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-lifecycle-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts, keeps its data across a restart, and leaves no PostgreSQL behind when stopped', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const env = { PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir };

    const first = spawnHub(env);
    await first.ready();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const provinces = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ pre: provinces(structure: PRE_2025) { code } post: provinces(structure: POST_2025) { code } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(provinces.data.pre).toHaveLength(63);
    expect(provinces.data.post).toHaveLength(34);

    // A row written behind the hub's back must survive the restart.
    const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/ishc_hub` });
    await db.connect();
    await db.query(
      `insert into club (code, name, founded_on, programme, status) values ('KEEP-1', 'CLB Giữ lại', '2020-01-01', 'NGO_PROJECT', 'ACTIVE')`,
    );
    // The first-start key expires (30 days), unlike the never-expiring key of old.
    const { rows: keys } = await db.query<{ days: number }>(`select round(extract(epoch from expires_at - created_at) / 86400)::int as days from api_key`);
    expect(keys).toEqual([{ days: 30 }]);
    await db.end();

    first.child.kill('SIGTERM');
    expect(await first.exited()).toEqual({ code: 0, signal: null });
    expect(await listening(pgPort)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // The first-start key is in an owner-only file, named (not shown) in the log.
    const keyFile = path.join(dataDir, 'local-admin-key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^ishc_/);
    expect(first.output()).toContain(keyFile);
    expect(first.output()).not.toContain(key);

    const second = spawnHub(env);
    await second.ready();
    expect(second.output()).not.toContain('loaded the official administrative units');
    expect(second.output()).not.toContain('issued a local ADMIN key');
    const club = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ club(code: "KEEP-1") { name } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(club).toEqual({ data: { club: { name: 'CLB Giữ lại' } } });
    const again = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/ishc_hub` });
    await again.connect();
    const kept = await again.query(`select name from club where code = 'KEEP-1'`);
    await again.end();
    expect(kept.rows).toEqual([{ name: 'CLB Giữ lại' }]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited()).toEqual({ code: 0, signal: null });
    expect(await listening(pgPort)).toBe(false);
  });

  it('refuses bad configuration with a message listing every problem, not a stack trace', async () => {
    const hub = spawnHub({ PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: dataDir });
    const { code } = await hub.exited();
    expect(code).toBe(1);
    expect(hub.output()).toContain('Invalid configuration');
    expect(hub.output()).toContain('PORT="abc": must be a whole number');
    expect(hub.output()).toContain('LOG_LEVEL="loud"');
    expect(hub.output()).not.toMatch(/\n\s+at /);
  });

  it('ends with a clear message when DATABASE_URL cannot be reached', async () => {
    const deadPort = await freePort();
    const hub = spawnHub({ DATABASE_URL: `postgres://hub:secret@127.0.0.1:${deadPort}/ishc`, PORT: String(await freePort()) });
    const { code } = await hub.exited();
    expect(code).toBe(1);
    expect(hub.output()).toContain(`Cannot connect to PostgreSQL at postgres://hub:***@127.0.0.1:${deadPort}/ishc`);
    expect(hub.output()).not.toContain('secret');
    expect(hub.output()).not.toMatch(/\n\s+at /);
  });
});
