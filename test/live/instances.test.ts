import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-postgres';
import { toGlobalId } from '../../src/graphql/global-id';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import { openAnalyticsPool } from '../../src/db/database';
import { ormConfig } from '../../src/db/orm.config';
import { createLogger } from '../../src/logger';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { createHubServer, HubServer } from '../../src/server';
import { HubProcess, spawnHub } from '../support/hub-process';
import { startTestHub, TestHub } from '../support/hub';
import { ChangeEvent, liveClient, LiveClient, quietFor } from '../support/live-client';
import { ok } from '../write/support';

/**
 * Two hubs on one database, each with its own pools and its own LISTEN connection: this process's test hub and a
 * second one built the same way; for the shutdown, a hub process started as `npm start` runs it.
 */
let hub: TestHub;
let second: { server: HubServer; orm: MikroORM; analytics: MikroORM };
let secondUrl: string;
let club: Club;
const clients: LiveClient[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-live-'));

beforeAll(async () => {
  hub = await startTestHub();
  const config = loadConfig({});
  const orm = await MikroORM.init(ormConfig(hub.databaseUrl, { poolMax: 3 }));
  const analytics = await openAnalyticsPool(hub.databaseUrl, config);
  const server = await createHubServer({ orm, analytics, units: await UnitDirectory.load(orm.em.fork()), logger: createLogger('silent'), config });
  second = { server, orm, analytics };
  secondUrl = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  club = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2022-01-01' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  if (second) {
    await second.server.stop();
    await second.analytics.close(true);
    await second.orm.close(true);
  }
  await hub?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const open = (url: string) => {
  const client = liveClient(url, { key: hub.adminKey });
  clients.push(client);
  return client;
};
const renameOn = async (url: string, name: string) => {
  const version = ok(await hub.graphql<any>(`{ club(code: "${club.code}") { version } }`)).club.version;
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
    body: JSON.stringify({ query: 'mutation($input: UpdateClubInput!) { updateClub(input: $input) { club { version } } }', variables: { input: { code: club.code, expectedVersion: version, name } } }),
  });
  ok((await res.json()) as any);
};
const renamed = (e: ChangeEvent) => e.kind === 'CLUB' && e.clubId === toGlobalId('Club', club.id);
/** The hubs' LISTEN connections on the test database. */
const feedConnections = async () =>
  (
    await hub.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ pid: number }>>(`select pid from pg_stat_activity where application_name = 'ishc-hub listener' and datname = current_database()`)
  ).map((r) => r.pid);

describe('several hub instances on one database', () => {
  it('a write through either hub reaches the subscribers of both', async () => {
    const onFirst = open(hub.url).subscribe();
    const onSecond = open(secondUrl).subscribe();
    await quietFor(200);
    await renameOn(hub.url, 'CLB một');
    await Promise.all([onFirst.next(renamed), onSecond.next(renamed)]);
    await renameOn(secondUrl, 'CLB hai');
    await Promise.all([onFirst.next(renamed), onSecond.next(renamed)]);
  });

  it('a LISTEN connection killed in the database comes back, and its subscribers are told of the gap', async () => {
    const onFirst = open(hub.url).subscribe();
    const onSecond = open(secondUrl).subscribe();
    await quietFor(200);
    const before = await feedConnections();
    expect(before).toHaveLength(2);
    await hub.orm.em.fork().getConnection().execute(`select pg_terminate_backend(pid) from unnest(?::int[]) as pid`, [`{${before.join(',')}}`]);
    await Promise.all([onFirst.next((e) => e.kind === 'GAP', 5000), onSecond.next((e) => e.kind === 'GAP', 5000)]);
    expect(await feedConnections()).toHaveLength(2);
    await renameOn(secondUrl, 'CLB ba');
    await Promise.all([onFirst.next(renamed), onSecond.next(renamed)]);
  });

  it('SIGTERM: the hub process closes its sockets (1001, going away) and its LISTEN connection, and exits 0', async () => {
    const port = await freePort();
    const child: HubProcess = spawnHub({ DATABASE_URL: hub.databaseUrl, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      // Compiling the hub under ts-node takes long on a busy machine.
      await child.ready(200_000);
      const client = open(`http://127.0.0.1:${port}`);
      const watcher = client.subscribe();
      await quietFor(200);
      expect(await feedConnections()).toHaveLength(3);
      child.child.kill('SIGTERM');
      expect(await child.exited()).toEqual({ code: 0, signal: null });
      await watcher.ended();
      expect(client.closes[0]).toMatchObject({ code: 1001 });
      // The database notices the closed connection a moment after the process is gone.
      for (let i = 0; i < 50 && (await feedConnections()).length > 2; i++) await quietFor(20);
      expect(await feedConnections()).toHaveLength(2);
    } finally {
      if (child.child.exitCode === null) {
        child.child.kill('SIGTERM');
        await child.exited();
      }
    }
  }, 240_000);
});
