import { Role } from '../../src/auth/viewer';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { LoanStatus } from '../../src/modules/fund/fund.enums';
import { PovertyStatus, Sex } from '../../src/modules/member/member.enums';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { givenPerson, openApp, releaseBrowser, seriousAxeViolations, signIn, WebSession, withScreenshot } from '../support/web';

// Two clubs in a Hà Tĩnh commune (one with four members, a fund and a loan), one in a Hà Nội commune.
const HA_TINH_COMMUNE = '18769';
let hub: TestHub;
let haTinh: { province: string; district: string; districtName: string; communeName: string; provinceName: string };
let board: { fullName: string };

beforeAll(async () => {
  hub = await startTestHub();
  const commune = hub.units.find(AdminStructure.PRE_2025, HA_TINH_COMMUNE)!;
  const [, district, province] = hub.units.ancestorsOf(commune);
  haTinh = { province: province.code, provinceName: province.fullName, district: district.code, districtName: district.fullName, communeName: commune.fullName };
  const haNoiCommune = hub.units.communesUnder(hub.units.find(AdminStructure.PRE_2025, '01')!)[0];

  const g = given(hub.orm);
  const strong = await g.club({ pre2025: HA_TINH_COMMUNE, name: 'CLB Liên thế hệ Thạch Hạ', foundedOn: '2021-03-01' });
  await g.club({ pre2025: HA_TINH_COMMUNE, name: 'CLB Liên thế hệ Thạch Trung', foundedOn: '2022-06-01' });
  const haNoi = await g.club({ pre2025: haNoiCommune.code, name: 'CLB Liên thế hệ Phúc Xá', foundedOn: '2021-09-01' });
  board = await g.member(strong, { fullName: 'Lê Thị Chủ Nhiệm', boardRole: 'CHAIR' as never, birthYear: 1950 });
  await g.member(strong, { birthYear: 1958, povertyStatus: PovertyStatus.POOR });
  await g.member(strong, { birthYear: 1990, sex: Sex.MALE });
  const borrower = await g.member(strong, { birthYear: 1962, povertyStatus: PovertyStatus.NEAR_POOR });
  await g.member(haNoi, { birthYear: 1955 });
  const fund = await g.fund(strong, { openedOn: '2021-04-01' });
  await g.transaction(fund, { occurredOn: '2021-04-01', amount: 20_000_000n });
  await g.loan(fund, borrower, { principal: 5_000_000n, disbursedOn: '2024-03-01', dueOn: '2027-03-01', status: LoanStatus.CURRENT });
  await g.meeting(strong, { heldOn: '2025-05-10', attendance: 31 });
  await givenPerson(hub, { email: 'quan.tri@hoinct.example.vn', displayName: 'Phạm Văn Quản', role: Role.ADMIN });
  await givenPerson(hub, { email: 'bo.ldtbxh@example.gov.vn', displayName: 'Đỗ Thị Hà', role: Role.MINISTRY, organisation: 'Bộ Y tế' });
});

afterAll(async () => {
  await releaseBrowser();
  await hub?.stop();
});

/** Asks ECharts (through the app's chart registry) what a chart holds. */
function chartState(app: WebSession, id: string) {
  return app.page.evaluate((chartId) => {
    const charts = (globalThis as unknown as { ishcCharts?: Record<string, { getOption(): { series: Array<{ data: unknown[] }> }; convertToPixel(finder: object, value: number[]): number[] }> }).ishcCharts;
    const chart = charts?.[chartId];
    if (!chart) return null;
    const option = chart.getOption();
    return { series: option.series.map((s) => s.data.length), haTinhPixel: chartId.includes('map') ? chart.convertToPixel({ geoIndex: 0 }, [105.6, 18.35]) : null };
  }, id);
}

describe('the web app: overview and drill-down', () => {
  let app: WebSession;
  beforeEach(async () => {
    app = await openApp(hub);
  });
  afterEach(async () => {
    await app?.context.close();
  });

  it('shows the headline figures with targets, the map of 63 provinces, the time series and a sortable table with its exports', async () => {
    const { page } = app;
    await withScreenshot(page, 'overview', async () => {
      await signIn(page, 'quan.tri@hoinct.example.vn');
      await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
      await page.getByLabel('Địa giới hành chính').selectOption('PRE_2025');

      // Headline figures for the nation, in Vietnamese number format.
      const card = (id: string) => page.locator(`.cards li[data-indicator="${id}"] .figure`);
      await page.waitForFunction(() => !(globalThis as any).document.querySelector('.cards li[data-indicator="members"] .figure').textContent.includes('…'));
      expect(await card('active_clubs').textContent()).toBe('3');
      expect(await card('members').textContent()).toBe('5');
      expect(await card('fund_capital').textContent()).toBe('20 triệu ₫');
      // The Decision 1336 and 1648 targets, with the hub's figures.
      const targets = page.locator('tr[data-indicator="new_clubs_1648"]');
      expect(await targets.textContent()).toContain('Quyết định 1648/QĐ-TTg');

      // The map: 63 provinces joined to their figures, and Hà Tĩnh drawn where it is.
      await page.locator('#overview-map[data-drawn="PRE_2025"]').waitFor();
      const map = await chartState(app, 'overview-map');
      expect(map!.series[0]).toBe(63);
      expect(await page.locator('#overview-map svg path').count()).toBeGreaterThanOrEqual(63);
      await page.locator('#overview-map').scrollIntoViewIfNeeded();
      const box = (await page.locator('#overview-map').boundingBox())!;
      await page.mouse.move(box.x + map!.haTinhPixel![0], box.y + map!.haTinhPixel![1]);
      await page.getByText(/Hà Tĩnh: 4/).waitFor();
      // The archipelagos are labelled as part of Viet Nam.
      await page.locator('#overview-map').getByText('Quần đảo Hoàng Sa (Đà Nẵng)').waitFor();
      await page.locator('#overview-map').getByText('Quần đảo Trường Sa (Khánh Hòa)').waitFor();

      // The monthly series from January 2020 to the chosen month.
      const months = await page.getByLabel('Kỳ báo cáo').evaluate((select) => (select as unknown as { options: unknown[] }).options.length);
      await page.waitForFunction(() => (globalThis as any).ishcCharts?.['overview-series']?.getOption()?.series?.[0]?.data?.length > 0);
      expect((await chartState(app, 'overview-series'))!.series[0]).toBe(months);

      // The table sorts by a column, from the keyboard.
      const members = page.getByRole('button', { name: 'Số thành viên', exact: true });
      await members.focus();
      await page.keyboard.press('Enter');
      expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Số thành viên');
      const firstRow = page.locator('.table-scroll table').last().locator('tbody tr').first();
      expect(await firstRow.locator('th').textContent()).toBe(haTinh.provinceName);

      // The CSV export of the same figures.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải CSV' }).click()]);
      const csv = await (await download.createReadStream()).toArray();
      expect(Buffer.concat(csv).toString('utf8')).toContain('members');

      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  });

  it('drills down from the nation to a club, the same figures at every level, with rankings, by keyboard and mouse', async () => {
    const { page } = app;
    await withScreenshot(page, 'drill-down', async () => {
      await signIn(page, 'quan.tri@hoinct.example.vn');
      await page.getByRole('link', { name: 'Theo địa bàn' }).click();
      await page.getByLabel('Địa giới hành chính').selectOption('PRE_2025');
      await page.getByRole('heading', { name: /Toàn quốc/ }).waitFor();
      await page.getByRole('heading', { name: 'Xếp hạng (yếu nhất trước)' }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Province, from the keyboard.
      const provinceLink = page.locator('table').first().getByRole('link', { name: haTinh.provinceName, exact: true });
      await provinceLink.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: new RegExp(haTinh.provinceName) }).waitFor();
      // The page keeps the nation's figures on screen until the province's arrive: wait for the province's.
      await page.locator('.cards li[data-indicator="members"] .figure').filter({ hasText: /^4$/ }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      // District (before the reform), then commune.
      await page.locator('table').first().getByRole('link', { name: haTinh.districtName, exact: true }).click();
      await page.getByRole('heading', { name: new RegExp(haTinh.districtName) }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.locator('table').first().getByRole('link', { name: haTinh.communeName, exact: true }).click();
      await page.getByRole('heading', { name: new RegExp(haTinh.communeName) }).waitFor();
      // The commune's clubs, unreported first; neither club reported this month.
      await page.getByRole('link', { name: 'CLB Liên thế hệ Thạch Hạ' }).waitFor();
      expect(await page.getByText('Chưa báo cáo', { exact: true }).count()).toBe(2);
      expect(await seriousAxeViolations(page)).toEqual([]);

      // The club page: board, fund over time, loans, meetings, members (an ADMIN may read them).
      await page.getByRole('link', { name: 'CLB Liên thế hệ Thạch Hạ' }).click();
      await page.getByRole('heading', { name: /CLB Liên thế hệ Thạch Hạ/ }).waitFor();
      await page.getByText(`Chủ nhiệm: ${board.fullName}`).waitFor();
      await page.waitForFunction(() => (globalThis as any).ishcCharts?.['club-funds']?.getOption()?.series?.[0]?.data?.length === 12);
      expect(await page.getByRole('table', { name: 'Khoản vay', exact: true }).textContent()).toContain('5.000.000');
      expect(await page.getByRole('table', { name: 'Sinh hoạt', exact: true }).textContent()).toContain('10/05/2025');
      expect(await page.getByRole('heading', { name: /Thành viên \(4\)/ }).count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  });

  it('shows personal fields only where the hub returns them', async () => {
    const { page } = app;
    await withScreenshot(page, 'personal-data', async () => {
      // A ministry reads every club's figures, and no member's name.
      await signIn(page, 'bo.ldtbxh@example.gov.vn');
      const code = (await hub.orm.em.fork().getConnection().execute(`select code from club where name = 'CLB Liên thế hệ Thạch Hạ'`))[0].code as string;
      await page.goto(`/#/clubs/${code}`);
      await page.getByRole('heading', { name: /CLB Liên thế hệ Thạch Hạ/ }).waitFor();
      await page.getByText('Không hiển thị (dữ liệu cá nhân ngoài phạm vi được xem).').or(page.getByText('Chủ nhiệm: —')).first().waitFor();
      expect(await page.content()).not.toContain(board.fullName);
      expect(await page.getByRole('table', { name: 'Khoản vay', exact: true }).textContent()).toContain('5.000.000');
      expect(await page.getByRole('heading', { name: /^Thành viên \(/ }).count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  });

  it('updates a headline figure within two seconds when another client creates a club through the API, without reloading', async () => {
    const { page } = app;
    await withScreenshot(page, 'overview-live', async () => {
      await signIn(page, 'quan.tri@hoinct.example.vn');
      await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
      await page.getByLabel('Địa giới hành chính').selectOption('PRE_2025');
      const clubs = page.locator('.cards li[data-indicator="active_clubs"] .figure');
      await clubs.filter({ hasText: /^3$/ }).waitFor();
      await page.locator('[data-live="live"]').getByText('Đang cập nhật trực tiếp').waitFor();
      // A reload would lose this mark.
      await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));

      const created = await hub.operation('club/CreateClub.graphql', {
        input: { code: 'LIVE-OVERVIEW-1', name: 'CLB Liên thế hệ Thạch Đài', communePre2025: HA_TINH_COMMUNE, foundedOn: '2022-01-10', programme: 'DECISION_1336' },
      });
      expect(created.errors).toBeUndefined();
      const started = Date.now();
      await clubs.filter({ hasText: /^4$/ }).waitFor({ timeout: 2_000 });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      // The province table follows too: Hà Tĩnh now has three clubs.
      const haTinhRow = page.locator('.table-scroll table').last().locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: haTinh.provinceName, exact: true }) });
      await haTinhRow.locator('td').first().filter({ hasText: /^3$/ }).waitFor();

      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  });
});
