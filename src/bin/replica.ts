import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { embeddedUrl } from '../db/embedded-postgres';
import { startStandby } from '../db/standby';

const EMBEDDED_DB_NAME = 'ishc_hub';
const USAGE = `usage: npm run replica -- [--port PORT] [--dir FOLDER] [--fresh]
  A streaming standby of the hub's embedded PostgreSQL (start the hub first). Defaults: port EMBEDDED_PG_PORT+1,
  folder DATA_DIR/pg-replica (kept: a second run restarts the same standby; --fresh copies the primary again).`;

/** Starts a read replica of the running hub's embedded database and runs it until Ctrl-C. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, dir: { type: 'string' }, fresh: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help) return console.log(USAGE);
  const config = loadConfig();
  if (config.databaseUrl) throw new Error('DATABASE_URL is set: `npm run replica` copies the embedded database only (make a standby of another server with its own tools).');
  const port = values.port ? Number(values.port) : config.embeddedPgPort + 1;
  const dataDir = path.resolve(values.dir ?? path.join(config.dataDir, 'pg-replica'));
  if (values.fresh) (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
  const standby = await startStandby({ primaryUrl: embeddedUrl(config.embeddedPgPort, 'postgres'), dataDir, port, persistent: true });
  console.log(`standby of 127.0.0.1:${config.embeddedPgPort} streaming on port ${port} (folder ${dataDir})`);
  console.log(`start the hub with DATABASE_REPLICA_URLS=${standby.url(EMBEDDED_DB_NAME)}`);
  const stop = async () => {
    await standby.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `replica: ${(err as Error).message}`);
  process.exit(1);
});
