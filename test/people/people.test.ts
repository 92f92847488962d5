import 'reflect-metadata';
import { Browser, HA_TINH, testClock } from '../support/given-people';
import { loadConfig } from '../../src/config';
import { startTestHub, TestHub } from '../support/hub';

const MINUTE = 60_000;
const clock = testClock();
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ clock: clock.now });
});
afterAll(async () => {
  await hub?.stop();
});

const PASSWORD = 'lanterns over the Ha Tinh river';
let seq = 0;

/** An ADMIN key invites a person; returns the account id and the link's token. */
async function invite(role = 'ASSOCIATION', scope: unknown = HA_TINH) {
  seq += 1;
  const email = `officer${seq}@hoinct.example.vn`;
  const res = await hub.operation('people/InviteAccount.graphql', {
    input: { email: email.toUpperCase(), displayName: `Officer ${seq}`, organisation: 'Hội NCT tỉnh Hà Tĩnh', role, scope },
  });
  expect(res.errors).toBeUndefined();
  return { email, id: res.data!.inviteAccount.account.id as number, token: res.data!.inviteAccount.token as string, link: res.data!.inviteAccount };
}

async function signedInPerson(role = 'ASSOCIATION', scope: unknown = HA_TINH) {
  const person = await invite(role, scope);
  const browser = new Browser(hub.url);
  const set = await browser.postJson('/auth/set-password', { token: person.token, password: PASSWORD });
  expect(set.status).toBe(200);
  return { ...person, browser };
}

describe('a person, from invitation to sign-out', () => {
  it('is invited, sets a password, signs in, reads in scope, is refused outside, and signs out', async () => {
    const { email, id, token, link } = await invite();
    expect(link.account).toMatchObject({ email, role: 'ASSOCIATION', scope: HA_TINH, active: true, passwordSet: false });
    expect(link.path).toBe(`/set-password#token=${token}`);
    expect(new Date(link.expiresAt).getTime()).toBe(clock.now() + 72 * 60 * MINUTE);

    const browser = new Browser(hub.url);
    // The link sets the password and signs in: the cookie is HttpOnly, SameSite=Lax, Path=/, not Secure over http.
    const set = await browser.postJson('/auth/set-password', { token, password: PASSWORD });
    expect(set.status).toBe(200);
    const cookie = set.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^ishc_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
    expect(set.body.account).toMatchObject({ id, email, passwordSet: true });
    // The link works once.
    expect((await new Browser(hub.url).postJson('/auth/set-password', { token, password: PASSWORD })).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });

    await browser.postJson('/auth/sign-out', {});
    expect(browser.cookie).toBeNull();
    const signIn = await browser.signIn(email.toUpperCase(), PASSWORD);
    expect(signIn.status).toBe(200);

    const viewer = await browser.operation('people/Viewer.graphql');
    expect(viewer.body.data.viewer).toMatchObject({
      kind: 'PERSON',
      role: 'ASSOCIATION',
      scope: HA_TINH,
      keyId: null,
      account: { id, email, displayName: expect.any(String) },
      may: { readPersonalData: true, write: true, export: true, manageTargets: false, readAuditLog: true, manageAccounts: false },
    });
    expect(viewer.body.data.viewer.sessionId).toBe(signIn.body.session.id);

    const inScope = await browser.graphql('{ district(code: "447") { clubCount } }');
    expect(inScope.body).toEqual({ data: { district: { clubCount: 0 } } });
    const outside = await browser.graphql('{ district(code: "643") { clubCount } }');
    expect(outside.body.errors[0]).toMatchObject({ path: ['district', 'clubCount'], extensions: { code: 'FORBIDDEN' } });
    // Writes follow the same rules as for a key, and the audit log names the person.
    const base = { name: 'CLB Liên thế hệ', foundedOn: '2022-01-01', programme: 'DECISION_1336' };
    const created = await browser.operation('club/CreateClub.graphql', { input: { ...base, code: 'PP-HT-1', communePre2025: '18769' } });
    expect(created.body.errors).toBeUndefined();
    const elsewhere = await browser.operation('club/CreateClub.graphql', { input: { ...base, code: 'PP-DL-1', communePre2025: '24166', communePost2025: '24121' } });
    expect(elsewhere.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const entries = await hub.orm.em.getConnection().execute(
      `select role, organisation, key_id, account_id, operation from audit_entry where entity_type = 'Club' order by id`,
    );
    expect(entries).toEqual([{ role: 'ASSOCIATION', organisation: 'Hội NCT tỉnh Hà Tĩnh', key_id: null, account_id: id, operation: 'createClub' }]);

    const accounts = await browser.operation('people/Accounts.graphql');
    expect(accounts.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const inviting = await browser.operation('people/InviteAccount.graphql', {
      input: { email: 'friend@example.vn', displayName: 'Friend', organisation: 'Hội NCT', role: 'ADMIN' },
    });
    expect(inviting.body.errors[0].extensions.code).toBe('FORBIDDEN');

    const before = browser.cookie;
    const out = await browser.send('/auth/sign-out', { headers: { 'apollo-require-preflight': 'true' } });
    expect(out.status).toBe(200);
    expect(browser.cookie).toBeNull();
    // The old cookie is dead on the server, not just forgotten by the browser.
    browser.cookie = before;
    const after = await browser.operation('people/Viewer.graphql');
    expect(after.status).toBe(401);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('the viewer of a key and of nobody', async () => {
    const keyed = await hub.operation('people/Viewer.graphql');
    expect(keyed.data!.viewer).toMatchObject({ kind: 'API_KEY', role: 'ADMIN', account: null, sessionId: null, may: { manageAccounts: true } });
    const nobody = await hub.operation('people/Viewer.graphql', {}, null);
    expect(nobody.data!.viewer).toMatchObject({ kind: 'ANONYMOUS', role: 'ANONYMOUS', may: { write: false, export: false, readPersonalData: false } });
  });

  it('refuses short and common passwords, and an expired link', async () => {
    const { token } = await invite();
    const browser = new Browser(hub.url);
    const short = await browser.postJson('/auth/set-password', { token, password: 'short pass' });
    expect(short.body.errors[0]).toMatchObject({ message: expect.stringContaining('12'), extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    const common = await browser.postJson('/auth/set-password', { token, password: 'QwertyQwerty' });
    expect(common.body.errors[0]).toMatchObject({ message: expect.stringContaining('common'), extensions: { field: 'password' } });
    clock.advance(72 * 60 * MINUTE);
    const late = await browser.postJson('/auth/set-password', { token, password: PASSWORD });
    expect(late.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });
});

describe('sessions', () => {
  it('end after 30 minutes idle, and 12 hours after sign-in however busy', async () => {
    const idlePerson = await signedInPerson();
    const { browser } = idlePerson;
    clock.advance(29 * MINUTE);
    expect((await browser.operation('people/Viewer.graphql')).status).toBe(200);
    clock.advance(29 * MINUTE); // 58 minutes in, but seen 29 minutes ago
    expect((await browser.operation('people/Viewer.graphql')).status).toBe(200);
    clock.advance(30 * MINUTE);
    const idle = await browser.operation('people/Viewer.graphql');
    expect(idle.status).toBe(401);
    expect(idle.body.errors[0].message).toMatch(/inactivity/);
    expect(browser.cookie).toBeNull();

    const busy = await signedInPerson();
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.advance(20 * MINUTE);
      expect((await busy.browser.operation('people/Viewer.graphql')).status).toBe(200);
    }
    clock.advance(20 * MINUTE);
    const expired = await busy.browser.operation('people/Viewer.graphql');
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].message).toMatch(/expired/);

    const ends = await hub.orm.em.getConnection().execute(`select account_id, end_reason from account_session where account_id in (?, ?) order by id`, [idlePerson.id, busy.id]);
    expect(ends.map((r: any) => r.end_reason)).toEqual(['idle', 'expired']);
  });

  it('are listed and ended by their owner and by ADMIN; a password change ends the others', async () => {
    const person = await signedInPerson();
    const phone = new Browser(hub.url);
    expect((await phone.signIn(person.email, PASSWORD)).status).toBe(200);

    const mine = await person.browser.operation('people/Sessions.graphql');
    expect(mine.body.data.sessions).toHaveLength(2);
    expect(mine.body.data.sessions.filter((s: any) => s.current)).toHaveLength(1);
    // Nobody else's sessions for a non-admin.
    expect((await person.browser.operation('people/Sessions.graphql', { accountId: person.id + 1000 })).body.errors[0].extensions.code).toBe('FORBIDDEN');

    const phoneSession = mine.body.data.sessions.find((s: any) => !s.current).id;
    expect((await person.browser.operation('people/EndSession.graphql', { id: String(phoneSession) })).body.data.endSession).toBe(true);
    expect((await phone.operation('people/Viewer.graphql')).status).toBe(401);

    // ADMIN (a key here) sees and ends any session.
    await phone.signIn(person.email, PASSWORD);
    const all = await hub.operation('people/Sessions.graphql', { accountId: person.id });
    expect(all.data!.sessions).toHaveLength(2);
    const phoneAgain = all.data!.sessions.map((s: any) => s.id).sort((a: number, b: number) => b - a)[0];
    expect((await hub.operation('people/EndSession.graphql', { id: String(phoneAgain) })).data!.endSession).toBe(true);
    expect((await phone.operation('people/Viewer.graphql')).status).toBe(401);

    // Changing the password needs the current one, and ends every other session.
    await phone.signIn(person.email, PASSWORD);
    const NEW = 'a different long passphrase';
    const wrong = await person.browser.postJson('/auth/change-password', { currentPassword: 'not the password at all', newPassword: NEW });
    expect(wrong.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const changed = await person.browser.postJson('/auth/change-password', { currentPassword: PASSWORD, newPassword: NEW });
    expect(changed.status).toBe(200);
    expect((await person.browser.operation('people/Viewer.graphql')).status).toBe(200);
    expect((await phone.operation('people/Viewer.graphql')).status).toBe(401);
    expect((await new Browser(hub.url).signIn(person.email, PASSWORD)).status).toBe(401);
    expect((await new Browser(hub.url).signIn(person.email, NEW)).status).toBe(200);
  });
});

describe('behind an HTTPS proxy', () => {
  it('marks the cookie Secure when a trusted proxy says the request came over HTTPS, and only then', async () => {
    const proxied = await startTestHub({ config: loadConfig({ TRUSTED_PROXIES: 'loopback' }) });
    try {
      const res = await proxied.operation('people/InviteAccount.graphql', {
        input: { email: 'secure@example.vn', displayName: 'Secure', organisation: 'ISHC', role: 'PARTNER' },
      });
      const { token } = res.data!.inviteAccount;
      const browser = new Browser(proxied.url);
      const set = await browser.send('/auth/set-password', {
        body: JSON.stringify({ token, password: PASSWORD }),
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      });
      expect(set.headers.getSetCookie()[0]).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
      const plain = await new Browser(proxied.url).signIn('secure@example.vn', PASSWORD);
      expect(plain.headers.getSetCookie()[0]).not.toMatch(/Secure/);
    } finally {
      await proxied.stop();
    }
  });
});
