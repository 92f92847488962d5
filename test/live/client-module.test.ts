import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parse, print } from 'graphql';
import WebSocket from 'ws';
import { ChangeEvent, CHANGES_SUBSCRIPTION, LiveProblem, LiveStatus, subscribeToChanges } from '../../web/src/api/live';
import { loadConfig } from '../../src/config';
import { openAnalyticsPool } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { Club } from '../../src/modules/club/club.entity';
import { createHubServer } from '../../src/server';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { quietFor } from '../support/live-client';
import { ok } from '../write/support';

/** The web app's live module (web/src/api/live.ts), run in Node against a real hub over a real WebSocket. */
let hub: TestHub;
let club: Club;
beforeAll(async () => {
  hub = await startTestHub();
  club = await given(hub.orm).club({ pre2025: '18769', foundedOn: '2022-01-01' });
});
afterAll(async () => {
  await hub?.stop();
});

const until = async (check: () => boolean, ms: number) => {
  for (const started = Date.now(); !check(); await quietFor(10)) if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
};
const rename = async (name: string) => {
  const version = ok(await hub.graphql<any>(`{ club(code: "${club.code}") { version } }`)).club.version;
  ok(await hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: version, name } }));
};
function watch(url: string, key: string) {
  const events: ChangeEvent[] = [];
  const statuses: Array<[LiveStatus, LiveProblem | undefined]> = [];
  const stop = subscribeToChanges({}, (e) => events.push(e), (s, p) => statuses.push([s, p]), {
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    connectionParams: { authorization: `Bearer ${key}` },
    webSocketImpl: WebSocket,
  });
  return { events, statuses, stop, status: () => statuses.at(-1)?.[0] };
}

it('its subscription text is the published operation (schema/operations/live/Changes.graphql)', () => {
  const published = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'live', 'Changes.graphql'), 'utf8');
  expect(print(parse(CHANGES_SUBSCRIPTION))).toBe(print(parse(published)));
});

it('goes live, hears a write, reconnects after its hub restarts (GAP: refetch), and goes offline for good on a bad key', async () => {
  // A hub of its own on the test database, to restart on the same port.
  const config = loadConfig({});
  const analytics = await openAnalyticsPool(hub.databaseUrl, config);
  const start = () => createHubServer({ orm: hub.orm, analytics, units: hub.units, logger: createLogger('silent'), config });
  let server = await start();
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const live = watch(url, hub.adminKey);
  try {
    await until(() => live.status() === 'live', 5000);
    expect(live.statuses.map(([s]) => s)).toEqual(['reconnecting', 'live']);
    await rename('CLB trực tiếp');
    await until(() => live.events.some((e) => e.kind === 'CLUB'), 2000);

    await server.stop();
    await until(() => live.status() === 'reconnecting', 2000);
    server = await start();
    await server.listen(port, '127.0.0.1');
    await until(() => live.status() === 'live', 15_000);
    expect(live.events.at(-1)).toMatchObject({ kind: 'GAP' });
    await rename('CLB trực tiếp lại');
    await until(() => live.events.filter((e) => e.kind === 'CLUB').length === 2, 2000);
  } finally {
    live.stop();
    await server.stop();
    await analytics.close(true);
  }

  const refused = watch(hub.url, 'ishc_live_notakey');
  await until(() => refused.status() === 'offline', 5000);
  expect(refused.statuses.at(-1)![1]).toMatchObject({ codes: ['UNAUTHENTICATED'] });
  refused.stop();
}, 40_000);
