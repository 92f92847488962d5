import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { revokeApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { freePort } from '../../src/db/embedded-postgres';
import { Browser, HA_TINH } from '../support/given-people';
import { HubProcess, spawnHub } from '../support/hub-process';
import { startTestHub, TestHub } from '../support/hub';
import { RedisServer, startRedisServer } from '../support/redis-server';

/** Cost a key may spend a minute; `{ __typename }` costs 1. */
const BUDGET = 20;
/** How soon after a revocation commits every process must refuse the key (PostgreSQL's notification). */
const REVOCATION_BOUND_MS = 2_000;
const PASSWORD = 'lanterns over the Ha Tinh river';
const prefixOf = (key: string) => key.slice(5, 17);

async function post(url: string, query: string, key: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}

/** Polls until the key is refused as revoked; resolves to the milliseconds that took. */
async function untilRefused(url: string, key: string, since: number): Promise<number> {
  for (;;) {
    const { status, body } = await post(url, '{ __typename }', key);
    if (status === 401) {
      expect(body.errors[0].message).toContain('revoked');
      return Date.now() - since;
    }
    if (Date.now() - since > 10 * REVOCATION_BOUND_MS) throw new Error(`${url} still accepts the revoked key`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(['postgres', 'redis'] as const)('two hub processes on one database, shared state in %s', (store) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ishc-shared-${store}-`));
  let redis: RedisServer | undefined;
  // One hub in this process, the other a child process: two processes, each with its own memory.
  let first: TestHub;
  let second: HubProcess;
  let secondUrl: string;

  beforeAll(async () => {
    redis = store === 'redis' ? await startRedisServer() : undefined;
    const settings: Record<string, string> = { RATE_LIMIT_COST_PER_MINUTE: String(BUDGET), ...(redis ? { REDIS_URL: redis.url } : {}) };
    first = await startTestHub({ config: loadConfig(settings) });
    const port = await freePort();
    second = spawnHub({ ...settings, DATABASE_URL: first.databaseUrl, PORT: String(port), DATA_DIR: dataDir });
    await second.ready(240_000);
    secondUrl = `http://127.0.0.1:${port}`;
  }, 300_000);
  afterAll(async () => {
    second?.child.kill('SIGTERM');
    if (second) await second.exited();
    await first?.stop();
    await redis?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives a key its budget once across both processes, not once in each', async () => {
    const key = await first.key(Role.MINISTRY);
    const answers: Array<{ process: number; status: number; code?: string }> = [];
    for (let i = 0; i < 2 * BUDGET; i += 1) {
      const { status, body } = await post(i % 2 === 0 ? first.url : secondUrl, '{ __typename }', key);
      answers.push({ process: i % 2, status, code: body.errors?.[0].extensions.code });
    }
    const served = answers.filter((a) => a.status === 200);
    expect(served).toHaveLength(BUDGET);
    // Both processes served part of it, in turn, and then both refused.
    expect(served.map((a) => a.process)).toEqual(Array.from({ length: BUDGET }, (_, i) => i % 2));
    expect(answers.slice(BUDGET)).toEqual(Array.from({ length: BUDGET }, (_, i) => ({ process: i % 2, status: 429, code: 'RATE_LIMITED' })));

    // Counted where the settings say, and only there.
    const keyId = (await first.orm.em.getConnection().execute<{ id: number }[]>('select id from api_key where prefix = ?', [prefixOf(key)]))[0].id;
    const rows = await first.orm.em.getConnection().execute<{ points: number }[]>('select points from rate_limit where key = ?', [`cost:key:${keyId}`]);
    if (store === 'postgres') {
      expect(rows).toHaveLength(1);
      expect(rows[0].points).toBeGreaterThanOrEqual(BUDGET);
    } else {
      expect(rows).toHaveLength(0);
      const client = new Redis(redis!.url);
      try {
        expect(Number(await client.get(`cost:key:${keyId}`))).toBeGreaterThanOrEqual(BUDGET);
      } finally {
        client.disconnect();
      }
    }
  });

  it(`refuses a revoked key in every process within ${REVOCATION_BOUND_MS} ms, though both had it in memory`, async () => {
    const key = await first.key(Role.PARTNER);
    // Verified once by each process, and from then on answered from its memory.
    expect((await post(first.url, '{ __typename }', key)).status).toBe(200);
    expect((await post(secondUrl, '{ __typename }', key)).status).toBe(200);
    first.sql.reset();
    expect((await post(first.url, '{ __typename }', key)).status).toBe(200);
    expect(first.sql.keyLookups).toBe(0);

    const revokedAt = Date.now();
    expect(await revokeApiKey(first.orm.em.fork(), prefixOf(key))).toBe(true);
    const [inFirst, inSecond] = await Promise.all([untilRefused(first.url, key, revokedAt), untilRefused(secondUrl, key, revokedAt)]);
    expect(inFirst).toBeLessThan(REVOCATION_BOUND_MS);
    expect(inSecond).toBeLessThan(REVOCATION_BOUND_MS);
  });

  it('refuses a session ended in one process in the other at once', async () => {
    const email = `officer.${store}@hoinct.example.vn`;
    const invited = await first.operation('people/InviteAccount.graphql', {
      input: { email, displayName: 'Officer', organisation: 'Hội NCT tỉnh Hà Tĩnh', role: 'ASSOCIATION', scope: HA_TINH },
    });
    expect(invited.errors).toBeUndefined();
    const here = new Browser(first.url);
    expect((await here.postJson('/auth/set-password', { token: invited.data!.inviteAccount.token, password: PASSWORD })).status).toBe(200);
    const there = new Browser(secondUrl);
    there.cookie = here.cookie;
    // A small query: the whole Viewer document costs more than this test's budget.
    const viewer = '{ viewer { kind sessionId } }';
    expect((await there.graphql(viewer)).body).toMatchObject({ data: { viewer: { kind: 'PERSON', sessionId: expect.anything() } } });

    expect((await here.send('/auth/sign-out', { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
    const after = await there.graphql(viewer);
    expect(after.status).toBe(401);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  if (store === 'redis') {
    it('keeps serving while Redis is down, each process counting budgets on its own, and says so in the log', async () => {
      const key = await first.key(Role.MINISTRY);
      await redis!.stop();
      const answers = [await post(first.url, '{ __typename }', key), await post(secondUrl, '{ __typename }', key)];
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      // ioredis reports the loss when its first reconnection fails.
      for (const deadline = Date.now() + 10_000; !second.output().includes('Redis unreachable') && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(second.output()).toContain('Redis unreachable; each process counts budgets on its own');
    });
  }
});
