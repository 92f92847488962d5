import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long loops over an upload's rows give the event loop a turn every so often, so that other requests (and
 * health checks) are served while a 20,000-row file is checked. A turn costs a few microseconds.
 */
export const ROWS_PER_TURN = 500;

export { nextTurn };

export async function eachInTurns<T>(items: readonly T[], work: (item: T, index: number) => unknown, perTurn = ROWS_PER_TURN): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % perTurn === 0) await nextTurn();
    work(items[i], i);
  }
}

export async function mapInTurns<T, U>(items: readonly T[], work: (item: T, index: number) => U, perTurn = ROWS_PER_TURN): Promise<U[]> {
  const out: U[] = [];
  await eachInTurns(items, (item, i) => out.push(work(item, i)), perTurn);
  return out;
}

/** Keys looked up per statement: building a statement of 20,000 values, and hydrating its rows, takes a while. */
export const KEYS_PER_STATEMENT = 1000;

/** Runs a lookup over many keys in batches, with a turn of the event loop between them. */
export async function findInBatches<K, R>(keys: readonly K[], find: (batch: K[]) => Promise<R[]>, perBatch = KEYS_PER_STATEMENT): Promise<R[]> {
  const found: R[] = [];
  for (let i = 0; i < keys.length; i += perBatch) {
    if (i > 0) await nextTurn();
    found.push(...(await find(keys.slice(i, i + perBatch))));
  }
  return found;
}
