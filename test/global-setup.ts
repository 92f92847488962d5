import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MetadataStorage } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { EmbeddedPg, ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { loadReferenceUnits } from '../src/modules/admin-unit/admin-unit.reference';
import { TEMPLATE_DB, urlFor } from './support/database';
import { prepareWebRun } from './support/web-run';

/**
 * One PostgreSQL per test run: the embedded one (or DATABASE_URL's server), with a template database that is
 * migrated and holds the official units. Every test file clones it into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedPg | undefined;
  if (!adminUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    adminUrl = embedded.url('postgres');
  }
  (globalThis as Record<string, unknown>).__ISHC_EMBEDDED_PG__ = embedded;
  prepareWebRun();
  process.env.ISHC_TEST_ADMIN_URL = adminUrl;

  const { Client } = await import('pg');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${TEMPLATE_DB}" with (force)`);
  await admin.end();
  await ensureDatabase(adminUrl, TEMPLATE_DB);

  const orm = await MikroORM.init(ormConfig(urlFor(TEMPLATE_DB)));
  try {
    await orm.getMigrator().up();
    await loadReferenceUnits(orm.em.fork());
  } finally {
    await orm.close(true);
    // When jest runs a single file in this same process, the test's own copies of the entity classes must
    // register fresh metadata: entries left from here belong to another module realm.
    MetadataStorage.clear();
  }
}
