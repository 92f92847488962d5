import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { openAnalyticsPool } from '../../src/db/database';
import { ormConfig } from '../../src/db/orm.config';
import { COMMIT_POSITION_HEADER, formatLsn, parseLsn } from '../../src/db/read-routing';
import { ReplicaMonitor, ReplicaSettings } from '../../src/db/replica-monitor';
import { Club } from '../../src/modules/club/club.entity';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { createHubServer, HubServer } from '../../src/server';
import { given } from '../support/given';
import { capturedLogger, ReplicatedDatabase, startReplicatedDatabase } from './replicated-database';

const operation = (file: string) => fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', file), 'utf8');
const UPDATE_CLUB = operation('club/UpdateClub.graphql');
const CLUB = `query Club($code: String!) { club(code: $code) { name village version } }`;

let db: ReplicatedDatabase;
let orm: MikroORM;
let analytics: MikroORM;
const servers: HubServer[] = [];
const monitors: ReplicaMonitor[] = [];
let adminKey: string;
let club: Club;

/** A hub over the replicated database whose replica monitor has these settings. */
async function startHub(settings: Omit<ReplicaSettings, 'urls'>) {
  const { logger, lines } = capturedLogger();
  const monitor = new ReplicaMonitor(db.primaryUrl, { urls: [db.replicaUrl], ...settings }, logger);
  await monitor.start();
  monitors.push(monitor);
  const units = await UnitDirectory.load(orm.em.fork());
  const server = await createHubServer({ orm, analytics, units, logger, replicas: monitor });
  servers.push(server);
  const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/graphql`;
  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { data: body.data!, position: res.headers.get(COMMIT_POSITION_HEADER) };
  };
  const readClub = async (headers: Record<string, string> = {}) => (await post(CLUB, { code: club.code }, headers)).data.club as { name: string; village: string | null; version: number };
  return { monitor, lines, post, readClub };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pauseReplay = () => db.onStandby('select pg_wal_replay_pause()');
const resumeReplay = () => db.onStandby('select pg_wal_replay_resume()');
/** A change made on the primary behind the hub's back (no commit position comes back). */
const changeVillage = (village: string) => orm.em.fork().nativeUpdate(Club, { id: club.id }, { village });

beforeAll(async () => {
  db = await startReplicatedDatabase();
  const urls = [db.replicaUrl];
  orm = await MikroORM.init(ormConfig(db.primaryUrl, { poolMax: 5, replicaUrls: urls }));
  analytics = await openAnalyticsPool(db.primaryUrl, { ...loadConfig({}), replicas: { urls, maxLagMs: 60_000, checkMs: 50 } });
  const units = await UnitDirectory.load(orm.em.fork());
  adminKey = (await createApiKey(orm.em.fork(), units, { organisation: 'Test ADMIN', role: Role.ADMIN })).key;
  club = await given(orm).club({ pre2025: '18769', post2025: '18775', village: 'Thôn Một' });
  await db.caughtUp();
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const monitor of monitors) await monitor.stop();
  await analytics?.close(true);
  await orm?.close(true);
  await db?.stop();
});

describe('read replicas', () => {
  it('reads commit positions as PostgreSQL writes them', () => {
    expect(parseLsn('16/B374D848')).toBe(0x16b374d848n);
    expect(formatLsn(parseLsn('0/3018AD0')!)).toBe('0/3018AD0');
    expect(parseLsn('3018AD0')).toBeNull();
  });

  it('serves a read that sends back its write position from a database that has the write, and other reads from the replica', async () => {
    const hub = await startHub({ maxLagMs: 60_000, checkMs: 50 });
    await until('the replica is in use', () => hub.monitor.states[0].up);
    const before = await hub.readClub();
    await pauseReplay();
    try {
      const write = await hub.post(UPDATE_CLUB, { input: { code: club.code, expectedVersion: before.version, name: 'CLB Kỳ Tiến (mới)' } });
      // The mutation read its own result after the commit: from the primary, though replay is paused.
      expect(write.data.updateClub.club.name).toBe('CLB Kỳ Tiến (mới)');
      expect(write.position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

      // Without the position the read may go to the replica, and here does: it has not replayed the write.
      expect((await hub.readClub()).name).toBe(before.name);
      // With it, the replica does not qualify: the primary answers.
      expect((await hub.readClub({ [COMMIT_POSITION_HEADER]: write.position! })).name).toBe('CLB Kỳ Tiến (mới)');
      // A position that cannot be read is not trusted to be old: the primary answers.
      expect((await hub.readClub({ [COMMIT_POSITION_HEADER]: 'yesterday' })).name).toBe('CLB Kỳ Tiến (mới)');
      // A read writes nothing and carries no position.
      expect((await hub.post(CLUB, { code: club.code })).position).toBeNull();

      await resumeReplay();
      await until('the replica has replayed the write', () => (hub.monitor.states[0].replayed ?? 0n) >= parseLsn(write.position)!);
      // Once it has, the replica serves the read: a later change it has not replayed is not seen.
      await pauseReplay();
      await changeVillage('Thôn Hai');
      const read = await hub.readClub({ [COMMIT_POSITION_HEADER]: write.position! });
      expect(read).toMatchObject({ name: 'CLB Kỳ Tiến (mới)', village: 'Thôn Một' });
    } finally {
      await resumeReplay();
      await db.caughtUp();
    }
  });

  it('skips a replica that lags more than the setting, with a warning, and uses it again once it catches up', async () => {
    const hub = await startHub({ maxLagMs: 300, checkMs: 50 });
    await until('the replica is in use', () => hub.monitor.states[0].up);
    await pauseReplay();
    try {
      await changeVillage('Thôn Ba');
      await until('the replica is skipped', () => !hub.monitor.states[0].up);
      expect(hub.monitor.states[0].skipped).toMatch(/^lagging \d+ ms \(limit 300 ms\)$/);
      expect((await hub.readClub()).village).toBe('Thôn Ba');
      expect(hub.lines).toContainEqual(expect.objectContaining({ level: 40, msg: 'read replica skipped: reads go to the primary', reason: expect.stringMatching(/^lagging/) }));
    } finally {
      await resumeReplay();
    }
    await until('the replica is back in use', () => hub.monitor.states[0].up);
    expect(hub.lines).toContainEqual(expect.objectContaining({ msg: 'read replica in use' }));
  });

  it('skips a replica that is down, with a warning: reads go to the primary until it is back', async () => {
    const hub = await startHub({ maxLagMs: 60_000, checkMs: 50 });
    await until('the replica is in use', () => hub.monitor.states[0].up);
    await db.stopStandby();
    try {
      await until('the replica is skipped', () => !hub.monitor.states[0].up);
      await changeVillage('Thôn Bốn');
      expect((await hub.readClub()).village).toBe('Thôn Bốn');
      expect(hub.lines).toContainEqual(expect.objectContaining({ level: 40, msg: 'read replica skipped: reads go to the primary', reason: expect.stringMatching(/^unreachable/) }));
    } finally {
      await db.startStandby();
    }
    await until('the replica is back in use', () => hub.monitor.states[0].up, 20_000);
    await db.caughtUp();
    expect((await hub.readClub()).village).toBe('Thôn Bốn');
  }, 30_000);

  it('answers a read from the primary when its replica is gone before the monitor has noticed, and skips the replica from then on', async () => {
    // Checks far apart: only the failed read can tell the monitor.
    const hub = await startHub({ maxLagMs: 60_000, checkMs: 60_000 });
    expect(hub.monitor.states[0].up).toBe(true);
    await db.stopStandby();
    try {
      await changeVillage('Thôn Năm');
      expect((await hub.readClub()).village).toBe('Thôn Năm');
      expect(hub.monitor.states[0]).toMatchObject({ up: false, skipped: expect.stringMatching(/^unreachable/) });
      expect(hub.lines).toContainEqual(expect.objectContaining({ level: 40, msg: 'read replica skipped: reads go to the primary' }));
    } finally {
      await db.startStandby();
    }
  }, 30_000);
});
