import { spawn } from 'node:child_process';
import path from 'node:path';
import { startTestHub, TestHub } from '../support/hub';
import { tableState } from './support';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs the import in a child process; resolves when its output contains `until` (or it exits). */
function importInChild(rows: number, prefix: string, until: string) {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/support/import-child.ts', String(rows), prefix], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: hub.databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const reached = new Promise<void>((resolve, reject) => {
    const check = () => output.includes(until) && resolve();
    child.stdout!.on('data', (chunk) => ((output += chunk), check()));
    child.stderr!.on('data', (chunk) => (output += chunk));
    void exited.then(() => (output.includes(until) ? resolve() : reject(new Error(`the import exited before "${until}":\n${output}`))));
  });
  return { child, reached, exited, output: () => output };
}

const clubsLike = async (prefix: string) =>
  Number((await hub.orm.em.fork().getConnection().execute<Array<{ n: string }>>(`select count(*)::text as n from club where code like ?`, [`${prefix}-%`]))[0].n);

describe('an import killed half-way', () => {
  it('leaves the database as it was, and a later import goes through', async () => {
    const before = await tableState(hub);
    const run = importInChild(20_000, 'CRASH', 'importing');
    await run.reached;
    // Rows are written (uncommitted) by now: the transaction has flushed its first chunk.
    run.child.kill('SIGKILL');
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(run.output()).not.toContain('done');

    expect(await clubsLike('CRASH')).toBe(0);
    expect(await tableState(hub)).toEqual(before);

    const again = importInChild(1_000, 'CRASH', 'done');
    await again.reached;
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect(again.output()).toMatch(/"applied":true,"rows":1000,"created":1000/);
    expect(await clubsLike('CRASH')).toBe(1_000);
  });
});
