import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import { openAnalyticsPool } from '../../src/db/database';
import { ormConfig } from '../../src/db/orm.config';
import { createLogger } from '../../src/logger';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { createApiKey, NewKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { createHubServer, HubOptions, HubServer } from '../../src/server';
import { createTestDatabase, dropTestDatabase, urlFor } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

/** A running hub over HTTP on a database of the test file's own, with a counter of SQL statements. */
export interface TestHub {
  url: string;
  /** The test file's own database, for command-line tools under test. */
  databaseUrl: string;
  orm: MikroORM;
  units: UnitDirectory;
  /** An ADMIN key, sent by graphql() and operation() unless another key (or null: none) is given. */
  adminKey: string;
  /** Issues a key for a role (and scope) through the same code as `npm run keys`. */
  key(role: Role, scope?: { structure: AdminStructure; code: string }, extra?: Partial<NewKey>): Promise<string>;
  /** Statements sent to PostgreSQL since reset(), without API-key lookups (counted apart in keyLookups). */
  sql: { count: number; statements: string[]; keyLookups: number; reset(): void };
  /** Posts a GraphQL request as a client would. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<T>>;
  /** Runs a named operation from schema/operations/<file>. */
  operation<T = Record<string, any>>(file: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', 'schema', 'operations');

export async function startTestHub(options: Partial<Omit<HubOptions, 'orm' | 'analytics' | 'units' | 'logger'>> = {}): Promise<TestHub> {
  const database = await createTestDatabase();
  const sql = {
    count: 0,
    statements: [] as string[],
    keyLookups: 0,
    reset() {
      this.count = 0;
      this.statements = [];
      this.keyLookups = 0;
    },
  };
  // Authentication is one indexed key lookup per keyed request; it is not part of what a query costs.
  const onQuery = (statement: string) => {
    if (statement.includes('"api_key"')) {
      sql.keyLookups += 1;
      return;
    }
    sql.count += 1;
    sql.statements.push(statement);
  };
  const orm = await MikroORM.init(ormConfig(urlFor(database), { poolMax: 5, onQuery }));
  // The analytics pool as the hub's settings size it, counted with the rest.
  const analytics = await openAnalyticsPool(urlFor(database), options.config ?? loadConfig({}), onQuery);
  const units = await UnitDirectory.load(orm.em.fork());
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const key = async (role: Role, scope?: { structure: AdminStructure; code: string }, extra: Partial<NewKey> = {}) =>
    (await createApiKey(orm.em.fork(), units, { organisation: `Test ${role}`, role, scope, ...extra })).key;
  const adminKey = await key(Role.ADMIN);
  let server: HubServer;
  try {
    server = await createHubServer({ orm, analytics, units, logger, ...options });
  } catch (err) {
    await analytics.close(true);
    await orm.close(true);
    throw err;
  }
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;

  const graphql = async <T,>(query: string, variables?: Record<string, unknown>, as: string | null = adminKey): Promise<GraphQLResponse<T>> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(as ? { authorization: `Bearer ${as}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: res.status, ...body };
  };

  return {
    url,
    databaseUrl: urlFor(database),
    orm,
    units,
    adminKey,
    key,
    sql,
    graphql,
    operation: (file, variables, as) => graphql(fs.readFileSync(path.join(OPERATIONS_DIR, file), 'utf8'), variables, as),
    async stop() {
      await server.stop();
      await analytics.close(true);
      await orm.close(true);
      await dropTestDatabase(database);
    },
  };
}
