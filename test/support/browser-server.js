// The run's shared Chromium, as a playwright browser server in a process of its own (started detached by
// test/support/web.ts, ended by globalTeardown). Plain JS so that it starts without a TypeScript loader.
// Arguments: runDir executablePath parentPid ...chromiumFlags
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [runDir, executablePath, parentPid, ...args] = process.argv.slice(2);

async function main() {
  const server = await chromium.launchServer({ executablePath, args });
  fs.writeFileSync(path.join(runDir, 'browser.pid'), String(process.pid));
  const endpoint = path.join(runDir, 'browser.ws');
  fs.writeFileSync(`${endpoint}.tmp`, server.wsEndpoint());
  fs.renameSync(`${endpoint}.tmp`, endpoint);
  // If jest dies without its teardown, do not outlive it.
  setInterval(() => {
    try {
      process.kill(Number(parentPid), 0);
    } catch {
      server.close().finally(() => process.exit(0));
    }
  }, 1000);
}

main().catch((error) => {
  fs.writeFileSync(path.join(runDir, 'browser.error'), String(error && error.stack ? error.stack : error));
  process.exit(1);
});
