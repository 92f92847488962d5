import { MikroORM } from '@mikro-orm/postgresql';
import { Config } from '../config';
import { Logger } from '../logger';
import { EmbeddedPg, ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { ormConfig } from './orm.config';
import { ReplicaMonitor } from './replica-monitor';
import { recordStatement } from './statement-counter';
import path from 'node:path';

export interface Database {
  orm: MikroORM;
  /** The analytics pool on the same database (see openAnalyticsPool). */
  analytics: MikroORM;
  /** The embedded server, when the hub started one. */
  embedded?: EmbeddedPg;
  /** Watches DATABASE_REPLICA_URLS, when there are any: requests are routed from its readings. */
  replicas?: ReplicaMonitor;
  /** The database's URL (with its credentials), for worker processes and listening connections. */
  url: string;
  close(): Promise<void>;
  /** Closes both pools and leaves the embedded server running (the cluster primary hands it to its workers). */
  closePools(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'ishc_hub';

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR, then applies pending migrations
 * (unless `migrate` is false: cluster workers, whose primary has applied them).
 */
export async function openDatabase(config: Config, logger: Logger, opts: { reuseRunning?: boolean; migrate?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedPg | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const dataDir = path.join(config.dataDir, 'pg');
    logger.info({ dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.embeddedPgPort,
      persistent: true,
      reuseRunning: opts.reuseRunning,
      onNotice: (message) => logger.warn(message),
    });
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DB_NAME);
    url = embedded.url(EMBEDDED_DB_NAME);
  }
  // Statements are reported (and MikroORM formats a log message for each) only when they are counted.
  const onQuery = config.exposeSqlCount ? recordStatement : undefined;
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(
      ormConfig(url, { poolMax: config.dbPoolMax, statementTimeoutMs: config.dbStatementTimeoutMs, onQuery, replicaUrls: config.replicas.urls }),
    );
    await orm.em.getConnection().execute('select 1');
  } catch (err) {
    await embedded?.stop();
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  try {
    const applied = opts.migrate === false ? [] : await orm.getMigrator().up();
    if (applied.length > 0) {
      logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
      // Migrations that rebuild the monthly club states or build indexes cannot vacuum (they run in a transaction);
      // indicator statements and member pages read by index-only scans, which need the visibility map a vacuum sets.
      await orm.em.getConnection().execute('vacuum (analyze) club_month, member');
    }
  } catch (err) {
    await orm.close(true);
    await embedded?.stop();
    throw err;
  }
  let analytics: MikroORM;
  try {
    analytics = await openAnalyticsPool(url, config, onQuery);
  } catch (err) {
    await orm.close(true);
    await embedded?.stop();
    throw err;
  }
  let replicas: ReplicaMonitor | undefined;
  if (config.replicas.urls.length > 0) {
    replicas = new ReplicaMonitor(url, config.replicas, logger);
    await replicas.start();
  }
  const closePools = async () => {
    await replicas?.stop();
    // Called after the HTTP drain: a write still running (an import cut short) loses its connection, so its
    // transaction rolls back, instead of holding the close (which waits for every connection in use) until it ends.
    endConnectionsInUse(analytics);
    endConnectionsInUse(orm);
    await analytics.close(true);
    await orm.close(true);
  };
  return {
    orm,
    analytics,
    embedded,
    replicas,
    url,
    closePools,
    async close() {
      await closePools();
      await embedded?.stop();
    },
  };
}

/** Ends the pool's connections that are in use; their statements fail and PostgreSQL rolls their transactions back. */
function endConnectionsInUse(orm: MikroORM): void {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: { used?: Array<{ resource?: { end?: () => Promise<void> } }> } }).pool;
  for (const used of pool?.used ?? []) used.resource?.end?.().catch(() => undefined);
}

/**
 * A second, small pool for indicator tables and exports, with its own statement timeout: however many heavy
 * reads run, writes, key checks and /healthz keep the main pool's connections.
 */
export function openAnalyticsPool(url: string, config: Pick<Config, 'analytics'> & Partial<Pick<Config, 'replicas'>>, onQuery?: (sql: string) => void): Promise<MikroORM> {
  const { poolMax, statementTimeoutMs, acquireTimeoutMs } = config.analytics;
  return MikroORM.init(ormConfig(url, { poolMax, statementTimeoutMs, acquireTimeoutMs, onQuery, replicaUrls: config.replicas?.urls }));
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]*)@/, '//$1:***@');
}
