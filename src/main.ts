import 'reflect-metadata';
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { ApiKey } from './auth/api-key.entity';
import { createApiKey } from './auth/api-keys';
import { Role } from './auth/viewer';
import { Config, ConfigError, loadConfig } from './config';
import { ScaleName, seedDemo } from '../seeds/demo';
import { Database, openDatabase } from './db/database';
import { createLogger, Logger } from './logger';
import { loadReferenceUnits } from './modules/admin-unit/admin-unit.reference';
import { UnitDirectory } from './modules/admin-unit/unit-directory';
import { announceListening, runPrimary, tagResponses } from './runtime/cluster';
import { createHubServer } from './server';

/**
 * Process entry: config → database (DATABASE_URL or embedded) → migrations → reference units → HTTP. With
 * HUB_WORKERS > 1 this process becomes the cluster primary (src/runtime/cluster.ts): it prepares the database
 * once, and its workers, which run this same entry, only serve.
 */
/**
 * The old generation may grow to 1.5 × what the last full collection kept, not the 2–4 × V8 allows a heap that
 * collects cheaply: under 10 connections of 100 kB answers the hub's RSS stayed near 200 MB instead of 340 MB
 * (bench:api). V8 reads the factor at each collection, so setting it here, before any load, is enough. The young
 * generation's size V8 fixes when it starts: `npm start` passes it on the command line (package.json,
 * config.hubNodeFlags), and the workers inherit it.
 */
const HEAP_GROWING_PERCENT = 50;

async function main(): Promise<void> {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const processLogger = createLogger(config.logLevel, config.logFile);
  if (cluster.isPrimary && config.workers > 1) {
    return runPrimary(config, processLogger, (db) => prepareDatabase(db, config, processLogger));
  }
  const worker = cluster.worker;
  const logger = worker ? processLogger.child({ worker: worker.id }) : processLogger;

  // The hub owns its shutdown (the embedded database's library hooks are removed): stop accepting, let
  // requests in flight finish (SHUTDOWN_DRAIN_MS), close the pool, and only then stop PostgreSQL.
  const opening = openDatabase(config, logger, { migrate: !worker });
  let server: Awaited<ReturnType<typeof createHubServer>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests in flight');
    await server?.stop().catch((err) => logger.error({ err }, 'error while stopping the HTTP server'));
    const db = await opening.catch(() => undefined);
    await db?.close().catch((err) => logger.error({ err }, 'error while closing the database'));
    logger.info('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

  const db = await opening;
  try {
    // A worker's primary has prepared the database.
    const units = worker ? await UnitDirectory.load(db.orm.em.fork()) : await prepareDatabase(db, config, logger);
    server = await createHubServer({ orm: db.orm, analytics: db.analytics, units, logger, config, replicas: db.replicas });
    if (worker) tagResponses(server.httpServer, worker.id);
    const port = await server.listen(config.port, config.host);
    if (worker) announceListening(port);
    else logger.info({ url: `http://localhost:${port}/graphql` }, 'ISHC hub ready: open /graphql in a browser for GraphiQL');
  } catch (err) {
    if (stopping) return; // the shutdown closes the database and ends the process
    await db.close().catch(() => undefined);
    throw err;
  }
}

/** What runs once per start, before any request: reference units, demo data, the local ADMIN key. */
async function prepareDatabase(db: Database, config: Config, logger: Logger): Promise<UnitDirectory> {
  const reference = await loadReferenceUnits(db.orm.em.fork());
  if (reference.loaded) logger.info(reference, 'loaded the official administrative units');
  if (config.demoSeed !== 'none') await loadDemoData(db, config.demoSeed, logger);
  const units = await UnitDirectory.load(db.orm.em.fork());
  if (db.embedded) await issueLocalAdminKey(db, units, config.dataDir, logger);
  return units;
}

/** How long the first-start ADMIN key lives: long enough to try the hub, short enough not to linger. */
const LOCAL_ADMIN_KEY_DAYS = 30;

/**
 * On the embedded (local) database only, the first start issues an ADMIN key so that a newcomer can try
 * everything in GraphiQL. The key goes to an owner-only file under the data folder, never to the log (logs
 * are read by more people and kept longer); the log names the file. An external DATABASE_URL never gets
 * one: use `npm run keys`.
 */
async function issueLocalAdminKey(db: Database, units: UnitDirectory, dataDir: string, logger: Logger): Promise<void> {
  const em = db.orm.em.fork();
  if ((await em.count(ApiKey, {})) > 0) return;
  const expiresAt = new Date(Date.now() + LOCAL_ADMIN_KEY_DAYS * 86_400_000);
  const { key } = await createApiKey(em, units, { organisation: 'local development', role: Role.ADMIN, expiresAt });
  const file = path.join(dataDir, 'local-admin-key');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  logger.info(
    { file, expiresAt: expiresAt.toISOString() },
    'issued a local ADMIN key, saved in the file named here (owner-only): in GraphiQL, open Headers and paste {"Authorization": "Bearer <key>"}',
  );
}

/** The demo data, on a database that holds no clubs yet (a first start); otherwise nothing. */
async function loadDemoData(db: Database, scale: ScaleName, logger: Logger): Promise<void> {
  const result = await seedDemo(db.orm.config.get('clientUrl')!, {
    scale,
    log: (message, details) => logger.info(details ?? {}, message),
  });
  if (!result.seeded) {
    logger.debug({ reason: result.reason }, 'demo data not loaded');
    return;
  }
  logger.info({ scale, clubs: result.clubs, rows: result.totalRows, seconds: Math.round(result.seconds * 10) / 10 }, 'loaded the demo data');
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const hint = (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (set PORT to a free port)' : '';
  console.error(`ishc-hub could not start: ${message}${hint}`);
  process.exit(1);
});
