import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type Language = 'vi' | 'en';

// ---- Reporting, submission and administration pages (helper webb): kept apart to ease merging. ----
const VI_WORK = {
  rpTitle: 'Báo cáo và phê duyệt',
  rpUnitPicker: 'Đơn vị và khoảng thời gian',
  rpFrom: 'Từ tháng',
  rpTo: 'Đến tháng',
  rpShow: 'Xem',
  rpUp: 'Về đơn vị của tôi',
  rpHeatmap: 'Tỷ lệ báo cáo đầy đủ theo đơn vị và tháng',
  rpHeatmapLabel: 'Bản đồ nhiệt: tỷ lệ báo cáo đầy đủ (%) theo đơn vị và tháng; số liệu đầy đủ ở bảng bên dưới.',
  rpHeatmapTable: 'Bảng tỷ lệ báo cáo đầy đủ',
  rpApprovals: 'Phê duyệt theo tháng',
  rpMonth: 'Tháng',
  rpExpected: 'Báo cáo phải nộp',
  rpBelow: 'Đơn vị cấp dưới đã duyệt',
  rpState: 'Tình trạng',
  rpActions: 'Thao tác',
  rpLocked: 'Đã duyệt, khóa sửa',
  rpLockedAbove: 'Khóa do cấp trên đã duyệt',
  rpReady: 'Sẵn sàng phê duyệt',
  rpNotReady: 'Chưa thể phê duyệt',
  rpNotOver: 'tháng chưa kết thúc',
  rpOtherStructure: 'theo địa giới khác',
  rpBelowPending: 'còn đơn vị cấp dưới chưa duyệt',
  rpBy: 'bởi',
  rpApprove: 'Phê duyệt',
  rpUnapprove: 'Hủy phê duyệt',
  rpReason: 'Lý do hủy phê duyệt (bắt buộc)',
  rpConfirmUnapprove: 'Xác nhận hủy phê duyệt',
  rpCancel: 'Thôi',
  rpApproved: 'Đã phê duyệt tháng',
  rpUnapproved: 'Đã hủy phê duyệt tháng',
  rpMissing: 'Báo cáo thiếu hoặc nộp muộn',
  rpMissingCount: 'Số báo cáo thiếu hoặc muộn',
  rpNoneMissing: 'Không có báo cáo thiếu hay muộn.',
  rpStatus: 'Trạng thái',
  rpStatusMISSING: 'Thiếu',
  rpStatusLATE: 'Muộn',
  rpDeadline: 'Hạn nộp',
  rpSubmittedOn: 'Ngày nộp',
  rpLive: 'Đang cập nhật trực tiếp',
  rpReconnecting: 'Đang kết nối lại để cập nhật trực tiếp…',
  rpOffline: 'Mất kết nối cập nhật trực tiếp.',
  rpRefresh: 'Làm mới',
  rpUpdatedAt: 'Cập nhật lúc',
  sbTitle: 'Nộp dữ liệu bằng tệp CSV',
  sbKind: 'Loại dữ liệu',
  sbKindClubs: 'Câu lạc bộ',
  sbKindMembers: 'Thành viên',
  sbKindFund: 'Giao dịch quỹ',
  sbKindReports: 'Báo cáo tháng của câu lạc bộ',
  sbDrop: 'Kéo và thả tệp CSV (UTF-8) vào đây, hoặc',
  sbChoose: 'Chọn tệp CSV',
  sbChecking: 'Đang kiểm tra thử…',
  sbApplying: 'Đang ghi dữ liệu…',
  sbUploading: 'Đang tải lên',
  sbProcessing: 'Máy chủ đang xử lý',
  sbReport: 'Kết quả kiểm tra',
  sbDryRunClean: 'Kiểm tra thử: không có lỗi. Có thể ghi dữ liệu.',
  sbDryRunProblems: 'Kiểm tra thử: có lỗi, chưa ghi gì. Sửa tệp rồi chọn lại.',
  sbAppliedOk: 'Đã ghi toàn bộ tệp.',
  sbRefused: 'Máy chủ từ chối tệp',
  sbRow: 'Dòng',
  sbColumn: 'Cột',
  sbCode: 'Mã lỗi',
  sbMessage: 'Nội dung',
  sbRows: 'Số dòng',
  sbCreated: 'Tạo mới',
  sbUpdated: 'Cập nhật',
  sbUnchanged: 'Không đổi',
  sbProblems: 'Lỗi',
  sbApply: 'Ghi dữ liệu',
  sbHistory: 'Lịch sử nộp tệp (trên trình duyệt này)',
  sbNoHistory: 'Chưa nộp tệp nào.',
  sbWhen: 'Thời điểm',
  sbFile: 'Tệp',
  sbResult: 'Kết quả',
  sbResultDry: 'Kiểm tra thử',
  sbResultApplied: 'Đã ghi',
  sbResultRefused: 'Bị từ chối',
  adTitle: 'Quản trị tài khoản và khóa API',
  adPeople: 'Tài khoản',
  adInvite: 'Mời người dùng',
  adDisplayName: 'Họ và tên',
  adOrganisation: 'Tổ chức',
  adScopeStructure: 'Phạm vi: địa giới',
  adScopeCode: 'Phạm vi: mã đơn vị (để trống: toàn quốc)',
  adSendInvite: 'Tạo lời mời',
  adInviteLink: 'Đường dẫn đặt mật khẩu (chỉ hiện một lần, hết hạn lúc',
  adShownOnce: 'Chỉ hiện một lần: hãy lưu lại ngay.',
  adDone: 'Đã lưu, ẩn đi',
  adActive: 'Đang hoạt động',
  adDisabled: 'Đã khóa',
  adNoPassword: 'chưa đặt mật khẩu',
  adDisable: 'Khóa',
  adEnable: 'Mở khóa',
  adKeys: 'Khóa API',
  adCreateKey: 'Tạo khóa API',
  adExpiresOn: 'Hết hạn ngày (để trống: không hết hạn)',
  adPersistedOnly: 'Chỉ các truy vấn đã đăng ký',
  adNewKey: 'Khóa API mới',
  adPrefix: 'Mã khóa',
  adCreated: 'Ngày tạo',
  adExpires: 'Hết hạn',
  adRevoke: 'Thu hồi',
  adConfirmRevoke: 'Xác nhận thu hồi',
  adRevoked: 'Đã thu hồi',
  adExpired: 'Đã hết hạn',
  adNever: 'Không',
  adStatus: 'Trạng thái',
  adForbidden: 'Trang này dành cho quản trị viên.',
  actionFailed: 'Không thực hiện được',
};

const EN_WORK: Record<keyof typeof VI_WORK, string> = {
  rpTitle: 'Reporting and approval',
  rpUnitPicker: 'Unit and months',
  rpFrom: 'From month',
  rpTo: 'To month',
  rpShow: 'Show',
  rpUp: 'Back to my unit',
  rpHeatmap: 'Reporting completeness by unit and month',
  rpHeatmapLabel: 'Heat map: reporting completeness (%) by unit and month; the figures are in the table below.',
  rpHeatmapTable: 'Reporting completeness table',
  rpApprovals: 'Approval by month',
  rpMonth: 'Month',
  rpExpected: 'Reports expected',
  rpBelow: 'Units below approved',
  rpState: 'State',
  rpActions: 'Actions',
  rpLocked: 'Approved, locked',
  rpLockedAbove: 'Locked: approved above',
  rpReady: 'Ready to approve',
  rpNotReady: 'Cannot be approved yet',
  rpNotOver: 'the month is not over',
  rpOtherStructure: 'in the other structure',
  rpBelowPending: 'units below are not all approved',
  rpBy: 'by',
  rpApprove: 'Approve',
  rpUnapprove: 'Unapprove',
  rpReason: 'Reason for unapproving (required)',
  rpConfirmUnapprove: 'Confirm unapproval',
  rpCancel: 'Cancel',
  rpApproved: 'Approved month',
  rpUnapproved: 'Unapproved month',
  rpMissing: 'Missing or late reports',
  rpMissingCount: 'Missing or late reports',
  rpNoneMissing: 'No report is missing or late.',
  rpStatus: 'Status',
  rpStatusMISSING: 'Missing',
  rpStatusLATE: 'Late',
  rpDeadline: 'Deadline',
  rpSubmittedOn: 'Submitted on',
  rpLive: 'Updating live',
  rpReconnecting: 'Reconnecting for live updates…',
  rpOffline: 'The live connection was lost.',
  rpRefresh: 'Refresh',
  rpUpdatedAt: 'Updated at',
  sbTitle: 'Submit data as a CSV file',
  sbKind: 'Kind of data',
  sbKindClubs: 'Clubs',
  sbKindMembers: 'Members',
  sbKindFund: 'Fund transactions',
  sbKindReports: 'Monthly club reports',
  sbDrop: 'Drag and drop a CSV file (UTF-8) here, or',
  sbChoose: 'Choose a CSV file',
  sbChecking: 'Checking (dry run)…',
  sbApplying: 'Writing the data…',
  sbUploading: 'Uploading',
  sbProcessing: 'The server is working',
  sbReport: 'Check report',
  sbDryRunClean: 'Dry run: no problems. The file can be written.',
  sbDryRunProblems: 'Dry run: problems found, nothing written. Fix the file and choose it again.',
  sbAppliedOk: 'The whole file was written.',
  sbRefused: 'The server refused the file',
  sbRow: 'Row',
  sbColumn: 'Column',
  sbCode: 'Code',
  sbMessage: 'Message',
  sbRows: 'Rows',
  sbCreated: 'Created',
  sbUpdated: 'Updated',
  sbUnchanged: 'Unchanged',
  sbProblems: 'Problems',
  sbApply: 'Write the data',
  sbHistory: 'Submission history (this browser)',
  sbNoHistory: 'No file submitted yet.',
  sbWhen: 'When',
  sbFile: 'File',
  sbResult: 'Result',
  sbResultDry: 'Dry run',
  sbResultApplied: 'Written',
  sbResultRefused: 'Refused',
  adTitle: 'Accounts and API keys',
  adPeople: 'Accounts',
  adInvite: 'Invite a person',
  adDisplayName: 'Full name',
  adOrganisation: 'Organisation',
  adScopeStructure: 'Scope: structure',
  adScopeCode: 'Scope: unit code (empty: the whole nation)',
  adSendInvite: 'Create the invitation',
  adInviteLink: 'Set-password link (shown once, expires at',
  adShownOnce: 'Shown only once: store it now.',
  adDone: 'Stored, hide it',
  adActive: 'Active',
  adDisabled: 'Disabled',
  adNoPassword: 'no password yet',
  adDisable: 'Disable',
  adEnable: 'Enable',
  adKeys: 'API keys',
  adCreateKey: 'Create an API key',
  adExpiresOn: 'Expires on (empty: never)',
  adPersistedOnly: 'Registered operations only',
  adNewKey: 'New API key',
  adPrefix: 'Key id',
  adCreated: 'Created',
  adExpires: 'Expires',
  adRevoke: 'Revoke',
  adConfirmRevoke: 'Confirm revocation',
  adRevoked: 'Revoked',
  adExpired: 'Expired',
  adNever: 'Never',
  adStatus: 'Status',
  adForbidden: 'This page is for administrators.',
  actionFailed: 'It could not be done',
};
// ---- end of helper webb's block ----

/** Every text of the app, Vietnamese first; English must have the same keys (the type says so). */
const vi = {
  ...VI_WORK,
  appTitle: 'Câu lạc bộ Liên thế hệ tự giúp nhau',
  appShort: 'CLB LTHTGN',
  skipToContent: 'Chuyển đến nội dung chính',
  mainMenu: 'Menu chính',
  language: 'Ngôn ngữ',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  signIn: 'Đăng nhập',
  signInTitle: 'Đăng nhập bằng tài khoản cá nhân',
  email: 'Thư điện tử',
  password: 'Mật khẩu',
  totp: 'Mã xác thực (6 chữ số)',
  signingIn: 'Đang đăng nhập…',
  setPasswordTitle: 'Đặt mật khẩu cho tài khoản',
  newPassword: 'Mật khẩu mới (ít nhất 12 ký tự)',
  setPassword: 'Đặt mật khẩu và đăng nhập',
  signOut: 'Đăng xuất',
  signedInAs: 'Đang đăng nhập:',
  wrongCredentials: 'Thư điện tử hoặc mật khẩu không đúng.',
  secondFactorNeeded: 'Tài khoản này cần mã xác thực thứ hai.',
  tooManyAttempts: 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau.',
  requestFailed: 'Không kết nối được máy chủ. Vui lòng thử lại.',
  loading: 'Đang tải…',
  retry: 'Thử lại',
  notFound: 'Không tìm thấy trang này.',
  overview: 'Tổng quan',
  drillDown: 'Theo địa bàn',
  reporting: 'Báo cáo',
  submission: 'Nộp dữ liệu',
  administration: 'Quản trị',
  role: 'Vai trò',
  scope: 'Phạm vi',
  wholeNation: 'Toàn quốc',
  period: 'Kỳ báo cáo',
  structure: 'Địa giới hành chính',
  structurePre: 'Trước 1/7/2025 (63 tỉnh)',
  structurePost: 'Từ 1/7/2025 (34 tỉnh)',
  indicator: 'Chỉ tiêu',
  value: 'Giá trị',
  target: 'Mục tiêu',
  achievement: 'Đạt',
  unit: 'Đơn vị',
  headlines: 'Số liệu chính',
  targets: 'Mục tiêu Quyết định 1336 và 1648',
  map: 'Bản đồ theo tỉnh',
  timeSeries: 'Diễn biến theo tháng',
  table: 'Bảng số liệu theo tỉnh',
  exportCsv: 'Tải CSV',
  exportDhis2: 'Tải DHIS2 (JSON)',
  sortBy: 'Sắp xếp theo',
  noData: 'Chưa có số liệu',
  suppressed: 'làm tròn (bảo vệ dữ liệu cá nhân)',
  mapCredit: 'Bản đồ: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.',
  hoangSa: 'Quần đảo Hoàng Sa (Đà Nẵng)',
  truongSa: 'Quần đảo Trường Sa (Khánh Hòa)',
  nation: 'Toàn quốc',
  province: 'Tỉnh/thành phố',
  district: 'Quận/huyện',
  commune: 'Xã/phường',
  club: 'Câu lạc bộ',
  ranking: 'Xếp hạng (yếu nhất trước)',
  clubs: 'Câu lạc bộ',
  members: 'Thành viên',
  board: 'Ban chủ nhiệm',
  meetings: 'Sinh hoạt',
  funds: 'Quỹ và khoản vay',
  visits: 'Giám sát',
  back: 'Quay lại',
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  ...EN_WORK,
  appTitle: 'Intergenerational Self-Help Clubs',
  appShort: 'ISHC',
  skipToContent: 'Skip to main content',
  mainMenu: 'Main menu',
  language: 'Language',
  switchLanguage: 'Tiếng Việt',
  switchLanguageLabel: 'Chuyển sang tiếng Việt',
  signIn: 'Sign in',
  signInTitle: 'Sign in with your personal account',
  email: 'E-mail',
  password: 'Password',
  totp: 'Authentication code (6 digits)',
  signingIn: 'Signing in…',
  setPasswordTitle: 'Choose the password of your account',
  newPassword: 'New password (at least 12 characters)',
  setPassword: 'Set the password and sign in',
  signOut: 'Sign out',
  signedInAs: 'Signed in as',
  wrongCredentials: 'Wrong e-mail address or password.',
  secondFactorNeeded: 'This account needs its second factor.',
  tooManyAttempts: 'Too many failed sign-ins; try again later.',
  requestFailed: 'The server could not be reached. Please try again.',
  loading: 'Loading…',
  retry: 'Try again',
  notFound: 'There is no such page.',
  overview: 'Overview',
  drillDown: 'By area',
  reporting: 'Reporting',
  submission: 'Submission',
  administration: 'Administration',
  role: 'Role',
  scope: 'Scope',
  wholeNation: 'Whole nation',
  period: 'Period',
  structure: 'Administrative structure',
  structurePre: 'Before 1 July 2025 (63 provinces)',
  structurePost: 'From 1 July 2025 (34 provinces)',
  indicator: 'Indicator',
  value: 'Value',
  target: 'Target',
  achievement: 'Achieved',
  unit: 'Unit',
  headlines: 'Headline figures',
  targets: 'Decision 1336 and 1648 targets',
  map: 'Map by province',
  timeSeries: 'Monthly time series',
  table: 'Figures by province',
  exportCsv: 'Download CSV',
  exportDhis2: 'Download DHIS2 (JSON)',
  sortBy: 'Sort by',
  noData: 'No data yet',
  suppressed: 'rounded (personal data protection)',
  mapCredit: 'Map: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.',
  hoangSa: 'Hoàng Sa archipelago (Đà Nẵng)',
  truongSa: 'Trường Sa archipelago (Khánh Hòa)',
  nation: 'Nation',
  province: 'Province',
  district: 'District',
  commune: 'Commune',
  club: 'Club',
  ranking: 'Ranking (weakest first)',
  clubs: 'Clubs',
  members: 'Members',
  board: 'Board',
  meetings: 'Meetings',
  funds: 'Funds and loans',
  visits: 'Supervision visits',
  back: 'Back',
};

const MESSAGES: Record<Language, Record<MessageKey, string>> = { vi, en };

// Numbers, dates and đồng are written the Vietnamese way in both languages (1.234,5; 07/12/2026; 1.000 ₫).
const LOCALE = 'vi-VN';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const dong = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
const date = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric' });

export const formatInteger = (n: number): string => integer.format(n);
export const formatDecimal = (n: number): string => decimal.format(n);
export const formatPercent = (n: number): string => `${decimal.format(n)} %`;
export const formatDong = (n: number): string => dong.format(n);
export const formatDate = (iso: string): string => date.format(new Date(`${iso.slice(0, 10)}T00:00:00`));

/** "202507" → "07/2025"; "2025" stays; "2025Q3" → "Q3/2025". */
export function formatPeriod(period: string): string {
  if (/^\d{6}$/.test(period)) return `${period.slice(4)}/${period.slice(0, 4)}`;
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) return `Q${quarter[2]}/${quarter[1]}`;
  return period;
}

/** A value in the unit the catalogue gives its indicator. */
export function formatValue(value: number | null | undefined, unit: string | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'PERCENT':
      return formatPercent(value);
    case 'DONG':
      return formatDong(value);
    case 'RATIO':
      return formatDecimal(value);
    default:
      return formatInteger(value);
  }
}

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey): string;
  /** The indicator's name in the current language. */
  name(item: { nameVi: string; nameEn: string }): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'ishc.language';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi'));
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = MESSAGES[language].appTitle;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key) => MESSAGES[language][key],
      name: (item) => (language === 'vi' ? item.nameVi : item.nameEn),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
