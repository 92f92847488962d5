import { Pool } from 'pg';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { createLogger } from '../../src/logger';
import { Budget, BUDGET_FLUSH_MS } from '../../src/runtime/batched-budget';
import { openSharedState, SharedState } from '../../src/runtime/shared-state';
import { createTestDatabase, dropTestDatabase, urlFor } from '../support/database';

/** Budgets as the hub opens them, on PostgreSQL's rate_limit table; two SharedStates stand for two processes. */
describe('a budget charged in batches to the shared store', () => {
  let database: string;
  let pool: Pool;
  let processes: SharedState[];
  const logger = createLogger('silent');
  const budgets = (points: number) => processes.map((p) => p.budget('batched', points, 60));
  const stored = async (caller: string) =>
    (await pool.query<{ points: number }>('select points from rate_limit where key = $1', [`batched:${caller}`])).rows[0]?.points ?? 0;
  const afterFlush = () => new Promise((resolve) => setTimeout(resolve, BUDGET_FLUSH_MS * 10));
  const granted = (budget: Budget, caller: string, points = 1) =>
    budget.consume(caller, points).then(
      () => true,
      (err) => {
        if (err instanceof RateLimiterRes) return false;
        throw err;
      },
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: urlFor(database), max: 1 });
    processes = await Promise.all([0, 1].map(() => openSharedState({ databaseUrl: urlFor(database), logger })));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.close()));
    await pool.end();
    await dropTestDatabase(database);
  });

  it('grants the first half of a budget at once and counts it in the store together, moments later', async () => {
    const [budget] = budgets(1_000);
    expect(await granted(budget, 'busy')).toBe(true); // a caller new to this process: the store is asked
    expect(await stored('busy')).toBe(1);
    const answers = await Promise.all(Array.from({ length: 100 }, () => granted(budget, 'busy')));
    expect(answers.every(Boolean)).toBe(true);
    expect(await stored('busy')).toBe(1);
    await afterFlush();
    expect(await stored('busy')).toBe(101);
  });

  it('gives a caller its budget once across two processes, exactly, and keeps refusing after', async () => {
    const points = 20;
    const [first, second] = budgets(points);
    const answers: boolean[] = [];
    for (let i = 0; i < 4 * points; i += 1) answers.push(await granted(i % 2 === 0 ? first : second, 'alternating'));
    expect(answers).toEqual([...Array<boolean>(points).fill(true), ...Array<boolean>(3 * points).fill(false)]);
  });

  it('sends what is pending when the process closes its shared state', async () => {
    const stopping = await openSharedState({ databaseUrl: urlFor(database), logger });
    const budget = stopping.budget('batched', 1_000, 60);
    await budget.consume('stopping', 1);
    for (let i = 0; i < 9; i += 1) await budget.consume('stopping', 2);
    expect(await stored('stopping')).toBe(1);
    await stopping.close();
    expect(await stored('stopping')).toBe(19);
  });
});
