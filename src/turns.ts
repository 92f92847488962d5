import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long loops (an upload's rows, an indicator table's cells) give the event loop a turn every so often, so that
 * other requests (and health checks) are served meanwhile. A turn costs a few microseconds.
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

/**
 * A long list as GraphQL should execute it without holding the event loop: the first `size` items as they are,
 * then each further slice behind one more turn of the event loop (setImmediate). graphql-js completes a list
 * item that is a promise once it settles, so each slice's subtrees execute in a turn of their own, and other
 * requests (a health check, a simple query) are answered between slices rather than after the whole list.
 */
export function listInTurns<T>(items: readonly T[], size = ROWS_PER_TURN): ReadonlyArray<T | Promise<T>> {
  if (items.length <= size) return items;
  const out: Array<T | Promise<T>> = items.slice(0, size);
  let turn = Promise.resolve();
  for (let start = size; start < items.length; start += size) {
    turn = turn.then(() => nextTurn());
    const slice = turn;
    for (const item of items.slice(start, start + size)) out.push(slice.then(() => item));
  }
  return out;
}
