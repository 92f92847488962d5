import { Role } from '../../src/auth/viewer';
import { startTestHub, TestHub } from '../support/hub';

/**
 * A write about an account or a key and its audit entry are one transaction: when the entry cannot be written,
 * the account or key is not created either. A trigger on audit_entry stands in for whatever could make that
 * insert fail (a full disk, a lost connection).
 */
let hub: TestHub;
let partnerKey: string;
beforeAll(async () => {
  hub = await startTestHub();
  partnerKey = await hub.key(Role.PARTNER); // issued (and audited) before the audit log starts refusing
  await hub.orm.em.getConnection().execute(`
    create function refuse_audit_entry() returns trigger language plpgsql as $$
    begin
      if new.operation in ('inviteAccount', 'createApiKey', 'revokeApiKey', 'disableAccount') then raise exception 'audit log unavailable'; end if;
      return new;
    end $$;
    create trigger refuse_audit_entry before insert on audit_entry for each row execute function refuse_audit_entry();`);
});
afterAll(async () => {
  await hub?.stop();
});

const count = async (sql: string, params: unknown[] = []) => Number((await hub.orm.em.getConnection().execute(sql, params))[0].n);

it('creates no account when its invitation cannot be audited', async () => {
  const res = await hub.operation('people/InviteAccount.graphql', {
    input: { email: 'khong.ghi@example.vn', displayName: 'Nguyễn Văn Không Ghi', organisation: 'Hội NCT', role: 'PARTNER' },
  });
  expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  expect(await count(`select count(*) as n from account where email = 'khong.ghi@example.vn'`)).toBe(0);
});

it('issues no key, and revokes none, when the audit entry cannot be written', async () => {
  const keysBefore = await count('select count(*) as n from api_key');
  const created = await hub.operation('people/CreateApiKey.graphql', { input: { organisation: 'Viện Y tế công cộng', role: 'PARTNER' } });
  expect(created.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  expect(await count('select count(*) as n from api_key')).toBe(keysBefore);

  const prefix = partnerKey.split('_')[1];
  const revoked = await hub.operation('people/RevokeApiKey.graphql', { prefix });
  expect(revoked.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  expect(await count('select count(*) as n from api_key where prefix = ? and revoked_at is null', [prefix])).toBe(1);
  expect((await hub.graphql('{ __typename }', {}, partnerKey)).errors).toBeUndefined();
});
