import 'reflect-metadata';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { chromium } from 'playwright-core';
import { DEFAULT_SEED, seedDemo } from '../seeds/demo';
import type { ScaleName } from '../seeds/demo';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/auth/viewer';
import { loadConfig } from '../src/config';
import { EmbeddedPg, ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { createLogger } from '../src/logger';
import { loadReferenceUnits } from '../src/modules/admin-unit/admin-unit.reference';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { createHubServer } from '../src/server';

/**
 * `npm run bench:web-map`: how long the overview's province map takes to draw once its figures have arrived,
 * in the system's Chromium against a real hub: the 63 provinces (PRE_2025) and the 34 (POST_2025), first draw
 * and redraws after changing the month. The app measures it itself (from the render where the GraphQL answer
 * arrived to ECharts' "finished" event, data-draw-ms on the map); budget 1,000 ms.
 *
 * Database: DATABASE_URL, else an embedded PostgreSQL under .data/bench-web-map seeded on the first run with the
 * demo data at BENCH_SCALE (small: two provinces with clubs, the default; national: every province, ≈3 min).
 * The map draws every province whatever the data; the figures only colour them.
 */
const ROOT = path.resolve(__dirname, '..', fs.existsSync(path.resolve(__dirname, '..', 'web')) ? '' : '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SCALE = (process.env.BENCH_SCALE ?? 'small') as ScaleName;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'bench web map password';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedPg }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(ROOT, '.data', `bench-web-map-${SCALE}`, 'pg'), port: await freePort(), persistent: true });
  await ensureDatabase(embedded.url('postgres'), 'ishc_hub');
  return { url: embedded.url('ishc_hub'), embedded };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { url, embedded } = await openDatabase();
  const orm = await MikroORM.init(ormConfig(url, { poolMax: 5 }));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  let stopServer = async () => undefined as void;
  try {
    await orm.getMigrator().up();
    await loadReferenceUnits(orm.em.fork());
    const [{ clubs }] = await orm.em.getConnection().execute<Array<{ clubs: number }>>('select count(*)::int as clubs from club');
    if (clubs === 0) {
      console.log(`seeding the ${SCALE} demo data (first run only)…`);
      await seedDemo(url, { scale: SCALE, seed: DEFAULT_SEED });
    }
    const units = await UnitDirectory.load(orm.em.fork());
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_COST_PER_MINUTE: '1000000000' }, ROOT);
    const server = await createHubServer({ orm, analytics: orm, units, logger: createLogger('silent'), config });
    stopServer = () => server.stop();
    const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;

    // A person to sign in as: invited with an ADMIN key, password set through the link's route.
    const key = (await createApiKey(orm.em.fork(), units, { organisation: 'bench:web-map', role: Role.ADMIN })).key;
    const email = `bench.${Date.now()}@example.vn`;
    const invite = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query: fs.readFileSync(path.join(ROOT, 'schema', 'operations', 'people', 'InviteAccount.graphql'), 'utf8'),
        variables: { input: { email, displayName: 'Bench', organisation: 'bench', role: 'ADMIN' } },
      }),
    });
    const token = ((await invite.json()) as { data: { inviteAccount: { token: string } } }).data.inviteAccount.token;
    await fetch(`${base}/auth/set-password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: PASSWORD }) });

    const context = await browser.newContext({ baseURL: base, locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Thư điện tử').fill(email);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation').waitFor();

    const drawn = async (change: () => Promise<void>, structure: string): Promise<number> => {
      await page.evaluate(() => (globalThis as any).document.getElementById('overview-map')?.removeAttribute('data-drawn'));
      await change();
      const map = page.locator(`#overview-map[data-drawn="${structure}"]`);
      await map.waitFor({ timeout: 60_000 });
      return Number(await map.getAttribute('data-draw-ms'));
    };
    const months = await page.getByLabel('Kỳ báo cáo').evaluate((select) => [...(select as any).options].map((o: any) => o.value as string));
    console.log(`machine: ${execSync('uptime').toString().trim()}`);
    for (const structure of ['PRE_2025', 'POST_2025']) {
      const first = await drawn(() => page.getByLabel('Địa giới hành chính').selectOption(structure).then(() => undefined), structure);
      const redraws: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        redraws.push(await drawn(() => page.getByLabel('Kỳ báo cáo').selectOption(months[(round % 12) + 1]).then(() => undefined), structure));
      }
      const regions = await page.evaluate(() => (globalThis as any).ishcCharts['overview-map'].getOption().series[0].data.length as number);
      console.log(`${structure}: ${regions} provinces — on switching to it ${first} ms, redraw after a new month: median ${median(redraws)} ms, max ${Math.max(...redraws)} ms over ${ROUNDS} (budget 1000 ms)`);
    }
    console.log(`machine: ${execSync('uptime').toString().trim()}`);
    // BENCH_SCREENSHOT=docs/web-overview.png: the picture of the overview in the README (after measuring).
    if (process.env.BENCH_SCREENSHOT) {
      await page.setViewportSize({ width: 1280, height: 1400 });
      await drawn(() => page.getByLabel('Địa giới hành chính').selectOption('PRE_2025').then(() => undefined), 'PRE_2025');
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.resolve(ROOT, process.env.BENCH_SCREENSHOT) });
    }
  } finally {
    await browser.close();
    await stopServer();
    await orm.close(true);
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
