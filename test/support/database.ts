import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Migrated, with the official units, built once per run by the global setup. */
export const TEMPLATE_DB = 'ishc_test_template';

function adminUrl(): string {
  const url = process.env.ISHC_TEST_ADMIN_URL;
  if (!url) throw new Error('ISHC_TEST_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database of the test file's own, cloned from the template (a file copy: tens of milliseconds). */
export async function createTestDatabase(): Promise<string> {
  const name = `ishc_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${name}" template "${TEMPLATE_DB}"`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
}
