import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts the SQL statements each HTTP request sends, for its log line and the benchmarks. */
export interface StatementCounter {
  statements: number;
}

const scope = new AsyncLocalStorage<StatementCounter>();

/** Runs fn (and everything it starts) counting into counter. */
export function countStatements<T>(counter: StatementCounter, fn: () => T): T {
  return scope.run(counter, fn);
}

/** Called by the ORM for every statement; outside a counted scope it does nothing. */
export function recordStatement(): void {
  const counter = scope.getStore();
  if (counter) counter.statements += 1;
}

export function statementCount(): number | undefined {
  return scope.getStore()?.statements;
}
