import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/db/embedded-postgres';
import { spawnHub } from '../support/hub-process';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the logs of a whole run', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-logs-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('hold no key, cookie or password the run used, at the most verbose level, in an owner-only file', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const logFile = path.join(dataDir, 'logs', 'hub.log');
    const env = { PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, LOG_LEVEL: 'trace', LOG_FILE: logFile };
    const hub = spawnHub(env);
    await hub.ready();
    expect(fs.statSync(logFile).mode & 0o777).toBe(0o600);

    const adminKey = fs.readFileSync(path.join(dataDir, 'local-admin-key'), 'utf8').trim();
    // A second key, issued by the command line next to the running hub (its output is for the operator).
    const created = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/bin/keys.ts', 'create', '--role', 'ASSOCIATION', '--scope', 'PRE_2025:42', '--name', 'Hội NCT Hà Tĩnh'],
      { cwd: ROOT, env: { ...process.env, ...env, DATABASE_URL: '', LOG_FILE: '' } },
    );
    const associationKey = created.stdout.trim().split('\n').pop()!;
    expect(associationKey).toMatch(/^ishc_/);
    const wrongKey = `ishc_AAAAAAAAAAAA_${'w'.repeat(32)}`;
    const cookie = 'session=cookie-secret-4711';
    const password = 'hunter2-password-in-a-header';

    const base = `http://127.0.0.1:${port}`;
    const post = (pathname: string, body: string, headers: Record<string, string>) =>
      fetch(`${base}${pathname}`, { method: 'POST', headers, body });
    const query = JSON.stringify({ query: '{ provinces(structure: PRE_2025) { code } }' });
    const json = { 'content-type': 'application/json' };
    expect((await post('/graphql', query, { ...json, authorization: `Bearer ${adminKey}`, cookie })).status).toBe(200);
    expect((await post('/graphql', query, { ...json, authorization: `Bearer ${associationKey}` })).status).toBe(200);
    expect((await post('/graphql', query, { ...json, authorization: `Bearer ${wrongKey}` })).status).toBe(401);
    expect((await post('/graphql', query, { ...json, authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` })).status).toBe(401);
    expect((await post('/graphql', '{ not json', { ...json, authorization: `Bearer ${adminKey}` })).status).toBe(400);
    expect((await post('/graphql', JSON.stringify({ query: '{ nope }' }), { ...json, authorization: `Bearer ${adminKey}` })).status).toBe(400);
    expect((await post('/imports/clubs?dryRun=true', 'code,name\nX,Y\n', { 'content-type': 'text/csv', authorization: `Bearer ${associationKey}` })).status).toBe(422);
    expect((await fetch(`${base}/exports/indicators.csv?ids=members&periods=2023`, { headers: { authorization: `Bearer ${adminKey}`, cookie } })).status).toBe(200);
    expect((await fetch(`${base}/healthz`, { headers: { authorization: `Bearer ${wrongKey}` } })).status).toBe(200);

    hub.child.kill('SIGTERM');
    expect(await hub.exited()).toEqual({ code: 0, signal: null });

    const logs = hub.output();
    expect(logs).toContain('"path":"/exports/indicators.csv"');
    const secrets = [adminKey, associationKey, wrongKey, 'cookie-secret-4711', password, Buffer.from(`admin:${password}`).toString('base64')];
    // Each key's secret part alone must not appear either (the prefix before it is an identifier).
    secrets.push(...[adminKey, associationKey, wrongKey].map((k) => k.split('_').slice(2).join('_')));
    for (const secret of secrets) expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });

    // An access line is one short line: who, what, how it went, how long.
    const access = logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.path === '/graphql' && line.status === 200);
    expect(access).toBeDefined();
    expect(Object.keys(access!).sort()).toEqual(['caller', 'level', 'method', 'ms', 'msg', 'path', 'requestId', 'service', 'status', 'time']);
    expect(access).toMatchObject({ level: 30, method: 'POST', msg: 'request' });
    expect(typeof access!.caller).toBe('number');
  });
});
