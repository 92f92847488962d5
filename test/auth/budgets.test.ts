import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/auth/viewer';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import { ormConfig } from '../../src/db/orm.config';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/** Sends a query and checks it was refused as too complex before any SQL ran. */
async function refused(query: string, budget: string) {
  hub.sql.reset();
  const res = await hub.graphql(query);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', budget });
  expect(hub.sql.count).toBe(0);
  return res;
}

describe('query budgets, checked before execution', () => {
  it('refuses a deep query', async () => {
    const deep = `{ nation { provinces { districts { communes { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } }`;
    const res = await refused(deep, 'depth');
    expect(res.errors![0].extensions).toMatchObject({ limit: 10, figure: 11 });
    expect(res.errors![0].message).toBe('Query depth 11 exceeds the limit of 10');
  });

  it('refuses an alias flood', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: nation { code }`).join(' ');
    const res = await refused(`{ ${aliases} }`, 'aliases');
    expect(res.errors![0].extensions).toMatchObject({ limit: 15, figure: 16 });
  });

  it('refuses wide pagination whose product of page sizes is too large', async () => {
    const res = await refused('{ clubs(first: 100) { edges { node { members(first: 100) { edges { node { id sex } } } } } } }', 'nodes');
    expect(res.errors![0].extensions!.figure).toBeGreaterThan(20_000);
    expect(res.errors![0].extensions!.limit).toBe(20_000);
  });

  it('refuses a token flood', async () => {
    const fields = Array.from({ length: 1100 }, () => 'code name').join(' ');
    const res = await refused(`{ nation { ${fields} } }`, 'tokens');
    expect(res.errors![0].extensions!.limit).toBe(2000);
  });

  it('refuses repeated fragments that multiply the cost', async () => {
    const query = `
      fragment M on Member { id sex joinedOn boardRole }
      fragment C on Club { code name members(first: 100) { edges { node { ...M } } } }
      { a: clubs(first: 50) { edges { node { ...C } } } b: clubs(first: 50) { edges { node { ...C } } } }`;
    const res = await refused(query, 'cost');
    expect(res.errors![0].extensions!.figure).toBeGreaterThan(50_000);
  });

  it('refuses a directive flood', async () => {
    const directives = Array.from({ length: 11 }, () => '@include(if: true)').join(' ');
    await refused(`{ nation ${directives} { code } }`, 'directives');
  });

  it('lets through the queries dashboards and tools send', async () => {
    const dir = path.resolve(__dirname, '..', '..', 'schema', 'operations');
    const q3 = fs.readFileSync(path.join(dir, 'member', 'ProvinceClubMembers.graphql'), 'utf8');
    const res = await hub.graphql(q3, { structure: 'PRE_2025', code: '42' });
    expect(res.errors).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('refuses a key that spent its cost budget for the minute with 429 and a retry hint', async () => {
    const limited = await startTestHub({ config: loadConfig({ RATE_LIMIT_COST_PER_MINUTE: '120' }) });
    try {
      const key = await limited.key(Role.PARTNER);
      const query = '{ provinces(structure: PRE_2025) { code } }'; // cost 64
      const first = await limited.graphql(query, {}, key);
      expect(first.errors).toBeUndefined();
      const res = await fetch(`${limited.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(body.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
      // Another key has its own budget.
      expect((await limited.graphql(query, {}, await limited.key(Role.PARTNER))).errors).toBeUndefined();
    } finally {
      await limited.stop();
    }
  });
});

describe('production mode', () => {
  it('masks unexpected errors, hides schema hints and carries a request id on every error', async () => {
    const prod = await startTestHub({ config: loadConfig({ NODE_ENV: 'production', ANONYMOUS_INTROSPECTION: 'false' }) });
    try {
      // Break the database under the hub: the SQL error must not reach the client.
      await prod.orm.em.getConnection().execute('alter table club_summary rename to club_summary_gone');
      const broken = await prod.graphql('{ provinces { memberCount } }');
      expect(broken.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(broken.errors![0].extensions).toHaveProperty('requestId');
      expect(JSON.stringify(broken)).not.toMatch(/club_summary|relation|stacktrace|select/);
      const typo = await prod.graphql('{ provinse { code } }');
      expect(typo.errors![0].message).not.toContain('Did you mean');
      expect(typo.errors![0].extensions).toHaveProperty('requestId');
      expect(typo.errors![0].extensions).not.toHaveProperty('stacktrace');
      const introspection = await prod.graphql('{ __schema { queryType { name } } }', {}, null);
      expect(introspection.errors![0].extensions!.code).toBe('FORBIDDEN');
      const withKey = await prod.graphql('{ __schema { queryType { name } } }');
      expect(withKey.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await prod.stop();
    }
  });

  it('stops any SQL statement that runs longer than the statement timeout', async () => {
    const orm = await MikroORM.init(ormConfig(hub.databaseUrl, { statementTimeoutMs: 100 }));
    try {
      await expect(orm.em.getConnection().execute('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    } finally {
      await orm.close(true);
    }
  });
});

describe('persisted operations', () => {
  it('holds a key to the published operations when it is so configured', async () => {
    const key = await hub.key(Role.PARTNER, undefined, { persistedOperationsOnly: true });
    const published = await hub.operation('admin-unit/Provinces.graphql', { structure: 'PRE_2025' }, key);
    expect(published.errors).toBeUndefined();
    const adHoc = await hub.graphql('{ provinces { code } }', {}, key);
    expect(adHoc.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
