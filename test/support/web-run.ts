import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Kept apart from web.ts so that globalSetup does not load playwright for runs without web tests.

/** For jest's globalSetup: a folder for this run's shared browser. */
export function prepareWebRun(): void {
  process.env.ISHC_WEB_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-web-run-'));
  // The browser server watches this process and ends with it, teardown or not.
  process.env.ISHC_WEB_PARENT_PID = String(process.pid);
}

/** For jest's globalTeardown: ends the shared browser, if a web test started it. */
export function endWebRun(): void {
  const runDir = process.env.ISHC_WEB_RUN_DIR;
  if (!runDir) return;
  const pidFile = path.join(runDir, 'browser.pid');
  if (fs.existsSync(pidFile)) {
    try {
      // SIGTERM: playwright closes the browser before the server process exits.
      process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      // already gone with its worker
    }
  }
  fs.rmSync(runDir, { recursive: true, force: true });
}
