import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-postgres';
import { toGlobalId } from '../../src/graphql/global-id';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { HubProcess, spawnHub } from '../support/hub-process';
import { startTestHub, TestHub } from '../support/hub';
import { ChangeEvent, liveClient, LiveClient, quietFor } from '../support/live-client';
import { ok } from '../write/support';

/** Two hubs on one database: this process's, and a second one started as `npm start` runs it. */
let hub: TestHub;
let second: HubProcess;
let secondUrl: string;
let club: Club;
const clients: LiveClient[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-live-'));

beforeAll(async () => {
  hub = await startTestHub();
  const port = await freePort();
  second = spawnHub({ DATABASE_URL: hub.databaseUrl, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  await second.ready();
  secondUrl = `http://127.0.0.1:${port}`;
  club = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2022-01-01' });
}, 90_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  if (second && second.child.exitCode === null) {
    second.child.kill('SIGTERM');
    await second.exited();
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
      .execute<Array<{ pid: number }>>(`select pid from pg_stat_activity where application_name = 'ishc-hub change feed' and datname = current_database()`)
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

  it('SIGTERM: the hub closes its sockets (1001, going away) and its LISTEN connection, and exits 0', async () => {
    const client = open(secondUrl);
    const watcher = client.subscribe();
    await quietFor(200);
    expect(await feedConnections()).toHaveLength(2);
    second.child.kill('SIGTERM');
    expect(await second.exited()).toEqual({ code: 0, signal: null });
    await watcher.ended();
    expect(client.closes[0]).toMatchObject({ code: 1001 });
    // The database notices the closed connection a moment after the process is gone.
    for (let i = 0; i < 50 && (await feedConnections()).length > 1; i++) await quietFor(20);
    expect(await feedConnections()).toHaveLength(1);
  });
});
