import 'reflect-metadata';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/db/embedded-postgres';
import { Browser } from '../support/given-people';
import { HubProcess, spawnHub } from '../support/hub-process';
import { startTestHub, TestHub } from '../support/hub';

const ROOT = path.resolve(__dirname, '..', '..');
const PASSWORD = 'the first administrator of the hub';
const NEW_PASSWORD = 'a second passphrase, just as long';

let hub: TestHub;
let second: HubProcess;
let secondUrl: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-people-'));
const logFile = path.join(dataDir, 'hub.log');

beforeAll(async () => {
  hub = await startTestHub();
  const port = await freePort();
  // A second hub process on the same database, logging everything (trace) to a file.
  second = spawnHub({ DATABASE_URL: hub.databaseUrl, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'trace', LOG_FILE: logFile });
  await second.ready();
  secondUrl = `http://127.0.0.1:${port}`;
}, 90_000);
afterAll(async () => {
  second?.child.kill('SIGTERM');
  if (second) await second.exited();
  await hub?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function people(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/bin/people.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: hub.databaseUrl, LOG_FILE: '' },
  });
  return stdout;
}

describe('the first ADMIN, on two hub processes', () => {
  it('is invited from the command line, signs in on one process, and is shut out everywhere at once when disabled', async () => {
    const invited = await people('invite', '--email', 'admin@ishc.example.vn', '--name', 'Nguyễn Văn An', '--org', 'ISHC national office', '--role', 'ADMIN');
    const token = /#token=([A-Za-z0-9_-]+)/.exec(invited)![1];
    expect(invited).toContain('shown only once');

    const onSecond = new Browser(secondUrl);
    expect((await onSecond.postJson('/auth/set-password', { token, password: PASSWORD })).status).toBe(200);
    const viewer = await onSecond.operation('people/Viewer.graphql');
    expect(viewer.body.data.viewer).toMatchObject({ kind: 'PERSON', role: 'ADMIN', scope: null, may: { manageAccounts: true } });
    const accountId = viewer.body.data.viewer.account.id;

    // A failure, a password change, a sign-out and a new sign-in on the second process: all logged, none with a secret.
    expect((await new Browser(secondUrl).signIn('admin@ishc.example.vn', 'wrong password, logged?')).status).toBe(401);
    const firstCookie = onSecond.token!;
    expect((await onSecond.postJson('/auth/change-password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect((await onSecond.postJson('/auth/sign-out', {})).status).toBe(200);
    expect((await onSecond.signIn('admin@ishc.example.vn', NEW_PASSWORD)).status).toBe(200);
    const onFirst = new Browser(hub.url);
    expect((await onFirst.signIn('admin@ishc.example.vn', NEW_PASSWORD)).status).toBe(200);
    expect((await onSecond.operation('people/Viewer.graphql')).status).toBe(200);
    const cookies = [firstCookie, onSecond.token!, onFirst.token!];
    expect(cookies.every((c) => typeof c === 'string' && c.length === 43)).toBe(true);

    expect(await people('list')).toMatch(new RegExp(`^${accountId}\\tadmin@ishc.example.vn\\tADMIN\\tnation\\tactive`, 'm'));

    // Disabled through the first process (an ADMIN key); the second refuses the very next request.
    const disabled = await hub.operation('people/SetAccountActive.graphql', { accountId, active: false });
    expect(disabled.data!.setAccountActive.active).toBe(false);
    for (const browser of [onSecond, onFirst]) {
      // The refusal also clears the browser's cookie.
      const refused = await browser.operation('people/Viewer.graphql');
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect((await new Browser(secondUrl).signIn('admin@ishc.example.vn', NEW_PASSWORD)).status).toBe(401);
    const open = await hub.orm.em.getConnection().execute(`select count(*)::int as n from account_session where account_id = ? and ended_at is null`, [accountId]);
    expect(open[0].n).toBe(0);

    second.child.kill('SIGTERM');
    await second.exited();
    const logs = second.output();
    expect(logs).toContain('"path":"/auth/sign-in"');
    expect(logs).toContain(`"account":${accountId}`);
    for (const secret of [token, PASSWORD, NEW_PASSWORD, 'wrong password, logged?', ...cookies]) {
      expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });
    }
  }, 90_000);
});
