import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role } from '../../src/auth/viewer';
import { HubClient, HubError } from '../../src/client/hub-client';
import { ProvincesDocument } from '../../src/client/gql/graphql';
import { buildFixture } from '../api/fixture';
import { startTestHub, TestHub } from '../support/hub';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

let hub: TestHub;
let ministry: string;
beforeAll(async () => {
  hub = await startTestHub();
  await buildFixture(hub);
  ministry = await hub.key(Role.MINISTRY);
});
afterAll(async () => {
  await hub?.stop();
});

async function report(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/bin/report.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ISHC_URL: hub.url, ISHC_KEY: ministry },
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('the typed client', () => {
  it('sends typed documents and surfaces errors with their codes', async () => {
    const client = new HubClient({ url: hub.url, key: ministry });
    const data = await client.request(ProvincesDocument, { structure: 'PRE_2025' });
    expect(data.provinces).toHaveLength(63);
    const wrong = new HubClient({ url: hub.url, key: `${ministry.slice(0, -3)}xyz` });
    await expect(wrong.request(ProvincesDocument, {})).rejects.toMatchObject({ codes: ['UNAUTHENTICATED'], status: 401 });
    await expect(wrong.request(ProvincesDocument, {})).rejects.toBeInstanceOf(HubError);
  });
});

describe('npm run report', () => {
  it('prints the indicator report of a unit and its children as CSV, JSON or a table', async () => {
    const csv = await report('--unit', 'PRE_2025:42', '--period', '2023', '--format', 'csv', '--indicator', 'active_clubs', '--indicator', 'members', '--unapproved');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('indicator,name,unit,unitName,period,value,target,achievementPercent');
    const cells = lines.slice(1).map((l) => l.split(','));
    const value = (indicator: string, unit: string) => cells.find((c) => c[0] === indicator && c[2] === unit)?.[5];
    expect(value('active_clubs', '42')).toBe('2');
    expect(value('active_clubs', '447')).toBe('2');
    // Seven members (five in Hưng Phú, two in Tân Phú at the end of 2023), rounded down for the Ministry.
    expect(value('members', '42')).toBe('5');
    expect(cells.filter((c) => c[0] === 'active_clubs').length).toBe(1 + 12); // Hà Tĩnh and its districts

    const json = await report('--unit', 'PRE_2025:447', '--period', '2023', '--format', 'json', '--indicator', 'active_clubs', '--unapproved');
    const records = JSON.parse(json.stdout) as Array<{ unit: string; value: number }>;
    expect(records.find((r) => r.unit === '447')!.value).toBe(2);
    expect(records.find((r) => r.unit === '18769')!.value).toBe(2);

    const table = await report('--unit', 'POST_2025:18775', '--period', '2023', '--indicator', 'active_clubs', '--unapproved');
    expect(table.stdout.split('\n')[0]).toMatch(/^indicator\s+name\s+unit/);
    expect(table.stdout).toMatch(/active_clubs .* 18775 .* 2023\s+2/);
  }, 90_000);

  it('reports the hub\'s refusal with its code, and bad arguments with the usage', async () => {
    const bad = await report('--unit', '42', '--period', '2023');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('usage');
    const anonymous = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/bin/report.ts', '--unit', 'PRE_2025:42', '--period', '2023', '--key', 'ishc_bad'], {
      cwd: ROOT,
      env: { ...process.env, ISHC_URL: hub.url },
    }).catch((e) => e as { stderr: string; code: number });
    expect((anonymous as { code: number }).code).toBe(1);
    expect((anonymous as { stderr: string }).stderr).toContain('UNAUTHENTICATED');
  }, 60_000);
});
