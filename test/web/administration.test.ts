import { Role } from '../../src/auth/viewer';
import { startTestHub, TestHub } from '../support/hub';
import { givenPerson, openApp, releaseBrowser, seriousAxeViolations, signIn, WebSession, withScreenshot } from '../support/web';

// Several pages and a real browser per test: generous on a shared, busy machine (2 cores).
jest.setTimeout(180_000);

let hub: TestHub;
const ADMIN = 'quan.tri@hoinct.example.vn';
const OFFICER = 'can.bo@hoinct.example.vn';
const ANALYST = 'chuyen.vien@molisa.example.vn';

beforeAll(async () => {
  hub = await startTestHub();
  await givenPerson(hub, { email: ADMIN, displayName: 'Phạm Quản Trị', role: Role.ADMIN, scope: null });
  await givenPerson(hub, { email: ANALYST, displayName: 'Vũ Chuyên Viên', role: Role.MINISTRY, scope: null, organisation: 'Bộ Y tế' });
  await givenPerson(hub, { email: OFFICER, displayName: 'Trần Thị Bình', role: Role.ASSOCIATION, scope: { structure: 'PRE_2025', code: '42' } });
});

afterAll(async () => {
  await releaseBrowser();
  await hub?.stop();
});

const viewerOf = (key: string) => hub.graphql('{ viewer { role organisation } }', {}, key);

describe('the administration page', () => {
  let app: WebSession;
  beforeEach(async () => {
    app = await openApp(hub);
  });
  afterEach(async () => {
    await app.context.close();
  });

  it('lets an ADMIN invite a person (link shown once) and disable them, and create a key (shown once) and revoke it', async () => {
    const { page, pageErrors } = app;
    await withScreenshot(page, 'administration', async () => {
      await signIn(page, ADMIN);
      await page.getByRole('link', { name: 'Quản trị' }).click();
      await page.getByRole('heading', { name: 'Quản trị tài khoản và khóa API' }).waitFor();
      await page.getByRole('cell', { name: OFFICER, exact: true }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Invite: the set-password link is shown once, selected for copying.
      const people = page.getByRole('region', { name: 'Tài khoản', exact: true });
      await people.getByLabel('Thư điện tử').fill('moi@hoinct.example.vn');
      await people.getByLabel('Họ và tên').fill('Đỗ Thị Mới');
      await people.getByLabel('Tổ chức').fill('Hội NCT tỉnh Hà Tĩnh');
      await people.getByLabel('Phạm vi: địa giới').selectOption('PRE_2025');
      await people.getByLabel('Phạm vi: mã đơn vị (để trống: toàn quốc)').fill('42');
      await people.getByRole('button', { name: 'Tạo lời mời' }).click();
      const link = people.getByRole('textbox', { name: /Đường dẫn đặt mật khẩu/ });
      await link.waitFor();
      const url = await link.inputValue();
      expect(url).toMatch(new RegExp(`^${hub.url}/set-password#token=[A-Za-z0-9_-]+$`));
      await people.getByRole('cell', { name: 'moi@hoinct.example.vn', exact: true }).waitFor();
      expect(await people.getByRole('row', { name: /moi@hoinct/ }).textContent()).toContain('chưa đặt mật khẩu');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await people.getByRole('button', { name: 'Đã lưu, ẩn đi' }).click();
      expect(await page.content()).not.toContain(url.split('#token=')[1]);

      // The link works for the invited person.
      const token = url.split('#token=')[1];
      const set = await fetch(`${hub.url}/auth/set-password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: 'mật khẩu mới đủ dài cho tài khoản' }) });
      expect(set.status).toBe(200);

      // Disable the officer from the keyboard; the hub says so too.
      const disable = people.getByRole('button', { name: `Khóa ${OFFICER}` });
      await disable.focus();
      await page.keyboard.press('Enter');
      await people.getByRole('button', { name: `Mở khóa ${OFFICER}` }).waitFor();
      const accounts = await hub.operation('people/Accounts.graphql');
      expect(accounts.data!.accounts.find((a: { email: string }) => a.email === OFFICER).active).toBe(false);

      // A key: shown once, working, then revoked after a confirmation.
      const keys = page.getByRole('region', { name: 'Khóa API', exact: true });
      await keys.getByLabel('Tổ chức').fill('Viện nghiên cứu đối tác');
      await keys.getByLabel('Vai trò').selectOption('PARTNER');
      await keys.getByRole('button', { name: 'Tạo khóa API' }).click();
      const shown = keys.getByRole('textbox', { name: 'Khóa API mới' });
      await shown.waitFor();
      const key = await shown.inputValue();
      expect(key).toMatch(/^ishc_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{32}$/);
      expect((await viewerOf(key)).data!.viewer).toEqual({ role: 'PARTNER', organisation: 'Viện nghiên cứu đối tác' });
      const prefix = key.split('_')[1];
      // The secret part may itself hold underscores.
      const secret = key.split('_').slice(2).join('_');
      await keys.getByRole('cell', { name: prefix, exact: true }).waitFor();
      await keys.getByRole('button', { name: 'Đã lưu, ẩn đi' }).click();
      expect(await page.content()).not.toContain(secret);
      await page.reload();
      await keys.getByRole('cell', { name: prefix, exact: true }).waitFor();
      expect(await page.content()).not.toContain(secret);

      await keys.getByRole('button', { name: `Thu hồi ${prefix}` }).click();
      await keys.getByRole('button', { name: `Xác nhận thu hồi ${prefix}` }).click();
      await keys.getByRole('row', { name: new RegExp(prefix) }).getByText('Đã thu hồi').waitFor();
      expect((await viewerOf(key)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(pageErrors).toEqual([]);
    });
  });

  it('is not offered to other roles, and the hub refuses them anyway', async () => {
    const { page } = app;
    await withScreenshot(page, 'administration-refused', async () => {
      await signIn(page, ANALYST);
      expect(await page.getByRole('link', { name: 'Quản trị' }).count()).toBe(0);
      await page.goto('/#/administration');
      await page.getByRole('alert').filter({ hasText: 'Trang này dành cho quản trị viên.' }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      const refused = await page.evaluate(async () => {
        const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-ishc-csrf': '1' }, body: JSON.stringify({ query: '{ apiKeys { prefix } }' }) });
        return ((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code;
      });
      expect(refused).toBe('FORBIDDEN');
    });
  });
});
