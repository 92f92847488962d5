import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { loadReferenceUnits } from '../src/modules/admin-unit/admin-unit.reference';
import { TEMPLATE_DB, urlFor } from '../test/support/database';
import { startTestHub, TestHub } from '../test/support/hub';

/**
 * `npm run bench:import`: the longest the event loop stays blocked while the hub (in this process) checks a
 * 20,000-row CSV import as a dry run, for the club register and the member register. Requests to the hub
 * wait at least that long behind an import. Uses an embedded PostgreSQL of its own, as the tests do.
 */
const ROWS = 20_000;
const CLUBS = 200;
const RUNS = Number(process.env.BENCH_ROUNDS ?? 3);
const COMMUNES = ['18769', '18766'];

async function upload(hub: TestHub, kind: string, text: string, dryRun: boolean): Promise<any> {
  const res = await fetch(`${hub.url}/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${hub.adminKey}` },
    body: text,
  });
  const body = await res.json();
  // A dry run without problems answers 200; anything else (429 over the budget, 422, 5xx) would time something else.
  if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

const clubCsv = (n: number) =>
  ['code,name,commune_pre2025,founded_on,programme', ...Array.from({ length: n }, (_, i) => `BENCH-${i},"CLB liên thế hệ số ${i}, thôn ${i % 50}",${COMMUNES[i % 2]},2020-01-01,DECISION_1336`)].join('\r\n');

const memberCsv = (n: number) =>
  [
    'club_code,member_ref,full_name,sex,birth_year,poverty_status,joined_on',
    ...Array.from({ length: n }, (_, i) => `BENCH-${i % CLUBS},M-${i},Nguyễn Thị Thành viên ${i},${i % 3 ? 'FEMALE' : 'MALE'},${1940 + (i % 40)},${i % 4 ? 'NOT_POOR' : 'POOR'},2021-0${1 + (i % 9)}-15`),
  ].join('\r\n');

async function maxBlock(run: () => Promise<unknown>): Promise<{ maxMs: number; totalMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const started = performance.now();
  histogram.enable();
  await run();
  histogram.disable();
  return { maxMs: histogram.max / 1e6, totalMs: performance.now() - started };
}

async function main(): Promise<void> {
  // The tests' database setup, in this process: a throwaway PostgreSQL with a migrated template.
  const pg = await startEmbeddedPostgres({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-bench-pg-')), port: await freePort(), persistent: false });
  process.env.ISHC_TEST_ADMIN_URL = pg.url('postgres');
  await ensureDatabase(pg.url('postgres'), TEMPLATE_DB);
  const orm = await MikroORM.init(ormConfig(urlFor(TEMPLATE_DB)));
  await orm.getMigrator().up();
  await loadReferenceUnits(orm.em.fork());
  await orm.close(true);
  // Imports spend the caller's budget (5 a line): this bench uploads several 20,000-line files a minute.
  const hub = await startTestHub({ config: loadConfig({ RATE_LIMIT_COST_PER_MINUTE: '100000000' }) });
  try {
    await upload(hub, 'clubs', clubCsv(CLUBS), false);
    const cases: Array<[string, string, string]> = [
      ['clubs', 'clubs', clubCsv(ROWS)],
      ['members', 'members', memberCsv(ROWS)],
    ];
    // A small file of each kind first: the first request through a code path compiles it (and, under
    // ts-node, transpiles it), which is not the import's own cost.
    await upload(hub, 'clubs', clubCsv(500), true);
    await upload(hub, 'members', memberCsv(500), true);
    for (const [name, kind, text] of cases) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await maxBlock(() => upload(hub, kind, text, true)));
      const blocks = runs.map((r) => r.maxMs.toFixed(0)).join(', ');
      const took = runs.map((r) => r.totalMs.toFixed(0)).join(', ');
      console.log(`${name}: ${ROWS} rows (${(text.length / 1e6).toFixed(1)} MB), dry runs took ${took} ms; longest event-loop block per run: ${blocks} ms`);
    }
  } finally {
    await hub.stop();
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
