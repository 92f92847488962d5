import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { ormConfig } from '../../src/db/orm.config';
import { loadReferenceUnits } from '../../src/modules/admin-unit/admin-unit.reference';

/**
 * A migrated database holding the official units, on an embedded PostgreSQL that is deleted afterwards:
 * what the benchmark and the national check seed into. `settings` are server settings for that server only.
 */
export async function withThrowawayDatabase<T>(fn: (url: string) => Promise<T>, settings?: Record<string, string>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-seed-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, settings });
  try {
    await ensureDatabase(pg.url('postgres'), 'demo');
    const orm = await MikroORM.init(ormConfig(pg.url('demo')));
    try {
      await orm.getMigrator().up();
      await loadReferenceUnits(orm.em.fork());
    } finally {
      await orm.close(true);
    }
    return await fn(pg.url('demo'));
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
