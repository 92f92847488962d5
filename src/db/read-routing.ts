import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * Where one request's reads go. Writes and everything inside a transaction always go to the primary
 * (MikroORM asks for the 'write' connection there); reads outside transactions ask for 'read', which is
 * the replica picked for the request, or the primary when none was picked or the request has written.
 */
export interface ReadRoute {
  /** Index into DATABASE_REPLICA_URLS, or null: the primary. */
  replica: number | null;
  /** Set after the request's first commit: the position its response carries. */
  commitPosition?: bigint;
  /** The response that carries the commit position header. */
  response?: ServerResponse;
}

export const COMMIT_POSITION_HEADER = 'x-commit-position';

const routes = new AsyncLocalStorage<ReadRoute>();

/** Runs fn (and everything it starts) with this route. */
export function withReadRoute<T>(route: ReadRoute, fn: () => T): T {
  return routes.run(route, fn);
}

export function currentReadRoute(): ReadRoute | undefined {
  return routes.getStore();
}

/** From here on, the request reads from the primary (a mutation, or after its own write). */
export function pinToPrimary(): void {
  const route = routes.getStore();
  if (route) route.replica = null;
}

type ReplicaFailureListener = (replica: number, reason: string) => void;
const failureListeners = new Set<ReplicaFailureListener>();

/** Called when a statement finds a replica unreachable (the monitor skips it until its next good reading). */
export function onReplicaFailure(listener: ReplicaFailureListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** Errors that say the server is gone or going, not that the statement is wrong. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string };
  return CONNECTION_CODES.has(e.code ?? '') || e.name === 'KnexTimeoutError' || /Connection terminated|connection ended unexpectedly/i.test(e.message ?? '');
}

/** The driver MikroORM uses when replicas are configured: 'read' connections follow the request's route. */
export class RoutedPostgreSqlDriver extends PostgreSqlDriver {
  constructor(config: ConstructorParameters<typeof PostgreSqlDriver>[0]) {
    super(config);
    // A read that finds its replica gone (restarted, failed) runs again on the primary: a statement outside a
    // transaction that only reads can be repeated, and the request is answered instead of failing. The rest
    // of the request reads from the primary, and every request after it until the monitor sees the replica back.
    this.replicas.forEach((replica, index) => {
      const execute = replica.execute.bind(replica);
      replica.execute = (async (...args: Parameters<typeof execute>) => {
        try {
          return await execute(...args);
        } catch (err) {
          if (!isConnectionFailure(err)) throw err;
          pinToPrimary();
          for (const listener of failureListeners) listener(index, (err as Error).message);
          return this.connection.execute(...args);
        }
      }) as typeof execute;
    });
  }

  override getConnection(type: 'read' | 'write' = 'write') {
    if (type === 'read' && this.replicas.length > 0) {
      const replica = routes.getStore()?.replica;
      // Outside a request (start-up, scripts) there is no route: the primary.
      if (replica !== null && replica !== undefined && this.replicas[replica]) return this.replicas[replica];
    }
    return this.connection;
  }
}

/**
 * After a request's transaction commits, its later reads go to the primary and its response carries the
 * primary's WAL insert position: at or past the commit record, so a replica that has replayed that far
 * shows the write.
 */
export class CommitPositionSubscriber implements EventSubscriber {
  async afterTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const route = routes.getStore();
    if (!route) return;
    route.replica = null;
    const [row] = await args.em.getConnection('write').execute<Array<{ lsn: string }>>('select pg_current_wal_insert_lsn()::text as lsn');
    const position = parseLsn(row.lsn)!;
    if (route.commitPosition === undefined || position > route.commitPosition) route.commitPosition = position;
    if (route.response && !route.response.headersSent) route.response.setHeader(COMMIT_POSITION_HEADER, formatLsn(route.commitPosition));
  }
}

/** PostgreSQL's text form of a WAL position ('16/B374D848') as a number; null when it is not one. */
export function parseLsn(text: string | undefined | null): bigint | null {
  const match = typeof text === 'string' ? /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim()) : null;
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(position: bigint): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}
