import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/auth/viewer';
import { ormConfig } from '../src/db/orm.config';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { startHub, stop } from './api';

/**
 * `npm run bench:admission`: what six PARTNER keys asking at once for the worst table of issue #14 (the loan and
 * borrower indicators split by sex, age band, poverty and programme, monthly over 2024–2025, the full Indicators
 * document) do to everyone else, on the national demo data: the latency of /healthz and of a simple
 * `club(code:)` polled every 50 ms while the six run, next to the same when the hub is idle, and how the six end.
 * The built hub runs as its own process with its default admission settings (the per-minute budget lifted, as in
 * bench:api), on the embedded PostgreSQL under .data/bench.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const WORST_CASE = {
  ids: ['loans_outstanding', 'on_time_repayment_rate', 'portfolio_overdue_30', 'average_loan_size', 'members_borrowed_12m'],
  disaggregateBy: ['SEX', 'AGE_BAND', 'POVERTY_STATUS', 'PROGRAMME'],
  periods: ['202401..202512'],
};

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const summary = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} requests)`;

async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const res = await request();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`status ${res.status}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const hub = await startHub(path.join(ROOT, '.data', 'bench'), false);
  try {
    const orm = await MikroORM.init(ormConfig(hub.pgUrl));
    const units = await UnitDirectory.load(orm.em.fork());
    const key = async (role: Role) => `Bearer ${(await createApiKey(orm.em.fork(), units, { organisation: 'bench:admission', role })).key}`;
    const partners = await Promise.all(Array.from({ length: 6 }, () => key(Role.PARTNER)));
    const admin = await key(Role.ADMIN);
    await orm.close(true);
    const pg = new Client({ connectionString: hub.pgUrl });
    await pg.connect();
    const code = (await pg.query('select code from club order by id limit 1')).rows[0].code as string;
    await pg.end();

    const health = () => timed(() => fetch(`${hub.url}/healthz`));
    const club = () =>
      timed(() =>
        fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: admin },
          body: JSON.stringify({ query: `{ club(code: "${code}") { code name } }` }),
        }),
      );
    const idle = { health: [] as number[], club: [] as number[] };
    for (let i = 0; i < 40; i++) {
      idle.health.push(await health());
      idle.club.push(await club());
    }

    const document = fs.readFileSync(path.join(ROOT, 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');
    const started = performance.now();
    let running = true;
    const six = Promise.all(
      partners.map(async (authorization) => {
        const res = await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: document, variables: WORST_CASE }),
        });
        const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }>; data?: { indicators?: { rows: unknown[] } } };
        const outcome = body.errors?.[0]?.extensions?.code ?? `${body.data?.indicators?.rows.length} rows`;
        return `${res.status} ${outcome} after ${((performance.now() - started) / 1000).toFixed(1)} s`;
      }),
    ).finally(() => (running = false));
    const busy = { health: [] as number[], club: [] as number[] };
    while (running) {
      const [h, c] = await Promise.all([health(), club()]);
      busy.health.push(h);
      busy.club.push(c);
      await new Promise((r) => setTimeout(r, 50));
    }
    const outcomes = await six;

    console.log(`the six worst-case tables: ${outcomes.join('; ')}`);
    console.log(`/healthz        idle: ${summary(idle.health)}`);
    console.log(`/healthz        while the six run: ${summary(busy.health)}`);
    console.log(`club(code:)     idle: ${summary(idle.club)}`);
    console.log(`club(code:)     while the six run: ${summary(busy.club)}`);
  } finally {
    await stop(hub);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
