import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { DefaultLogger, LoggerNamespace, LoggerOptions } from '@mikro-orm/core';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities';
import { CommitPositionSubscriber, RoutedPostgreSqlDriver } from './read-routing';

const runningTs = __filename.endsWith('.ts');

/** MikroORM options for one database URL; migrations live beside this file (src/ under ts, dist/ when built). */
export function ormConfig(
  clientUrl: string,
  opts: {
    poolMax?: number;
    statementTimeoutMs?: number;
    acquireTimeoutMs?: number;
    onQuery?: (sql: string) => void;
    writeSnapshot?: boolean;
    /** Read replicas: reads outside transactions follow the request's route (see read-routing.ts). */
    replicaUrls?: string[];
  } = {},
): Options {
  const { onQuery } = opts;
  const replicaUrls = opts.replicaUrls ?? [];
  return defineConfig({
    clientUrl,
    ...(replicaUrls.length > 0
      ? {
          driver: RoutedPostgreSqlDriver,
          replicas: replicaUrls.map((url) => ({ clientUrl: url })),
          preferReadReplicas: true,
          subscribers: [new CommitPositionSubscriber()],
        }
      : {}),
    entities: ENTITIES,
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUndefined: false,
    // With onQuery (tests count statements), every query is reported to it instead of being logged.
    debug: onQuery ? ['query'] : false,
    loggerFactory: onQuery ? (options) => new QueryListener(options, onQuery) : undefined,
    pool: { min: 0, max: opts.poolMax ?? 10 },
    // No statement may hold a connection for long, whatever a query asks for; nor wait long for one, if asked.
    driverOptions: {
      // knex prints a lost connection to the console; with replicas that is a replica restarting, which the
      // replica monitor reports (read-routing.ts answers the read from the primary).
      ...(replicaUrls.length > 0 ? { log: { warn: () => undefined, error: () => undefined } } : {}),
      ...(opts.statementTimeoutMs ? { connection: { statement_timeout: opts.statementTimeoutMs } } : {}),
      ...(opts.acquireTimeoutMs ? { acquireConnectionTimeout: opts.acquireTimeoutMs } : {}),
    },
    migrations: {
      path: path.join(__dirname, 'migrations'),
      glob: runningTs ? '!(*.d).ts' : '*.js',
      transactional: true,
      allOrNothing: true,
      // MikroORM rewrites the snapshot from the database after every `up`; only `migration:create` may
      // write the committed file, so the running hub and the tests never touch it.
      snapshot: opts.writeSnapshot ?? false,
      snapshotName: '.snapshot-ishc-hub',
      silent: true,
      emit: 'ts',
    },
  });
}

class QueryListener extends DefaultLogger {
  constructor(options: LoggerOptions, private readonly onQuery: (sql: string) => void) {
    super(options);
  }

  override log(namespace: LoggerNamespace, message: string): void {
    if (namespace === 'query') this.onQuery(message);
  }
}
