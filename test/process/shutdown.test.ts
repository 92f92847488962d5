import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/db/embedded-postgres';
import { listening, spawnHub } from '../support/hub-process';

async function clubsLike(pgPort: number, prefix: string): Promise<number> {
  const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/ishc_hub` });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>('select count(*)::text as n from club where code like $1', [`${prefix}-%`]);
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

/** A register of new clubs, large enough that writing it takes seconds. */
function clubsCsv(prefix: string, rows: number): string {
  const lines = ['code,name,commune_pre2025,founded_on,programme'];
  for (let i = 1; i <= rows; i += 1) lines.push(`${prefix}-${String(i).padStart(6, '0')},CLB Liên thế hệ số ${i},18769,2021-03-15,DECISION_1336`);
  return `${lines.join('\n')}\n`;
}

describe('stopping the hub and its embedded PostgreSQL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-shutdown-'));
  let env: Record<string, string>;
  let pgPort: number;
  beforeAll(async () => {
    pgPort = await freePort();
    env = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** Uploads 20,000 new clubs coded PREFIX-nnnnnn with the first start's ADMIN key. */
  const importClubs = (prefix: string) =>
    fetch(`http://127.0.0.1:${env.PORT}/imports/clubs`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${fs.readFileSync(path.join(dataDir, 'local-admin-key'), 'utf8').trim()}` },
      body: clubsCsv(prefix, 20_000),
    });

  it('answers an import in flight when told to stop (SIGTERM), then stops PostgreSQL', async () => {
    // A drain long enough for the import on a busy machine (20,000 clubs take 10-40 s there).
    const hub = spawnHub({ ...env, SHUTDOWN_DRAIN_MS: '180000' });
    await hub.ready();
    const answer = importClubs('DRAIN');
    // Uploaded by now, and being checked and written: writing 20,000 clubs takes seconds.
    await new Promise((resolve) => setTimeout(resolve, 700));
    hub.child.kill('SIGTERM');
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: true, created: 20_000 });
    expect(await hub.exited()).toEqual({ code: 0, signal: null });
    expect(hub.output()).toContain('stopping: draining requests in flight');
    expect(await listening(pgPort)).toBe(false);
  });

  it('starts again after being killed (SIGKILL), stopping the PostgreSQL the dead hub left running', async () => {
    const first = spawnHub(env);
    await first.ready();
    first.child.kill('SIGKILL');
    expect(await first.exited()).toEqual({ code: null, signal: 'SIGKILL' });
    // Its PostgreSQL runs on, orphaned, holding the port and the data folder.
    expect(await listening(pgPort)).toBe(true);

    const second = spawnHub(env);
    await second.ready();
    expect(second.output()).toContain('left running');
    expect((await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status).toBe(200);
    expect(await clubsLike(pgPort, 'DRAIN')).toBe(20_000);
    second.child.kill('SIGINT');
    expect(await second.exited()).toEqual({ code: 0, signal: null });
    expect(await listening(pgPort)).toBe(false);
  });

  it('past the drain, ends the import still writing: its transaction rolls back and the hub stops', async () => {
    const hub = spawnHub({ ...env, SHUTDOWN_DRAIN_MS: '300' });
    await hub.ready();
    const answer = importClubs('CUT').then(
      (res) => res.status,
      () => 'cut off',
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    hub.child.kill('SIGTERM');
    expect(await answer).toBe('cut off');
    expect(await hub.exited()).toEqual({ code: 0, signal: null });
    expect(await listening(pgPort)).toBe(false);

    const again = spawnHub(env);
    await again.ready();
    expect(await clubsLike(pgPort, 'CUT')).toBe(0);
    again.child.kill('SIGTERM');
    expect(await again.exited()).toEqual({ code: 0, signal: null });
  });
});
