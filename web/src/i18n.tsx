import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type Language = 'vi' | 'en';

/** Every text of the app, Vietnamese first; English must have the same keys (the type says so). */
const vi = {
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
  refresh: 'Làm mới',
  atDeadline: 'tại hạn',
  problemForbidden: 'Bạn không có quyền xem mục này.',
  problemNotFound: 'Không tìm thấy.',
  problemBusy: 'Máy chủ đang bận, vui lòng thử lại sau.',
  problemSignedOut: 'Phiên đăng nhập đã kết thúc.',
  programme: 'Chương trình',
  olderMembers: 'người cao tuổi',
  personalWithheld: 'Không hiển thị (dữ liệu cá nhân ngoài phạm vi được xem).',
  board_CHAIR: 'Chủ nhiệm',
  board_VICE_CHAIR: 'Phó chủ nhiệm',
  board_SECRETARY: 'Thư ký',
  board_TREASURER: 'Thủ quỹ',
  board_BOARD_MEMBER: 'Ủy viên',
  fund: 'Quỹ',
  fund_INCOME_GENERATION: 'Quỹ phát triển sinh kế',
  fund_ACTIVITY: 'Quỹ hoạt động',
  fund_OTHER: 'Quỹ khác',
  openedOn: 'Ngày lập',
  capital: 'Vốn hiện có',
  loans: 'Khoản vay',
  disbursedOn: 'Ngày giải ngân',
  borrower: 'Người vay',
  principal: 'Số tiền vay',
  outstanding: 'Dư nợ',
  dueOn: 'Hạn trả',
  loan_CURRENT: 'Trong hạn',
  loan_OVERDUE: 'Quá hạn',
  loan_REPAID: 'Đã trả',
  loan_WRITTEN_OFF: 'Đã xóa nợ',
  heldOn: 'Ngày sinh hoạt',
  attendance: 'Số người dự',
  activityAreas: 'Nội dung',
  visitedOn: 'Ngày giám sát',
  visitingLevel: 'Cấp giám sát',
  fullName: 'Họ và tên',
  sex: 'Giới tính',
  sex_FEMALE: 'Nữ',
  sex_MALE: 'Nam',
  birthYear: 'Năm sinh',
  poverty: 'Hộ nghèo/cận nghèo',
  poverty_POOR: 'Nghèo',
  poverty_NEAR_POOR: 'Cận nghèo',
  poverty_NOT_POOR: 'Không',
  joinedOn: 'Ngày vào',
  breadcrumbs: 'Vị trí',
  clubsWeakestFirst: 'Câu lạc bộ (chưa báo cáo hoặc yếu trước)',
  status: 'Tình trạng',
  status_ACTIVE: 'Đang hoạt động',
  status_SUSPENDED: 'Tạm ngừng',
  status_DISSOLVED: 'Đã giải thể',
  reportFor: 'Báo cáo tháng',
  reported: 'Đã báo cáo',
  notReported: 'Chưa báo cáo',
  latestRating: 'Xếp loại gần nhất',
  rating_GOOD: 'Tốt',
  rating_FAIR: 'Khá',
  rating_WEAK: 'Yếu',
  foundedOn: 'Ngày thành lập',
  activeClubs: 'CLB hoạt động',
  unreportedClubs: 'Chưa báo cáo',
  weakClubs: 'Xếp loại yếu',
  weakOrUnreported: 'Tỷ lệ yếu hoặc chưa báo cáo',
  instrument: 'Văn bản',
  decision1336: 'Quyết định 1336/QĐ-TTg',
  decision1648: 'Quyết định 1648/QĐ-TTg',
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
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
  refresh: 'Refresh',
  atDeadline: 'at the deadline',
  problemForbidden: 'You may not see this.',
  problemNotFound: 'Not found.',
  problemBusy: 'The server is busy; please try again later.',
  problemSignedOut: 'Your session has ended.',
  programme: 'Programme',
  olderMembers: 'older people',
  personalWithheld: 'Not shown (personal data outside what you may read).',
  board_CHAIR: 'Chair',
  board_VICE_CHAIR: 'Vice-chair',
  board_SECRETARY: 'Secretary',
  board_TREASURER: 'Treasurer',
  board_BOARD_MEMBER: 'Board member',
  fund: 'Fund',
  fund_INCOME_GENERATION: 'Income generation fund',
  fund_ACTIVITY: 'Activity fund',
  fund_OTHER: 'Other fund',
  openedOn: 'Opened on',
  capital: 'Capital',
  loans: 'Loans',
  disbursedOn: 'Disbursed on',
  borrower: 'Borrower',
  principal: 'Principal',
  outstanding: 'Outstanding',
  dueOn: 'Due on',
  loan_CURRENT: 'Current',
  loan_OVERDUE: 'Overdue',
  loan_REPAID: 'Repaid',
  loan_WRITTEN_OFF: 'Written off',
  heldOn: 'Held on',
  attendance: 'Attendance',
  activityAreas: 'Activity areas',
  visitedOn: 'Visited on',
  visitingLevel: 'Visiting level',
  fullName: 'Full name',
  sex: 'Sex',
  sex_FEMALE: 'Female',
  sex_MALE: 'Male',
  birthYear: 'Birth year',
  poverty: 'Poor or near-poor',
  poverty_POOR: 'Poor',
  poverty_NEAR_POOR: 'Near-poor',
  poverty_NOT_POOR: 'No',
  joinedOn: 'Joined on',
  breadcrumbs: 'Location',
  clubsWeakestFirst: 'Clubs (unreported or weak first)',
  status: 'Status',
  status_ACTIVE: 'Active',
  status_SUSPENDED: 'Suspended',
  status_DISSOLVED: 'Dissolved',
  reportFor: 'Report for',
  reported: 'Reported',
  notReported: 'Not reported',
  latestRating: 'Latest rating',
  rating_GOOD: 'Good',
  rating_FAIR: 'Fair',
  rating_WEAK: 'Weak',
  foundedOn: 'Founded on',
  activeClubs: 'Active clubs',
  unreportedClubs: 'Not reported',
  weakClubs: 'Rated weak',
  weakOrUnreported: 'Share weak or unreported',
  instrument: 'Instrument',
  decision1336: 'Decision 1336/QĐ-TTg',
  decision1648: 'Decision 1648/QĐ-TTg',
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
/** Large sums of đồng, short enough for a card: "100,7 tỷ ₫" (billion), "5,2 triệu ₫" (million). */
export function formatDongShort(n: number, language: Language): string {
  if (Math.abs(n) >= 1e9) return `${decimal.format(n / 1e9)} ${language === 'vi' ? 'tỷ' : 'billion'} ₫`;
  if (Math.abs(n) >= 1e6) return `${decimal.format(n / 1e6)} ${language === 'vi' ? 'triệu' : 'million'} ₫`;
  return dong.format(n);
}
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
