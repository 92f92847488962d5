import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestHub, TestHub } from '../support/hub';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/** `npm run keys -- …` against the test file's database. */
async function keys(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/bin/keys.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: hub.databaseUrl },
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const ask = (key: string) =>
  fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ district(code: "447") { clubCount } }' }),
  });

describe('npm run keys', () => {
  it('creates a key shown once as the last line, lists it and revokes it', async () => {
    const created = await keys('create', '--role', 'ASSOCIATION', '--scope', 'PRE_2025:42', '--name', 'Hội NCT tỉnh Hà Tĩnh');
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').pop()!;
    expect(key).toMatch(/^ishc_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{32}$/);
    expect((await ask(key)).status).toBe(200);

    const listed = await keys('list');
    const prefix = key.slice(5, 17);
    expect(listed.stdout).toContain(`${prefix}\tASSOCIATION\tPRE_2025:42\tactive`);
    expect(listed.stdout).toContain('Hội NCT tỉnh Hà Tĩnh');
    expect(listed.stdout).not.toContain(key);

    expect((await keys('revoke', prefix)).stdout).toContain(`revoked ${prefix}`);
    expect((await ask(key)).status).toBe(401);

    // The audit log names the command line as the one who issued and revoked it.
    const log = await hub.operation('audit/AuditLog.graphql', { entityType: 'ApiKey', first: 100 });
    const entries = log.data!.auditLog.edges.map((e: { node: any }) => e.node).filter((n: any) => n.after.prefix === prefix);
    expect(entries.map((n: any) => [n.operation, n.role, n.organisation, n.keyId])).toEqual([
      ['revokeApiKey', 'ADMIN', 'command line', null],
      ['createApiKey', 'ADMIN', 'command line', null],
    ]);
  }, 60_000);

  it('explains bad arguments', async () => {
    const noScope = await keys('create', '--role', 'ASSOCIATION', '--name', 'X');
    expect(noScope.code).toBe(1);
    expect(noScope.stderr).toContain('needs a scope');
    const badRole = await keys('create', '--role', 'KING', '--name', 'X');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('usage');
  }, 60_000);
});
