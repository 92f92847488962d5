import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import type { TestHub } from './hub';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB_SOURCE = path.join(ROOT, 'web');
const WEB_BUILD = path.join(ROOT, 'dist', 'web');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'web');
/** The system's Chromium (Debian's `chromium` package); CHROMIUM_PATH may name another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, reproducible headless Chromium: nothing phones home, no GPU, no sandbox (CI containers). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app into dist/web when the build is missing or older than any file under web/ (a fresh build
 * is a few seconds; an unchanged tree costs one directory walk). Called before the shared browser starts.
 */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_BUILD, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestChange(WEB_SOURCE)) return;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * One Chromium for the whole test run, shared by every web test file whatever jest worker runs it: the first
 * file to ask builds the app if needed and starts the browser server (browser-server.js, detached; claiming a
 * lock folder in the run's folder made by globalSetup); every file connects to it. globalTeardown ends it.
 */
let connected: Promise<Browser> | undefined;

export function sharedBrowser(): Promise<Browser> {
  connected ??= connect();
  return connected;
}

/** Closes this test file's connection (not the shared browser). */
export async function releaseBrowser(): Promise<void> {
  const browser = connected;
  connected = undefined;
  if (browser) await (await browser).close();
}

async function connect(): Promise<Browser> {
  const runDir = process.env.ISHC_WEB_RUN_DIR;
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium)`);
  if (!runDir || !process.env.ISHC_WEB_PARENT_PID) {
    ensureWebBuilt();
    return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }
  const endpointFile = path.join(runDir, 'browser.ws');
  const errorFile = path.join(runDir, 'browser.error');
  let owner = false;
  try {
    fs.mkdirSync(path.join(runDir, 'browser.lock'));
    owner = true;
  } catch {
    // another test file starts it
  }
  if (owner) {
    // The build happens here, not in globalSetup, so that runs without web tests do not pay for it.
    ensureWebBuilt();
    // Playwright gives the browser a fresh, temporary --user-data-dir of its own.
    spawn(process.execPath, [path.join(__dirname, 'browser-server.js'), runDir, CHROMIUM, process.env.ISHC_WEB_PARENT_PID, ...CHROMIUM_FLAGS], {
      detached: true,
      stdio: 'ignore',
    }).unref();
  }
  for (let waited = 0; !fs.existsSync(endpointFile); waited += 100) {
    if (fs.existsSync(errorFile)) throw new Error(`The shared Chromium did not start: ${fs.readFileSync(errorFile, 'utf8')}`);
    if (waited > 60_000) throw new Error('The shared Chromium did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return chromium.connect(fs.readFileSync(endpointFile, 'utf8'));
}

export interface WebSession {
  context: BrowserContext;
  page: Page;
  /** Problems the page logged (console errors, uncaught exceptions); tests expect none. */
  pageErrors: string[];
}

/** A fresh browser context (own cookies and storage) on the hub, in Vietnamese unless told otherwise. */
export async function openApp(hub: TestHub, locale = 'vi-VN'): Promise<WebSession> {
  const browser = await sharedBrowser();
  const context = await browser.newContext({ baseURL: hub.url, locale, timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 },
    // Only so that axe-core can be injected: the app's own CSP allows no inline script.
    bypassCSP: true,
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack ?? ''}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { context, page, pageErrors };
}

/**
 * Runs a browser test step; when it fails, saves a screenshot of the page and names the file in the error.
 */
export async function withScreenshot<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}-${Date.now()}.png`);
    let saved = `screenshot saved to ${file}`;
    try {
      await page.screenshot({ path: file, fullPage: true });
    } catch (shotError) {
      saved = `no screenshot (${(shotError as Error).message})`;
    }
    if (error instanceof Error) {
      // jest prints the stack, which holds the message as it was when the error was made.
      error.message = `${error.message}\n[${saved}]`;
      if (error.stack) error.stack = `${error.stack.split('\n')[0]}\n[${saved}]\n${error.stack.split('\n').slice(1).join('\n')}`;
      throw error;
    }
    throw new Error(`${String(error)}\n[${saved}]`);
  }
}

const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

interface AxeApi {
  run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core on the page as it is now: the violations rated serious or critical. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    // Runs in the page (the test's tsconfig has no DOM types).
    const { axe, document } = globalThis as unknown as { axe: AxeApi; document: unknown };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const PASSWORD = 'xin chào câu lạc bộ liên thế hệ';

/** A person with an account and a password, invited through GraphQL with the hub's ADMIN key. */
export async function givenPerson(hub: TestHub, input: { email: string; displayName: string; role: string; scope?: { structure: string; code: string } | null; organisation?: string }) {
  const res = await hub.operation('people/InviteAccount.graphql', {
    input: { organisation: 'Trung ương Hội NCT Việt Nam', ...input, scope: input.scope ?? null },
  });
  if (res.errors) throw new Error(`invite failed: ${JSON.stringify(res.errors)}`);
  const set = await fetch(`${hub.url}/auth/set-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: res.data!.inviteAccount.token, password: PASSWORD }),
  });
  if (set.status !== 200) throw new Error(`set-password failed: HTTP ${set.status}`);
  return { email: input.email, password: PASSWORD };
}

/** Signs in through the sign-in page, as a person would, and waits for the app's menu. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/Thư điện tử|E-mail/).fill(email);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.getByRole('navigation').waitFor();
}
