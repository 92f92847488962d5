import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { Browser, HA_TINH, testClock } from '../support/given-people';
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

const PASSWORD = 'a quiet commune by the sea';
let seq = 0;
/** Every secret a test handled: none may appear in the audit log. */
const secrets: string[] = [];

async function person(role = 'ASSOCIATION', scope: unknown = HA_TINH) {
  seq += 1;
  const email = `person${seq}@hub.example.vn`;
  const res = await hub.operation('people/InviteAccount.graphql', { input: { email, displayName: `Person ${seq}`, organisation: 'Hội NCT', role, scope } });
  const { token, account } = res.data!.inviteAccount;
  const browser = new Browser(hub.url);
  expect((await browser.postJson('/auth/set-password', { token, password: PASSWORD })).status).toBe(200);
  secrets.push(token, browser.token!);
  return { email, id: account.id as number, browser };
}

/** The answer without what differs per request. */
const shape = (a: { status: number; body: any }) => ({ status: a.status, errors: a.body.errors.map((e: any) => ({ ...e, extensions: { ...e.extensions, requestId: 'x' } })) });

describe('sign-in abuse', () => {
  afterEach(() => clock.advance(60 * MINUTE)); // every failure window closes between tests

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const { email } = await person();
    const wrong = await new Browser(hub.url).signIn(email, 'not the right password');
    const unknown = await new Browser(hub.url).signIn('nobody@hub.example.vn', 'not the right password');
    expect(shape(wrong)).toEqual(shape(unknown));
    const huge = await new Browser(hub.url).signIn(`${'x'.repeat(300)}@hub.example.vn`, 'not the right password');
    expect(shape(huge)).toEqual(shape(unknown));
    expect(shape(wrong)).toEqual({ status: 401, errors: [{ message: 'The e-mail address or the password is wrong', extensions: { code: 'UNAUTHENTICATED', requestId: 'x' } }] });
  });

  it('limits failures per account: RATE_LIMITED with the wait, even for the right password, until the window passes', async () => {
    const { email } = await person();
    const browser = new Browser(hub.url);
    for (let i = 0; i < 5; i += 1) {
      clock.advance(MINUTE);
      expect((await browser.signIn(email, `wrong password ${i}`)).status).toBe(401);
    }
    const limited = await browser.signIn(email, PASSWORD);
    expect(limited.status).toBe(429);
    // The first failure was 4 minutes ago; the window is 15 minutes.
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 660 });
    expect(limited.body.errors[0].message).toContain('660 seconds');
    expect(limited.headers.get('retry-after')).toBe('660');
    clock.advance(660 * 1000);
    expect((await browser.signIn(email, PASSWORD)).status).toBe(200);
  });

  it('limits failures per address, whichever accounts they aim at', async () => {
    const { email } = await person();
    const browser = new Browser(hub.url);
    for (let i = 0; i < 20; i += 1) expect((await browser.signIn(`guess${i}@hub.example.vn`, 'some password here')).status).toBe(401);
    const limited = await browser.signIn(email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    clock.advance(15 * MINUTE);
    expect((await browser.signIn(email, PASSWORD)).status).toBe(200);
  });
});

describe('cross-site requests with the session cookie', () => {
  it('are refused as forms (urlencoded, multipart, text/plain) on GraphQL, imports, exports and sign-out', async () => {
    const { browser } = await person();
    const query = '{ viewer { kind } }';
    const form = new FormData();
    form.set('query', query);
    const attempts = [
      browser.send('/graphql', { body: `query=${encodeURIComponent(query)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      browser.send('/graphql', { body: JSON.stringify({ query }), headers: { 'content-type': 'text/plain' } }),
      fetch(`${hub.url}/graphql`, { method: 'POST', body: form, headers: { cookie: browser.cookie! } }).then(async (r) => ({ status: r.status, body: await r.json() })),
      browser.send('/imports/clubs', { body: 'code,name\nX,Y\n', headers: { 'content-type': 'text/plain' } }),
      browser.send('/graphql?query=%7Bviewer%7Bkind%7D%7D', { method: 'GET' }),
      browser.send('/exports/indicators.csv?ids=members&periods=2023', { method: 'GET' }),
      browser.send('/auth/sign-out', { body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      browser.send('/auth/change-password', { body: 'currentPassword=x&newPassword=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ status: expect.any(Number), code: expect.stringMatching(/FORBIDDEN|BAD_REQUEST/) });
      expect([403, 415]).toContain(answer.status);
    }
    // Still signed in: none of them touched the session. With JSON or the preflight header, the same calls work.
    expect((await browser.graphql(query)).body.data.viewer.kind).toBe('PERSON');
    const csv = await browser.send('/exports/indicators.csv?ids=members&periods=2023&structure=PRE_2025', { method: 'GET', headers: { 'apollo-require-preflight': '1' } });
    expect({ status: csv.status, body: csv.status === 200 ? 'csv' : csv.body }).toEqual({ status: 200, body: 'csv' });
    // GraphiQL (a plain GET page) still opens in a signed-in browser.
    expect((await browser.send('/graphql', { method: 'GET', headers: { accept: 'text/html' } })).status).toBe(200);
    const sql = await hub.orm.em.getConnection().execute(`select count(*)::int as n from account_session where ended_at is not null`);
    expect(sql[0].n).toBe(0);
  });

  it('cannot sign anyone in by a form either (login CSRF)', async () => {
    const { email } = await person();
    const form = await new Browser(hub.url).send('/auth/sign-in', { body: `email=${email}&password=${PASSWORD}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.headers.getSetCookie()).toEqual([]);
  });
});

describe('the second factor of an ADMIN', () => {
  it('is set up with a TOTP app, then asked for at sign-in; codes are single-use, recovery codes stored hashed', async () => {
    const admin = await person('ADMIN', null);
    const setup = await admin.browser.operation('people/StartTotpSetup.graphql');
    const { secret, uri } = setup.body.data.startTotpSetup;
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const app = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
    const confirm = await admin.browser.operation('people/ConfirmTotpSetup.graphql', { code: app.generate({ timestamp: clock.now() }) });
    const codes: string[] = confirm.body.data.confirmTotpSetup;
    expect(codes).toHaveLength(10);
    secrets.push(secret, ...codes);
    const stored = await hub.orm.em.getConnection().execute(`select code_hash from account_recovery_code where account_id = ? order by id`, [admin.id]);
    expect(stored.map((r: any) => r.code_hash).sort()).toEqual(codes.map((c) => createHash('sha256').update(c).digest('hex')).sort());

    const browser = new Browser(hub.url);
    const asked = await browser.signIn(admin.email, PASSWORD);
    expect(asked.status).toBe(401);
    expect(asked.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', secondFactorRequired: true });
    expect(browser.cookie).toBeNull();

    clock.advance(60_000);
    const code = app.generate({ timestamp: clock.now() });
    expect((await browser.signIn(admin.email, PASSWORD, { totp: code })).status).toBe(200);
    expect((await new Browser(hub.url).signIn(admin.email, PASSWORD, { totp: code })).status).toBe(401); // replayed
    expect((await new Browser(hub.url).signIn(admin.email, PASSWORD, { recoveryCode: codes[0] })).status).toBe(200);
    expect((await new Browser(hub.url).signIn(admin.email, PASSWORD, { recoveryCode: codes[0] })).status).toBe(401); // used
    expect((await new Browser(hub.url).signIn(admin.email, PASSWORD, { totp: '000000' })).status).toBe(401);

    // Only ADMIN accounts are offered it.
    const officer = await person();
    expect((await officer.browser.operation('people/StartTotpSetup.graphql')).body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('the audit log', () => {
  it('has every sign-in, failure, password change and session end, and no password, cookie or link token', async () => {
    const p = await person();
    await new Browser(hub.url).signIn(p.email, 'wrong password again');
    await p.browser.postJson('/auth/change-password', { currentPassword: PASSWORD, newPassword: 'another long passphrase' });
    await p.browser.postJson('/auth/sign-out', {});
    const rows = await hub.orm.em.getConnection().execute(
      `select role, organisation, key_id, account_id, operation, entity_id, after from audit_entry where entity_type = 'Account' and entity_id = ? order by id`,
      [p.id],
    );
    expect(rows.map((r: any) => r.operation)).toEqual(['inviteAccount', 'setPassword', 'signIn', 'signInFailed', 'changePassword', 'endSession']);
    expect(rows[0]).toMatchObject({ role: 'ADMIN', key_id: expect.any(Number), account_id: null });
    expect(rows[2]).toMatchObject({ role: 'ASSOCIATION', key_id: null, account_id: p.id });
    expect(rows[3].after).toMatchObject({ reason: 'wrongPassword', email: p.email });
    expect(rows[5].after).toMatchObject({ reason: 'signOut' });

    const everything = JSON.stringify(await hub.orm.em.getConnection().execute(`select * from audit_entry`));
    for (const secret of [...secrets, PASSWORD, 'another long passphrase', 'wrong password again']) {
      expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
