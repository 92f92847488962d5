import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { Client } from 'pg';
import { binaryPaths, EmbeddedPg, freePort, postgresUserIds, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { ormConfig } from '../../src/db/orm.config';
import { startStandby } from '../../src/db/standby';
import { loadReferenceUnits } from '../../src/modules/admin-unit/admin-unit.reference';

const DB = 'hub';

/**
 * A primary of its own (the run's shared server is not copied: it holds every test file's database) with
 * the hub's schema and units, and a streaming standby of it that can be stopped, started and paused.
 */
export interface ReplicatedDatabase {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the standby as a superuser (pausing replay, reading its position). */
  onStandby<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  /** Waits until the standby has replayed everything the primary has flushed. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplicatedDatabase(): Promise<ReplicatedDatabase> {
  const primaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-primary-'));
  await initdb(primaryDir);
  const primary: EmbeddedPg = await startEmbeddedPostgres({ dataDir: primaryDir, port: await freePort(), persistent: false });
  const query = async <T,>(url: string, sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const standbyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-standby-'));
  const standbyPort = await freePort();
  const launch = () => startStandby({ primaryUrl: primary.url('postgres'), dataDir: standbyDir, port: standbyPort, persistent: true });
  let standby: Awaited<ReturnType<typeof launch>> | null = null;
  try {
    await query(primary.url('postgres'), `create database ${DB}`);
    const orm = await MikroORM.init(ormConfig(primary.url(DB)));
    try {
      await orm.getMigrator().up();
      await loadReferenceUnits(orm.em.fork());
    } finally {
      await orm.close(true);
    }
    standby = await launch();
  } catch (err) {
    fs.rmSync(standbyDir, { recursive: true, force: true });
    await primary.stop();
    throw err;
  }
  return {
    primaryUrl: primary.url(DB),
    replicaUrl: standby.url(DB),
    onStandby: (sql) => query(standby!.url('postgres'), sql),
    async stopStandby() {
      await standby?.stop();
      standby = null;
    },
    async startStandby() {
      standby = await launch();
    },
    async caughtUp() {
      const [{ position }] = await query<{ position: string }>(primary.url('postgres'), 'select pg_current_wal_flush_lsn()::text as position');
      for (let i = 0; i < 200; i++) {
        const [{ behind }] = await query<{ behind: boolean }>(standby!.url('postgres'), `select pg_last_wal_replay_lsn() < '${position}'::pg_lsn as behind`);
        if (!behind) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the standby did not catch up within 5 s');
    },
    async stop() {
      await standby?.stop();
      fs.rmSync(standbyDir, { recursive: true, force: true });
      await primary.stop();
    },
  };
}

/**
 * A new cluster in dir. The launcher creates one through the embedded-postgres library, which is ESM-only and
 * cannot be imported in a jest test file; the run's global setup has already created the `postgres` user.
 */
async function initdb(dir: string): Promise<void> {
  const { initdb: binary } = await binaryPaths();
  const ids = postgresUserIds();
  const passwordFile = path.join(dir, '..', `${path.basename(dir)}.pw`);
  fs.writeFileSync(passwordFile, 'postgres\n', { mode: 0o644 });
  if ('uid' in ids) fs.chownSync(dir, ids.uid, ids.gid);
  try {
    execFileSync(binary, ['-D', dir, '-U', 'postgres', '--auth=password', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], {
      ...ids,
      stdio: 'ignore',
    });
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

/** A logger whose lines the test can read (warnings about skipped replicas). */
export function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}
