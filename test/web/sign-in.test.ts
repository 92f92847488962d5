import { Role } from '../../src/auth/viewer';
import { startTestHub, TestHub } from '../support/hub';
import { givenPerson, openApp, releaseBrowser, seriousAxeViolations, signIn, WebSession, withScreenshot } from '../support/web';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  await givenPerson(hub, { email: 'can.bo@hoinct.example.vn', displayName: 'Trần Thị Bình', role: Role.ASSOCIATION, scope: { structure: 'PRE_2025', code: '42' }, organisation: 'Hội NCT tỉnh Hà Tĩnh' });
});

afterAll(async () => {
  await releaseBrowser();
  await hub?.stop();
});

describe('the web app: skeleton and sign-in', () => {
  let app: WebSession;
  beforeEach(async () => {
    app = await openApp(hub);
  });
  afterEach(async () => {
    await app?.context.close();
  });

  it('is served by the hub at / with its own assets only, next to GraphiQL and the API', async () => {
    const index = await fetch(`${hub.url}/`);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(0);
    // Nothing from another origin: the app must work offline.
    for (const source of sources) expect(source).toMatch(/^(\/|data:)/);
    const script = sources.find((s) => s.endsWith('.js'))!;
    // Bodies are read to the end: an unread body keeps its connection (and the jest worker) alive.
    const asset = await fetch(`${hub.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    await asset.arrayBuffer();
    const missing = await fetch(`${hub.url}/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
    const graphiql = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toMatch(/graphiql/i);
  });

  it('signs a person in and out, in Vietnamese first, with no serious accessibility violation', async () => {
    const { page, pageErrors } = app;
    await withScreenshot(page, 'sign-in', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Đăng nhập bằng tài khoản cá nhân' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // A wrong password is refused and said so.
      await page.getByLabel('Thư điện tử').fill('can.bo@hoinct.example.vn');
      await page.getByLabel('Mật khẩu').fill('not the password');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').filter({ hasText: 'Thư điện tử hoặc mật khẩu không đúng.' }).waitFor();

      await signIn(page, 'can.bo@hoinct.example.vn');
      await page.getByText('Trần Thị Bình').waitFor();
      expect(await page.getByRole('navigation').textContent()).toContain('Tổng quan');
      // The cookie is the hub's HttpOnly session cookie: no script can read it.
      const cookies = await app.context.cookies();
      expect(cookies.find((c) => c.name === 'ishc_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');

      // A reload keeps the session (the app asks the hub who is signed in).
      await page.reload();
      await page.getByText('Trần Thị Bình').waitFor();

      // English is a switch away and stays chosen.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in with your personal account' }).waitFor();
      expect((await app.context.cookies()).find((c) => c.name === 'ishc_session')).toBeUndefined();
      expect(pageErrors.filter((e) => !/401|Unauthorized/i.test(e))).toEqual([]);
    });
  });
});
