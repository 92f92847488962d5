import cluster, { Worker } from 'node:cluster';
import http from 'node:http';
import { Config } from '../config';
import { Database, openDatabase } from '../db/database';
import { Logger } from '../logger';

/**
 * HUB_WORKERS > 1: this process is the primary of a node:cluster. It prepares the database once (the embedded
 * server, migrations, reference units, demo data, the local key), then forks the workers, which share the port
 * and serve every request. A worker that exits is replaced; on SIGTERM/SIGINT/SIGHUP every worker drains its
 * requests in flight, and only when the last has exited does the primary stop the embedded PostgreSQL.
 */

/** What a worker sends its primary once it accepts requests. */
const LISTENING = 'ishc-hub:listening';
/** More unexpected worker exits than this within a minute: they cannot run (a broken database, a fault at start). */
const MAX_EXITS_PER_MINUTE = 5;
/** Past SHUTDOWN_DRAIN_MS, how long a worker may take to close its pools before it is killed. */
const CLOSE_GRACE_MS = 10_000;

export async function runPrimary(config: Config, logger: Logger, prepare: (db: Database) => Promise<unknown>): Promise<void> {
  const opening = openDatabase(config, logger);
  let poolsOpen = true;
  let stopping = false;
  let ready = false;
  const alive = new Map<number, Worker>();
  const listening = new Set<number>();
  const exits: number[] = [];
  let lastExit: () => void = () => undefined;
  let workerEnv: Record<string, string> = {};

  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason, workers: alive.size }, 'stopping: draining requests in flight');
    if (alive.size > 0) {
      const allExited = new Promise<void>((resolve) => (lastExit = resolve));
      for (const worker of alive.values()) worker.process.kill('SIGTERM');
      const overdue = setTimeout(() => {
        for (const worker of alive.values()) {
          logger.error({ worker: worker.id, pid: worker.process.pid }, 'a worker did not stop in time; killing it');
          worker.process.kill('SIGKILL');
        }
      }, config.shutdownDrainMs + CLOSE_GRACE_MS);
      await allExited;
      clearTimeout(overdue);
      logger.info('every worker has stopped');
    }
    const db = await opening.catch(() => undefined);
    if (poolsOpen) await db?.close().catch((err) => logger.error({ err }, 'error while closing the database'));
    else await db?.embedded?.stop().catch((err) => logger.error({ err }, 'error while stopping PostgreSQL'));
    logger.info('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));

  const fork = () => {
    const worker = cluster.fork(workerEnv);
    alive.set(worker.id, worker);
    worker.on('message', (message: { type?: string; port?: number }) => {
      if (message?.type !== LISTENING) return;
      listening.add(worker.id);
      logger.info({ worker: worker.id, pid: worker.process.pid }, 'worker listening');
      if (ready || listening.size < config.workers) return;
      ready = true;
      logger.info(
        { url: `http://localhost:${message.port}/graphql`, workers: config.workers },
        'ISHC hub ready: open /graphql in a browser for GraphiQL',
      );
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker.id);
    listening.delete(worker.id);
    if (stopping) {
      if (alive.size === 0) lastExit();
      return;
    }
    const details = { worker: worker.id, pid: worker.process.pid, code, signal };
    if (!ready) {
      logger.error(details, 'a worker could not start');
      void stop('a worker could not start', 1);
      return;
    }
    const now = Date.now();
    exits.push(now);
    while (exits[0] <= now - 60_000) exits.shift();
    if (exits.length > MAX_EXITS_PER_MINUTE) {
      logger.error({ ...details, exitsInLastMinute: exits.length }, 'workers keep exiting: stopping the hub');
      void stop('workers keep exiting', 1);
      return;
    }
    logger.warn(details, 'a worker exited; starting another');
    fork();
  });

  const db = await opening;
  try {
    await prepare(db);
    if (stopping) return;
    // Workers open pools of their own; the primary keeps only the embedded server.
    await db.closePools();
    poolsOpen = false;
  } catch (err) {
    if (stopping) return;
    await db.close().catch(() => undefined);
    throw err;
  }
  if (stopping) return;
  workerEnv = { DATABASE_URL: db.url };
  for (let i = 0; i < config.workers; i += 1) fork();
}

/** In a worker: tells the primary that it accepts requests (the primary logs the hub ready once all do). */
export function announceListening(port: number): void {
  process.send?.({ type: LISTENING, port });
}

/** Every response names the worker that served it (x-hub-worker), as its log lines do (`worker`). */
export function tagResponses(httpServer: http.Server, workerId: number): void {
  httpServer.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => res.setHeader('x-hub-worker', String(workerId)));
}
