/** Vietnamese wording for courses, awards and ledger notes. */

const nfc = (s: string) => s.normalize('NFC');
const lines = (...items: string[]) => items.map(nfc);

export const COURSE_TITLES = lines(
  'Tập huấn nâng cao năng lực Ban chủ nhiệm CLB LTHTGN',
  'Tập huấn quản lý quỹ và tín dụng quay vòng cho CLB LTHTGN',
  'Tập huấn chăm sóc sức khỏe và chăm sóc tại nhà cho người cao tuổi',
  'Tập huấn kỹ năng tổ chức sinh hoạt CLB Liên thế hệ tự giúp nhau',
  'Tập huấn thành lập và duy trì CLB Liên thế hệ tự giúp nhau',
  'Tập huấn phát triển sinh kế, tạo thu nhập cho hội viên',
  'Tập huấn ghi chép sổ sách, báo cáo và theo dõi hoạt động CLB',
  'Hội nghị tập huấn triển khai Quyết định 1336/QĐ-TTg',
  'Tập huấn tình nguyện viên chăm sóc người cao tuổi tại nhà',
  'Tập huấn huy động nguồn lực cho CLB LTHTGN',
);

/** Titles used from 2025-08 on, when Decision 1648/QĐ-TTg replaced 1336. */
export const COURSE_TITLES_1648 = lines(
  'Tập huấn triển khai Quyết định 1648/QĐ-TTg về nhân rộng CLB LTHTGN',
  'Tập huấn nâng cao năng lực Ban chủ nhiệm CLB LTHTGN',
  'Tập huấn chuyển đổi số trong quản lý CLB Liên thế hệ tự giúp nhau',
  'Tập huấn chăm sóc sức khỏe và chăm sóc tại nhà cho người cao tuổi',
);

export const COURSE_TOPICS = lines(
  'Quản lý quỹ',
  'Tín dụng quay vòng',
  'Chăm sóc tại nhà',
  'Chăm sóc sức khỏe ban đầu',
  'Sinh kế và tạo thu nhập',
  'Tổ chức sinh hoạt CLB',
  'Ghi chép sổ sách và báo cáo',
  'Quyền và chính sách đối với người cao tuổi',
  'Huy động nguồn lực',
  'Văn hóa, văn nghệ, thể dục thể thao',
  'Kỹ năng lãnh đạo và điều hành',
  'Phòng chống thiên tai và biến đổi khí hậu',
  'Chuyển đổi số',
);

export const AWARD_REASONS_CLUB = lines(
  'Đã có thành tích xuất sắc trong xây dựng và phát triển CLB Liên thế hệ tự giúp nhau',
  'Có thành tích tiêu biểu trong phong trào chăm sóc và phát huy vai trò người cao tuổi',
  'Hoàn thành xuất sắc nhiệm vụ thực hiện Đề án nhân rộng mô hình CLB Liên thế hệ tự giúp nhau',
  'Có thành tích trong hỗ trợ hội viên phát triển sinh kế, giảm nghèo bền vững',
);
export const AWARD_REASONS_MEMBER = lines(
  'Có thành tích xuất sắc trong công tác chăm sóc người cao tuổi tại cộng đồng',
  'Gương người cao tuổi tiêu biểu trong phong trào thi đua "Tuổi cao - Gương sáng"',
  'Có nhiều đóng góp trong hoạt động của CLB Liên thế hệ tự giúp nhau',
  'Tình nguyện viên tiêu biểu chăm sóc người cao tuổi tại nhà',
);
export const AWARD_REASONS_ASSOCIATION = lines(
  'Đã có thành tích xuất sắc trong chỉ đạo nhân rộng mô hình CLB Liên thế hệ tự giúp nhau',
  'Hoàn thành xuất sắc nhiệm vụ công tác Hội và phong trào người cao tuổi',
  'Có thành tích xuất sắc trong thực hiện Chương trình hành động quốc gia về người cao tuổi',
);

export const EXPENSE_NOTES = lines(
  'Thăm hỏi hội viên ốm đau',
  'Quà Tết cho hội viên nghèo, cận nghèo',
  'Hỗ trợ hoạt động chăm sóc tại nhà',
  'Tổ chức sinh hoạt văn nghệ, thể dục thể thao',
  'Phúng viếng hội viên qua đời',
  'Mừng thọ hội viên cao tuổi',
  'Mua văn phòng phẩm, sổ sách',
  'Khám sức khỏe định kỳ cho hội viên',
);

export const CONTRIBUTION_NOTES: Record<string, string> = {
  MEMBERS: nfc('Hội viên góp vốn'),
  COMMUNE_BUDGET: nfc('Ngân sách xã hỗ trợ'),
  ASSOCIATION: nfc('Hội Người cao tuổi hỗ trợ'),
  DONOR_OR_PROJECT: nfc('Dự án tài trợ vốn'),
  FUNDRAISING: nfc('Vận động nhà hảo tâm ủng hộ'),
};

export const NATIONAL_ASSOCIATION = nfc('Trung ương Hội Người cao tuổi Việt Nam');
/** The ministry in charge of older people: labour and social affairs until 2025, then health. */
export const MINISTRY_BEFORE_2025 = nfc('Bộ Lao động - Thương binh và Xã hội');
export const MINISTRY_FROM_2025 = nfc('Bộ Y tế');
