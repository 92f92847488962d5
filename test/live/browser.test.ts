import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Browser as Chromium, chromium } from 'playwright-core';
import { PeopleService } from '../../src/auth/people/people.service';
import { Role } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { Club } from '../../src/modules/club/club.entity';
import { Browser } from '../support/given-people';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { ok } from '../write/support';

const ROOT = path.resolve(__dirname, '..', '..');

/** web/src/api/live.ts bundled by Vite as a browser script (in a child process: Vite is ESM-only). */
function bundleLiveModule(): string {
  const script = `
    import { build } from 'vite';
    const out = await build({ configFile: false, logLevel: 'silent', root: ${JSON.stringify(ROOT)},
      build: { write: false, minify: false, lib: { entry: ${JSON.stringify(path.join(ROOT, 'web/src/api/live.ts'))}, formats: ['iife'], name: 'IshcLive', fileName: 'live' } } });
    process.stdout.write((Array.isArray(out) ? out[0] : out).output[0].code);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 });
}

let hub: TestHub;
let browser: Chromium;
let haTinhClub: Club;
let ngheAnClub: Club;
let sessionToken: string;
let bundle: string;

beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  haTinhClub = await g.club({ pre2025: '18769', foundedOn: '2022-01-01' });
  ngheAnClub = await g.club({ pre2025: '16663', foundedOn: '2022-01-01' });
  // A person of Hà Tĩnh's association, signed in: the page authenticates with the session cookie alone.
  const people = new PeopleService(hub.orm.em, hub.units, loadConfig({}).people);
  const admin = { role: Role.ADMIN, organisation: 'test', keyId: null, accountId: null, scope: null, mayReadPersonalData: true, persistedOperationsOnly: false };
  const { token } = await people.invite(
    { email: 'browser@ishc.example.vn', displayName: 'Lê Văn Trình Duyệt', organisation: 'Hội NCT Hà Tĩnh', role: Role.ASSOCIATION, scope: { structure: AdminStructure.PRE_2025, code: '42' } },
    admin,
  );
  const signIn = new Browser(hub.url);
  expect((await signIn.postJson('/auth/set-password', { token, password: 'a long enough passphrase for the browser' })).status).toBe(200);
  sessionToken = signIn.token!;
  bundle = bundleLiveModule();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const rename = async (club: Club, name: string) => {
  const version = ok(await hub.graphql<any>(`{ club(code: "${club.code}") { version } }`)).club.version;
  ok(await hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: version, name } }));
};

it("in Chromium, a signed-in person's page goes live on its cookie and sees a write of its area arrive within 2 s (and not one outside it)", async () => {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'ishc_session', value: sessionToken, url: hub.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  // Any page of the hub's own origin will do; the web app's pages load the same module.
  await page.goto(`${hub.url}/healthz`);
  await page.addScriptTag({ content: bundle });
  await page.evaluate(() => {
    const w = globalThis as unknown as { IshcLive: any; events: any[]; statuses: string[] };
    w.events = [];
    w.statuses = [];
    w.IshcLive.subscribeToChanges({}, (e: unknown) => w.events.push(e), (s: string) => w.statuses.push(s));
  });
  await page.waitForFunction(() => (globalThis as unknown as { statuses: string[] }).statuses.includes('live'), undefined, { timeout: 10_000 });

  await rename(ngheAnClub, 'CLB Thành Vinh');
  await rename(haTinhClub, 'CLB Kỳ Tiến');
  await page.waitForFunction((id) => (globalThis as unknown as { events: any[] }).events.some((e) => e.kind === 'CLUB' && e.clubId === id), haTinhClub.globalId, { timeout: 2000 });
  const events = await page.evaluate(() => (globalThis as unknown as { events: any[] }).events);
  expect(events).toEqual([expect.objectContaining({ kind: 'CLUB', operation: 'updateClub', clubId: haTinhClub.globalId })]);
  await context.close();
}, 30_000);
