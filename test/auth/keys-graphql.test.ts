import { Role } from '../../src/auth/viewer';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const viewerRole = async (key: string) => (await hub.graphql('{ viewer { role organisation scope { structure code } } }', {}, key));

describe('API keys over GraphQL (ADMIN)', () => {
  it('creates a key whose secret is in the answer only, lists it without the secret, and revokes it at once', async () => {
    const created = await hub.operation('people/CreateApiKey.graphql', {
      input: { organisation: 'Hội NCT tỉnh Hà Tĩnh', role: 'ASSOCIATION', scope: { structure: 'PRE_2025', code: '42' }, expiresOn: '2099-12-31' },
    });
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createApiKey;
    expect(key).toMatch(new RegExp(`^ishc_${apiKey.prefix}_[A-Za-z0-9_-]{32}$`));
    expect(apiKey).toMatchObject({ organisation: 'Hội NCT tỉnh Hà Tĩnh', role: 'ASSOCIATION', scope: { structure: 'PRE_2025', code: '42' }, active: true, revokedAt: null, persistedOperationsOnly: false });
    expect(apiKey.expiresAt).toBe('2099-12-31T16:59:59.000Z');

    // The new key works, as the scoped association it was issued as.
    expect((await viewerRole(key)).data!.viewer).toEqual({ role: 'ASSOCIATION', organisation: 'Hội NCT tỉnh Hà Tĩnh', scope: { structure: 'PRE_2025', code: '42' } });

    const listed = await hub.operation('people/ApiKeys.graphql');
    const row = listed.data!.apiKeys.find((k: { prefix: string }) => k.prefix === apiKey.prefix);
    expect(row).toMatchObject({ id: apiKey.id, active: true });
    expect(JSON.stringify(listed.data)).not.toContain(key.split('_').slice(2).join('_'));

    expect((await hub.operation('people/RevokeApiKey.graphql', { prefix: apiKey.prefix })).data!.revokeApiKey).toBe(true);
    expect((await hub.operation('people/RevokeApiKey.graphql', { prefix: apiKey.prefix })).data!.revokeApiKey).toBe(false);
    expect((await viewerRole(key)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const after = (await hub.operation('people/ApiKeys.graphql')).data!.apiKeys.find((k: { prefix: string }) => k.prefix === apiKey.prefix);
    expect(after.active).toBe(false);
    expect(after.revokedAt).not.toBeNull();

    // Both writes are in the audit log, by the ADMIN that made them, newest first; the key's secret and its hash are not.
    const log = await hub.operation('audit/AuditLog.graphql', { entityType: 'ApiKey', first: 100 });
    const entries = log.data!.auditLog.edges.map((e: { node: any }) => e.node).filter((n: any) => n.after?.prefix === apiKey.prefix);
    expect(entries.map((n: any) => n.operation)).toEqual(['revokeApiKey', 'createApiKey']);
    const [revoked, issued] = entries;
    expect(issued).toMatchObject({
      role: 'ADMIN',
      organisation: 'Test ADMIN',
      units: [],
      before: null,
      after: { prefix: apiKey.prefix, organisation: 'Hội NCT tỉnh Hà Tĩnh', role: 'ASSOCIATION', scope: 'PRE_2025:42', expiresAt: '2099-12-31T16:59:59.000Z', persistedOperationsOnly: false, healthRecords: false },
    });
    expect(revoked.after).toEqual({ prefix: apiKey.prefix, revokedAt: after.revokedAt });
    const [{ secret_hash: secretHash }] = await hub.orm.em.getConnection().execute('select secret_hash from api_key where prefix = ?', [apiKey.prefix]);
    const logged = JSON.stringify(log.data);
    expect(logged).not.toContain(key.split('_').slice(2).join('_'));
    expect(logged).not.toContain(secretHash);
  });

  it('refuses what the rules refuse, with BAD_USER_INPUT, and writes nothing', async () => {
    const before = (await hub.operation('people/ApiKeys.graphql')).data!.apiKeys.length;
    const attempts = [
      { organisation: 'Hội NCT', role: 'ASSOCIATION', scope: null },
      { organisation: 'Hội NCT', role: 'ASSOCIATION', scope: { structure: 'PRE_2025', code: '999' } },
      { organisation: 'Nobody', role: 'ANONYMOUS' },
      { organisation: '   ', role: 'PARTNER' },
      { organisation: 'Bộ LĐTBXH', role: 'MINISTRY', expiresOn: '2020-01-01' },
      { organisation: 'Bộ LĐTBXH', role: 'MINISTRY', expiresOn: '31/12/2099' },
      // The health permission is an association's only (the rule npm run keys applies too).
      { organisation: 'Viện X', role: 'PARTNER', health: true },
    ];
    for (const input of attempts) {
      const res = await hub.operation('people/CreateApiKey.graphql', { input });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await hub.operation('people/ApiKeys.graphql')).data!.apiKeys.length).toBe(before);
    // A refused key leaves no audit entry either.
    const logged = (await hub.operation('audit/AuditLog.graphql', { entityType: 'ApiKey', first: 100 })).data!.auditLog.edges.map((e: { node: any }) => e.node.after.organisation);
    for (const input of attempts) expect(logged).not.toContain(input.organisation);
  });

  it('grants the health permission to an association key, and the key carries it', async () => {
    const created = await hub.operation('people/CreateApiKey.graphql', {
      input: { organisation: 'Hội NCT tỉnh Hà Tĩnh', role: 'ASSOCIATION', scope: { structure: 'PRE_2025', code: '42' }, health: true },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createApiKey.apiKey.healthRecords).toBe(true);
    const { data } = await hub.graphql('{ viewer { may { readHealthRecords } } }', {}, created.data!.createApiKey.key);
    expect(data!.viewer.may.readHealthRecords).toBe(true);
    const listed = (await hub.operation('people/ApiKeys.graphql')).data!.apiKeys.find((k: { prefix: string }) => k.prefix === created.data!.createApiKey.apiKey.prefix);
    expect(listed.healthRecords).toBe(true);
  });

  it('is for ADMIN only', async () => {
    for (const role of [Role.MINISTRY, Role.PARTNER]) {
      const key = await hub.key(role);
      expect((await hub.operation('people/ApiKeys.graphql', {}, key)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await hub.operation('people/CreateApiKey.graphql', { input: { organisation: 'X', role: 'ADMIN' } }, key)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await hub.operation('people/RevokeApiKey.graphql', { prefix: 'whatever' }, key)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const association = await hub.key(Role.ASSOCIATION, { structure: AdminStructure.PRE_2025, code: '42' });
    expect((await hub.operation('people/ApiKeys.graphql', {}, association)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
