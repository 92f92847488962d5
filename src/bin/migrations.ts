import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../db/embedded-postgres';
import { ormConfig } from '../db/orm.config';

/**
 * `create`: writes a migration for the difference between the entities and the committed snapshot.
 * `check`: exits 1 when the entities differ from the schema the migrations build (CI drift check).
 * `snapshot`: rewrites the committed snapshot from the entities — after a merge of branches that each changed it;
 * `check` then proves the migrations still build that schema.
 * Both run against a throwaway embedded PostgreSQL, because MikroORM's migrator needs a live database.
 */
async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'create' && command !== 'check' && command !== 'snapshot') {
    console.error('usage: migrations (create|check|snapshot)');
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-migrations-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  let orm: MikroORM | undefined;
  try {
    await ensureDatabase(pg.url('postgres'), 'migrations');
    orm = await MikroORM.init(ormConfig(pg.url('migrations'), { writeSnapshot: command !== 'check' }));
    const migrator = orm.getMigrator();
    if (command === 'snapshot') {
      // storeCurrentSchema is the migrator's own snapshot writer (the target schema of the entities).
      await (migrator as unknown as { storeCurrentSchema(): Promise<void> }).storeCurrentSchema();
      console.log('snapshot written from the entities');
      return;
    }
    await migrator.up();
    if (command === 'create') {
      const result = await migrator.createMigration(undefined, false, false, process.argv[3]);
      console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
    } else {
      const needed = await migrator.checkMigrationNeeded();
      console.log(needed ? 'the entities differ from the last migration: run npm run migration:create' : 'migrations are current');
      process.exitCode = needed ? 1 : 0;
    }
  } finally {
    await orm?.close(true);
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
