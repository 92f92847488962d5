import 'reflect-metadata';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/auth/viewer';
import { loadConfig } from '../src/config';
import { openAnalyticsPool } from '../src/db/database';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { createLogger } from '../src/logger';
import { loadReferenceUnits } from '../src/modules/admin-unit/admin-unit.reference';
import { AdminUnit } from '../src/modules/admin-unit/admin-unit.entity';
import { AdminStructure } from '../src/modules/admin-unit/admin-unit.enums';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { Club } from '../src/modules/club/club.entity';
import { ClubStatus, Programme } from '../src/modules/club/club.enums';
import { createHubServer, HubServer } from '../src/server';

/**
 * `npm run bench:live`: how long a committed write takes to reach live subscribers, on one hub and on a second
 * hub on the same database. Two hubs run in this process (each with its own pools and its own LISTEN
 * connection) on a throwaway embedded PostgreSQL; SUBSCRIBERS graphql-ws clients (half on each hub) watch while
 * WRITES updateClub mutations run one after another through the first hub. The figure is the time from the
 * sending of the mutation to each subscriber's event, next to the mutation's own round trip; clients, hubs and database
 * share the machine, so it includes their contention. Settings: LIVE_BENCH_WRITES (default 100),
 * LIVE_BENCH_SUBSCRIBERS (default 200).
 */
const WRITES = Number(process.env.LIVE_BENCH_WRITES ?? 100);
const SUBSCRIBERS = Number(process.env.LIVE_BENCH_SUBSCRIBERS ?? 200);

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const summary = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} deliveries)`;

async function main(): Promise<void> {
  console.log(`uptime before: ${execSync('uptime').toString().trim()}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-bench-live-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const hubs: Array<{ server: HubServer; orm: MikroORM; analytics: MikroORM; url: string }> = [];
  const clients: Array<{ dispose(): void | Promise<void> }> = [];
  try {
    await ensureDatabase(pg.url('postgres'), 'ishc_bench_live');
    const url = pg.url('ishc_bench_live');
    const setup = await MikroORM.init(ormConfig(url));
    await setup.getMigrator().up();
    await loadReferenceUnits(setup.em.fork());
    const units = await UnitDirectory.load(setup.em.fork());
    const { key } = await createApiKey(setup.em.fork(), units, { organisation: 'bench', role: Role.ADMIN });
    const em = setup.em.fork();
    const commune = await em.findOneOrFail(AdminUnit, { structure: AdminStructure.PRE_2025, code: '18769' });
    const club = Object.assign(new Club(), { code: 'BENCH1', name: 'CLB đo', foundedOn: '2021-03-15', programme: Programme.DECISION_1336, status: ClubStatus.ACTIVE, communePre2025: commune });
    await em.persist(club).flush();
    await setup.close(true);

    const config = loadConfig({ RATE_LIMIT_COST_PER_MINUTE: '1000000000000' });
    for (let i = 0; i < 2; i++) {
      const orm = await MikroORM.init(ormConfig(url));
      const analytics = await openAnalyticsPool(url, config);
      const server = await createHubServer({ orm, analytics, units: await UnitDirectory.load(orm.em.fork()), logger: createLogger('warn'), config });
      hubs.push({ server, orm, analytics, url: `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}` });
    }

    // arrivals[write][subscriber] = when the event came (performance.now()).
    const arrivals: number[][] = Array.from({ length: WRITES }, () => []);
    let current = -1;
    let ready = 0;
    for (let s = 0; s < SUBSCRIBERS; s++) {
      const hub = hubs[s % 2];
      const client = createClient({ url: `${hub.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` }, on: { connected: () => (ready += 1) } });
      clients.push(client);
      client.subscribe({ query: 'subscription { changes { kind clubId } }' }, { next: () => current >= 0 && (arrivals[current][s] = performance.now()), error: (e) => console.error(e), complete: () => undefined });
    }
    while (ready < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 500));

    const sameHub: number[] = [];
    const otherHub: number[] = [];
    const roundTrips: number[] = [];
    let version = 1;
    for (let w = 0; w < WRITES; w++) {
      current = w;
      const sent = performance.now();
      const res = await fetch(`${hubs[0].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: 'mutation($i: UpdateClubInput!) { updateClub(input: $i) { club { version } } }', variables: { i: { code: 'BENCH1', expectedVersion: version, name: `CLB đo ${w}` } } }),
      });
      const body = (await res.json()) as { data?: { updateClub: { club: { version: number } } }; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      version = body.data.updateClub.club.version;
      const committed = performance.now();
      roundTrips.push(committed - sent);
      const deadline = committed + 5000;
      while (arrivals[w].filter((t) => t !== undefined).length < SUBSCRIBERS && performance.now() < deadline) await new Promise((r) => setImmediate(r));
      for (let s = 0; s < SUBSCRIBERS; s++) {
        const at = arrivals[w][s];
        if (at === undefined) throw new Error(`write ${w}: subscriber ${s} got nothing within 5 s`);
        (s % 2 === 0 ? sameHub : otherHub).push(at - sent);
      }
    }
    console.log(`${WRITES} writes, ${SUBSCRIBERS} subscribers (half on each hub); times from sending the mutation`);
    console.log(`  the mutation's own answer:          ${summary(roundTrips).replace('deliveries', 'writes')}`);
    console.log(`  subscribers of the hub that wrote:  ${summary(sameHub)}`);
    console.log(`  subscribers of the other hub:       ${summary(otherHub)}`);
    console.log(`uptime after: ${execSync('uptime').toString().trim()}`);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const hub of hubs) {
      await hub.server.stop();
      await hub.analytics.close(true);
      await hub.orm.close(true);
    }
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
