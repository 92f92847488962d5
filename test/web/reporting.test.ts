import { Role } from '../../src/auth/viewer';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { CommunePair, communesWithOneSuccessor } from '../support/given-reporting';
import { givenReporting } from '../support/given-reports';
import { startTestHub, TestHub } from '../support/hub';
import { givenPerson, openApp, releaseBrowser, seriousAxeViolations, signIn, WebSession, withScreenshot } from '../support/web';
import { dropFile, dropWebSockets, reportRow, trackWebSockets } from '../support/web-pages';

/**
 * The reporting and submission pages in Chromium, for an association officer of one Hà Tĩnh commune (PRE_2025)
 * with one club that reported January and February 2024 and not March.
 */
// Several pages and a real browser per test: generous on a shared, busy machine (2 cores).
jest.setTimeout(180_000);

let hub: TestHub;
let commune: CommunePair;
let club: Club;
let associationKey: string;
const OFFICER = 'xa@hoinct.example.vn';

beforeAll(async () => {
  hub = await startTestHub();
  const province = hub.units.find(AdminStructure.PRE_2025, '42')!;
  [commune] = await communesWithOneSuccessor(hub, province.children[0], 1);
  club = await given(hub.orm).club({ pre2025: commune.pre.code, post2025: commune.post.code, foundedOn: '2021-03-15' });
  const reports = givenReporting(hub.orm);
  await reports.report(club, '2024-01');
  await reports.report(club, '2024-02');
  const scope = { structure: AdminStructure.PRE_2025, code: commune.pre.code };
  await givenPerson(hub, { email: OFFICER, displayName: 'Lê Văn Xã', role: Role.ASSOCIATION, scope, organisation: 'Hội NCT xã' });
  associationKey = await hub.key(Role.ASSOCIATION, scope);
});

afterAll(async () => {
  await releaseBrowser();
  await hub?.stop();
});

const reportingPage = () => `/#/reporting/PRE_2025/${commune.pre.code}/2024-01/2024-03`;
const csv = (...rows: string[]) =>
  ['club_code,month,meetings_held,attendance,new_members,members_left,home_care_visits,health_checks,fund_capital', ...rows].join('\n') + '\n';
const reportLine = (month: string, meetings: string) => `${club.code},${month},${meetings},20,0,0,3,5,1.500.000`;

describe('the reporting and submission pages', () => {
  let app: WebSession;
  beforeEach(async () => {
    app = await openApp(hub);
  });
  afterEach(async () => {
    await app.context.close();
  });

  it('shows completeness by unit and month, the missing report, and approves a month, which locks it against a later write', async () => {
    const { page, pageErrors } = app;
    await withScreenshot(page, 'reporting-approve', async () => {
      await signIn(page, OFFICER);
      await page.goto(reportingPage());
      await page.getByRole('heading', { level: 1, name: new RegExp(commune.pre.fullName) }).waitFor();
      // The heat map is drawn, and its figures are in a table too.
      await page.getByRole('img', { name: /Bản đồ nhiệt/ }).locator('canvas').first().waitFor();
      const completeness = page.getByRole('table', { name: 'Bảng tỷ lệ báo cáo đầy đủ' });
      expect(await completeness.getByRole('row').nth(1).locator('td').allTextContents()).toEqual(['100 %', '100 %', '0 %']);
      // March is missing.
      const missing = page.getByRole('region', { name: /Báo cáo thiếu hoặc nộp muộn/ });
      await missing.getByRole('cell', { name: '03/2024' }).waitFor();
      expect(await missing.getByRole('row').nth(1).textContent()).toContain('Thiếu');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Approve January with the keyboard: the month is then marked locked.
      const approve = page.getByRole('button', { name: 'Phê duyệt 01/2024' });
      await approve.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Đã phê duyệt tháng 01/2024' }).waitFor();
      const january = page.locator('tr[data-month="2024-01"]');
      await january.getByText('Đã duyệt, khóa sửa').waitFor();
      expect(await january.getAttribute('class')).toBe('locked');

      // A later write to January is refused: through the API ...
      const refused = await hub.operation(
        'reporting/RecordClubReport.graphql',
        { input: { clubCode: club.code, month: '2024-01', meetingsHeld: 2, attendance: 30, newMembers: 0, membersLeft: 0, homeCareVisits: 0, healthChecks: 0, fundCapital: '0' } },
        associationKey,
      );
      expect(refused.errors?.[0].extensions?.code).toBe('PERIOD_LOCKED');
      // ... and through the submission page, whose dry run names the locked row.
      await page.getByRole('link', { name: 'Nộp dữ liệu' }).click();
      await page.getByLabel('Chọn tệp CSV').setInputFiles({ name: 'thang-1.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(reportLine('2024-01', '2'))) });
      await page.getByText('Kiểm tra thử: có lỗi, chưa ghi gì.', { exact: false }).waitFor();
      expect(await reportRow(page, 0)).toEqual(['2', 'month', 'PERIOD_LOCKED', expect.stringContaining('2024-01')]);
      expect(await page.getByRole('button', { name: 'Ghi dữ liệu' }).count()).toBe(0);

      // Unapproving needs a reason; then the month is open again.
      await page.goto(reportingPage());
      await page.getByRole('button', { name: 'Hủy phê duyệt 01/2024' }).click();
      const reason = page.getByLabel('Lý do hủy phê duyệt (bắt buộc)');
      expect(await reason.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
      expect(await page.getByRole('button', { name: 'Xác nhận hủy phê duyệt' }).isDisabled()).toBe(true);
      await reason.fill('Câu lạc bộ báo sai số buổi sinh hoạt');
      await page.getByRole('button', { name: 'Xác nhận hủy phê duyệt' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã hủy phê duyệt tháng 01/2024' }).waitFor();
      await january.getByText('Sẵn sàng phê duyệt').waitFor();
      const audit = await hub.operation('approval/ApprovalAudit.graphql', { first: 5 });
      expect(audit.data!.auditLog.edges.map((e: { node: { reason: string | null } }) => e.node.reason)).toContain('Câu lạc bộ báo sai số buổi sinh hoạt');
      // The refused dry run answered 422, which the browser logs; nothing else went wrong.
      expect(pageErrors.filter((e) => !/422/.test(e))).toEqual([]);
    });
  });

  it('updates within two seconds when another client writes through the API', async () => {
    const { page, pageErrors } = app;
    await withScreenshot(page, 'reporting-live', async () => {
      await signIn(page, OFFICER);
      await page.goto(`/#/reporting/PRE_2025/${commune.pre.code}/2024-04/2024-06`);
      const completeness = page.getByRole('table', { name: 'Bảng tỷ lệ báo cáo đầy đủ' });
      await completeness.getByRole('row').nth(1).waitFor();
      expect(await completeness.getByRole('row').nth(1).locator('td').allTextContents()).toEqual(['0 %', '0 %', '0 %']);
      await page.locator('[data-live="live"]').waitFor();

      const written = await hub.operation('reporting/RecordClubReport.graphql', {
        input: { clubCode: club.code, month: '2024-05', meetingsHeld: 1, attendance: 12, newMembers: 0, membersLeft: 0, homeCareVisits: 0, healthChecks: 0, fundCapital: '0' },
      });
      expect(written.errors).toBeUndefined();
      const started = Date.now();
      await completeness.getByRole('row').nth(1).locator('td').nth(1).filter({ hasText: /^100 %$/ }).waitFor({ timeout: 2_000 });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(pageErrors).toEqual([]);
    });
  });

  it('offers a refresh when the live connection is lost, which brings the figures and the live updates back', async () => {
    const { page, context, pageErrors } = app;
    await trackWebSockets(context);
    await withScreenshot(page, 'reporting-offline', async () => {
      await signIn(page, OFFICER);
      await page.goto(`/#/reporting/PRE_2025/${commune.pre.code}/2024-10/2024-11`);
      const completeness = page.getByRole('table', { name: 'Bảng tỷ lệ báo cáo đầy đủ' });
      const october = completeness.getByRole('row').nth(1).locator('td').nth(0);
      await october.filter({ hasText: /^0 %$/ }).waitFor();
      await page.locator('[data-live="live"]').waitFor();

      expect(await dropWebSockets(page, 4401)).toBe(1);
      await page.locator('[data-live="offline"]').getByText('Mất kết nối cập nhật trực tiếp.').waitFor();
      // A write while the page is offline does not reach it ...
      const written = await hub.operation('reporting/RecordClubReport.graphql', {
        input: { clubCode: club.code, month: '2024-10', meetingsHeld: 1, attendance: 12, newMembers: 0, membersLeft: 0, homeCareVisits: 0, healthChecks: 0, fundCapital: '0' },
      });
      expect(written.errors).toBeUndefined();
      await page.waitForTimeout(500);
      expect(await october.textContent()).toBe('0 %');
      // ... the refresh button brings it, and live updates again.
      const refresh = page.getByRole('button', { name: 'Làm mới' });
      await refresh.focus();
      await page.keyboard.press('Enter');
      await october.filter({ hasText: /^100 %$/ }).waitFor();
      await page.locator('[data-live="live"]').waitFor();
      await hub.operation('reporting/RecordClubReport.graphql', {
        input: { clubCode: club.code, month: '2024-11', meetingsHeld: 1, attendance: 12, newMembers: 0, membersLeft: 0, homeCareVisits: 0, healthChecks: 0, fundCapital: '0' },
      });
      await completeness.getByRole('row').nth(1).locator('td').nth(1).filter({ hasText: /^100 %$/ }).waitFor({ timeout: 2_000 });
      expect(pageErrors.filter((e) => !/WebSocket/i.test(e))).toEqual([]);
    });
  });

  it('checks a dropped CSV file, reports the bad row by number, and writes the fixed file', async () => {
    const { page, pageErrors } = app;
    await withScreenshot(page, 'submission', async () => {
      await signIn(page, OFFICER);
      await page.getByRole('link', { name: 'Nộp dữ liệu' }).click();
      await page.getByRole('heading', { name: 'Nộp dữ liệu bằng tệp CSV' }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Dropped, with one bad row (row 3: meetings "nhiều"): nothing is written and the row is named.
      await dropFile(page, '[data-testid="dropzone"]', 'bao-cao.csv', csv(reportLine('2024-08', '2'), reportLine('2024-09', 'nhiều')));
      await page.getByText('Kiểm tra thử: có lỗi, chưa ghi gì.', { exact: false }).waitFor();
      expect(await reportRow(page, 0)).toEqual(['3', 'meetings_held', 'INVALID', expect.any(String)]);
      expect(await page.getByRole('button', { name: 'Ghi dữ liệu' }).count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await hub.operation('reporting/ClubReports.graphql', { code: club.code, from: '2024-08', to: '2024-09' }).then((r) => r.data?.club?.reports?.length)).toBe(0);

      // Fixed and chosen with the file input from the keyboard's reach: a clean dry run, then written.
      await page.getByLabel('Chọn tệp CSV').setInputFiles({ name: 'bao-cao-da-sua.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(reportLine('2024-08', '2'), reportLine('2024-09', '1'))) });
      await page.getByText('Kiểm tra thử: không có lỗi. Có thể ghi dữ liệu.').waitFor();
      const apply = page.getByRole('button', { name: 'Ghi dữ liệu' });
      await apply.focus();
      await page.keyboard.press('Enter');
      await page.getByText('Đã ghi toàn bộ tệp.').waitFor();
      expect(await page.getByRole('region', { name: 'Kết quả kiểm tra' }).textContent()).toMatch(/Tạo mới\s*2/);
      const stored = await hub.operation('reporting/ClubReports.graphql', { code: club.code, from: '2024-08', to: '2024-09' });
      expect(stored.data!.club.reports.map((r: { month: string }) => r.month)).toEqual(['2024-08-01', '2024-09-01']);

      // The history lists the three submissions, newest first.
      const history = page.getByRole('region', { name: /Lịch sử nộp tệp/ });
      const results = await history.locator('tbody tr td:nth-child(4)').allTextContents();
      expect(results).toEqual(['Đã ghi', 'Kiểm tra thử', 'Bị từ chối']);
      expect(pageErrors.filter((e) => !/422/.test(e))).toEqual([]);
    });
  });
});
