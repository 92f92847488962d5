import { Client } from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedPg, binaryPaths, embeddedUrl, makeReachableForPostgresUser, postgresUserIds, spawnPostmaster } from './embedded-postgres';

export interface StandbyOptions {
  /** A superuser connection to the primary (an embedded server on this machine: its folder is copied). */
  primaryUrl: string;
  /** The standby's own data directory; a standby already there is started as it is. */
  dataDir: string;
  port: number;
  /** false: the data directory is deleted on stop (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

/** What a base backup leaves out: the server's run files and WAL (the standby streams what it needs). */
const LEFT_OUT = new Set(['postmaster.pid', 'postmaster.opts', 'ishc-hub.owner']);
const EMPTIED = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp']);

/**
 * A streaming standby of a local PostgreSQL, made with the embedded binaries alone (they have no
 * pg_basebackup): the low-level backup API around a copy of the primary's folder, then standby.signal and
 * primary_conninfo. The primary needs wal_level=replica (PostgreSQL's default) and a replication line in
 * pg_hba.conf for 127.0.0.1 (initdb writes one).
 */
export async function startStandby(opts: StandbyOptions): Promise<EmbeddedPg & { dataDir: string }> {
  const { initdb, postgres } = await binaryPaths();
  const fresh = !fs.existsSync(path.join(opts.dataDir, 'standby.signal'));
  if (fresh) await baseBackup(opts);
  makeReachableForPostgresUser([initdb, opts.dataDir]);
  const logs: string[] = [];
  const server = await spawnPostmaster(postgres, opts, (line) => {
    logs.push(line);
    if (logs.length > 50) logs.shift();
    opts.onLog?.(line);
  }).catch((err: Error) => {
    throw new Error(`The standby did not start:\n${logs.join('').trim() || err.message}`);
  });
  const onExit = () => server.kill('SIGINT');
  process.once('exit', onExit);
  let stopped: Promise<void> | undefined;
  return {
    port: opts.port,
    dataDir: opts.dataDir,
    url: (database) => embeddedUrl(opts.port, database),
    stop() {
      stopped ??= (async () => {
        process.removeListener('exit', onExit);
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise((resolve) => server.once('exit', resolve));
          server.kill('SIGINT');
          await exited;
        }
        if (!opts.persistent) fs.rmSync(opts.dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

async function baseBackup(opts: StandbyOptions): Promise<void> {
  const primary = new Client({ connectionString: opts.primaryUrl });
  await primary.connect();
  try {
    const { rows } = await primary.query<{ data_directory: string }>('show data_directory');
    const source = rows[0].data_directory;
    fs.rmSync(opts.dataDir, { recursive: true, force: true });
    // The backup must start and stop in one session; fast: an immediate checkpoint.
    await primary.query(`select pg_backup_start('ishc-hub standby', true)`);
    try {
      fs.cpSync(source, opts.dataDir, {
        recursive: true,
        filter: (from) => {
          const relative = path.relative(source, from);
          const [top, ...below] = relative.split(path.sep);
          if (below.length === 0 && LEFT_OUT.has(top)) return false;
          return !(EMPTIED.has(top) && below.length > 0);
        },
      });
    } finally {
      const stop = await primary.query<{ labelfile: string; spcmapfile: string | null }>('select labelfile, spcmapfile from pg_backup_stop(false)');
      fs.writeFileSync(path.join(opts.dataDir, 'backup_label'), stop.rows[0].labelfile);
      if (stop.rows[0].spcmapfile) fs.writeFileSync(path.join(opts.dataDir, 'tablespace_map'), stop.rows[0].spcmapfile);
    }
    const { hostname: host, port, username: user, password } = new URL(opts.primaryUrl);
    const conninfo = `host=${host === 'localhost' ? '127.0.0.1' : host} port=${port || 5432} user=${decodeURIComponent(user)} password=${decodeURIComponent(password)} application_name=ishc-standby`;
    fs.appendFileSync(path.join(opts.dataDir, 'postgresql.auto.conf'), `\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nhot_standby = on\n`);
    fs.writeFileSync(path.join(opts.dataDir, 'standby.signal'), '');
    const owner = postgresUserIds();
    if ('uid' in owner) chownTree(opts.dataDir, owner.uid, owner.gid);
    fs.chmodSync(opts.dataDir, 0o700);
  } catch (err) {
    fs.rmSync(opts.dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    await primary.end();
  }
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else fs.lchownSync(full, uid, gid);
  }
}
