import { Rng, weightedTable, WeightedTable } from './rng';

/**
 * Vietnamese personal names and ethnicities. Family names follow their national frequency (Nguyễn first);
 * women mostly carry the middle name "Thị", men "Văn" and a few others. Highland and Khmer communities get
 * their own naming patterns. Every string is NFC.
 */

const nfc = (s: string) => s.normalize('NFC');
const table = (pairs: Array<[string, number]>): WeightedTable<string> =>
  weightedTable(pairs.map(([name, weight]) => [nfc(name), weight] as const));
const list = (text: string) => text.split(',').map((s) => nfc(s.trim()));

const KINH_FAMILY_COMMON: Array<[string, number]> = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Phan', 4.5], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4],
  ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Đào', 0.6], ['Trịnh', 0.5], ['Mai', 0.5],
  ['Lương', 0.4], ['Cao', 0.4], ['Tạ', 0.3], ['Hà', 0.5], ['Lâm', 0.3], ['Tô', 0.2], ['Thái', 0.3], ['Chu', 0.2],
  ['Trương', 0.6], ['Kiều', 0.1], ['La', 0.1], ['Quách', 0.1], ['Đoàn', 0.4], ['Lưu', 0.3], ['Triệu', 0.2],
  ['Tăng', 0.1], ['Từ', 0.1], ['Nghiêm', 0.1], ['Khúc', 0.05],
];
/** Hoàng and Vũ are northern spellings; Huỳnh and Võ their southern counterparts. */
const KINH_FAMILY_NORTH = table([...KINH_FAMILY_COMMON, ['Hoàng', 4.5], ['Vũ', 3.5], ['Võ', 0.6], ['Huỳnh', 0.2]]);
const KINH_FAMILY_SOUTH = table([...KINH_FAMILY_COMMON, ['Hoàng', 1], ['Vũ', 0.5], ['Võ', 4], ['Huỳnh', 4]]);

const MIDDLE_FEMALE = table([
  ['Thị', 80], ['Ngọc', 4], ['Thu', 3], ['Thanh', 3], ['Kim', 3], ['Hồng', 2], ['Xuân', 2], ['Minh', 1], ['Mỹ', 1], ['Bích', 1],
]);
const MIDDLE_MALE = table([
  ['Văn', 55], ['Đức', 8], ['Hữu', 7], ['Minh', 6], ['Đình', 5], ['Quang', 5], ['Công', 4], ['Ngọc', 3], ['Xuân', 3],
  ['Thanh', 3], ['Bá', 2], ['Trọng', 2], ['Quốc', 2], ['Duy', 1],
]);
const GIVEN_FEMALE = list(
  'Lan, Hoa, Mai, Hương, Hạnh, Hồng, Thu, Hà, Nga, Loan, Liên, Thủy, Hằng, Hiền, Nhung, Dung, Phương, Yến, Xuân, Tâm, ' +
    'Bình, Tuyết, Cúc, Đào, Lý, Sen, Thoa, Vân, Huệ, Oanh, Lài, Thắm, Nhàn, Tình, Lụa, Huyền, Hòa, Ngân, Trang, Linh, ' +
    'Thảo, Quý, Thanh, Chi, Lệ, Mận, Hợi, Sáu, Tư, Năm, Bảy, Tám, Chín, Gấm, Nhiên, Vinh, Nguyệt, Bé, Hiên, Luyến',
);
const GIVEN_MALE = list(
  'Hùng, Dũng, Minh, Tuấn, Thắng, Hải, Sơn, Bình, Long, Nam, Phúc, Quang, Thành, Trung, Đức, Hòa, Lâm, Tài, Tiến, ' +
    'Hưng, Khánh, Lộc, Toàn, Vinh, Chiến, Cường, Lợi, Thịnh, Hiếu, Nghĩa, Sáu, Bảy, Tư, Hai, Ba, Hoan, Kỳ, Lực, ' +
    'Thuận, Tùng, Phong, Tâm, Quý, Thìn, Tý, Sửu, Dần, Mạnh, Khang, Thái, Lương, Hậu, Định, Viết',
);

interface NamingStyle {
  family: WeightedTable<string>;
  /** Two-part highland names: a prefix by sex (H', Y) and a clan name after the given name. */
  pattern: 'kinh' | 'ede' | 'giarai' | 'hmong' | 'khmer' | 'prefixed';
  givenFemale?: string[];
  givenMale?: string[];
}

const ethnicFamily = (names: string) => table(list(names).map((n, i) => [n, i < 3 ? 4 : 1]));

const STYLES: Record<string, NamingStyle> = {
  Tày: { family: ethnicFamily('Nông, Hoàng, Lục, Ma, Lương, Hà, Triệu, Đàm, Vi, Sầm'), pattern: 'kinh' },
  Nùng: { family: ethnicFamily('Nông, Hoàng, Lăng, Lành, Mã, Vi, Triệu, Chu'), pattern: 'kinh' },
  Thái: { family: ethnicFamily('Lò, Lường, Cầm, Quàng, Hà, Vi, Lự, Tòng, Sầm, Lừ'), pattern: 'kinh' },
  Mường: { family: ethnicFamily('Bùi, Đinh, Quách, Hà, Xa, Cao, Trương'), pattern: 'kinh' },
  Dao: { family: ethnicFamily('Triệu, Bàn, Đặng, Lý, Chảo, Tẩn, Phùng'), pattern: 'kinh' },
  'Sán Chay': { family: ethnicFamily('Hoàng, Lâm, Lý, Trần, Đặng'), pattern: 'kinh' },
  'Sán Dìu': { family: ethnicFamily('Trần, Lý, Diệp, Lưu, Tạ'), pattern: 'kinh' },
  'Khơ Mú': { family: ethnicFamily('Vi, Lô, Lò, Cụt, Xồng'), pattern: 'kinh' },
  Hoa: { family: ethnicFamily('Lý, Trần, Lâm, Quách, Lưu, Trương, Tăng, Diệp, Hứa'), pattern: 'kinh' },
  Chăm: { family: ethnicFamily('Đàng, Quảng, Thiên Sanh, Thập, Báo, Lưu'), pattern: 'kinh' },
  Hrê: { family: ethnicFamily('Đinh, Phạm, Đinh Thị'), pattern: 'kinh' },
  'Bru-Vân Kiều': { family: ethnicFamily('Hồ, Lê, Hồ Thị, Kray'), pattern: 'kinh' },
  "H'Mông": { family: ethnicFamily('Giàng, Sùng, Vàng, Lý, Thào, Hầu, Mùa, Lầu, Hờ, Vừ'), pattern: 'hmong',
    givenFemale: list('Mỷ, Dợ, Súa, Mua, Dua, Chá, Ly, Sua, Pà, Xúa'), givenMale: list('Páo, Chư, Dính, Pó, Sính, Lử, Tủa, Vảng, Chính, Sử') },
  'Ê Đê': { family: ethnicFamily('Êban, Niê, Mlô, Byă, Ksơr, Adrơng, Hmŏk, Ktla, Êya, Knul, Mđrăng'), pattern: 'ede',
    givenFemale: list('Nga, Bia, Lê, Hoa, Mai, Blin, Đuôn, Jen, Rin, Bliêt, Yơn, Hnga, Ngơn'), givenMale: list('Bhin, Jút, Kông, Lang, Nam, Sơn, Djao, Khăm, Thông, Kuin, Ngơn, Bim') },
  "M'nông": { family: ethnicFamily('Điểu, Thị, Bon, Nđu, Lơ, Y'), pattern: 'prefixed',
    givenFemale: list('Hoa, Blôi, Nguyên, Drơng, Rin, Ngăn, Bliên'), givenMale: list('Kông, Lơi, Bré, Đắk, Jôn, Lang, Srơn') },
  'Gia Rai': { family: ethnicFamily('Ksor, Rơ Châm, Siu, Rơ Mah, Kpă, Nay, Rcom, Puih'), pattern: 'giarai',
    givenFemale: list('Bơ, Lan, Hneh, Nhưi, Blương, Thu, Huê'), givenMale: list('Hlach, Blứ, Thuk, Nghim, Đôh, Sơn, Kơr') },
  'Ba Na': { family: ethnicFamily('Đinh, A, Y, Rơ Châm'), pattern: 'prefixed',
    givenFemale: list('Blưi, Hyang, Ngát, Thơi, Brăh'), givenMale: list('Blúi, Djrăng, Nhuinh, Hrin, Tơr') },
  'Xơ Đăng': { family: ethnicFamily('A, Y'), pattern: 'prefixed',
    givenFemale: list('Bloan, Thương, Hnia, Huênh'), givenMale: list('Thuyên, Rơi, Pót, Dương, Khiêm') },
  'Giẻ Triêng': { family: ethnicFamily('A, Y'), pattern: 'prefixed',
    givenFemale: list('Lan, Blang, Hiên'), givenMale: list('Nhấp, Kớp, Thin') },
  "K'Ho": { family: ethnicFamily('Ka, Kơ Să, Liêng, Ksor'), pattern: 'prefixed',
    givenFemale: list('Brel, Hoa, Nhi, Lươm'), givenMale: list('Brơi, Drim, Sờ, Ha Ni') },
  Mạ: { family: ethnicFamily('Điểu, Ka'), pattern: 'prefixed', givenFemale: list('Thị Mai, Thị Hồng'), givenMale: list("K'Lơi, Son") },
  'Chu Ru': { family: ethnicFamily('Ya, Ma, Touneh'), pattern: 'prefixed', givenFemale: list('Hiền, Lâm'), givenMale: list('Thuyết, Krá') },
  Raglai: { family: ethnicFamily('Pi Năng, Chamaléa, Mấu, Katơr'), pattern: 'kinh' },
  'Cơ Tu': { family: ethnicFamily("Bh'riu, A Lăng, Zơ Râm, Pơ Loong, Bnướch"), pattern: 'kinh' },
  'Tà Ôi': { family: ethnicFamily('Hồ, Kăn, Căn, Lê'), pattern: 'kinh' },
  'Pa Kô': { family: ethnicFamily('Hồ, Kăn, Pả'), pattern: 'kinh' },
  Cor: { family: ethnicFamily('Đinh, Hồ, Cao'), pattern: 'kinh' },
  Xtiêng: { family: ethnicFamily('Điểu, Thị'), pattern: 'prefixed', givenFemale: list('Thị Hên, Thị Ngơi'), givenMale: list('Lắp, Bình, Khánh') },
  Khmer: { family: ethnicFamily('Thạch, Sơn, Kim, Danh, Lâm, Lý, Châu'), pattern: 'khmer',
    givenFemale: list('Sa Ra, Sô Phi, Sà Phone, Chanh Thu, Ngọc Hân, Sóc Pha, Ra Ny'), givenMale: list('Sóc, Phol, Sa Rươne, Chanh, Đa Ra, Sô Phan, Kim Sang') },
};

export type Sex = 'FEMALE' | 'MALE';

/** A full name: family name, middle name and given name (or the ethnic group's own pattern). */
export function personName(rng: Rng, sex: Sex, ethnicity: string, southern: boolean): string {
  const style = STYLES[ethnicity];
  const female = sex === 'FEMALE';
  if (!style) {
    const family = rng.weighted(southern ? KINH_FAMILY_SOUTH : KINH_FAMILY_NORTH);
    return `${family} ${rng.weighted(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
  }
  const family = rng.weighted(style.family);
  const ownGiven = female ? style.givenFemale : style.givenMale;
  const given = ownGiven && rng.chance(0.7) ? rng.pick(ownGiven) : rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  switch (style.pattern) {
    case 'ede':
      return female ? `H'${given} ${family}` : `Y ${given} ${family}`;
    case 'giarai':
      return female ? `${family} H'${given}` : `${family} ${given}`;
    case 'hmong':
      return `${family} ${female ? 'Thị' : rng.pick(['A', 'Seo', 'Chứ', 'Mí'])} ${given}`;
    case 'khmer':
      return `${family} ${female ? 'Thị' : rng.pick(['Văn', 'Văn', 'Ngọc'])} ${given}`;
    case 'prefixed':
      return `${family} ${female && !given.startsWith('Thị') ? 'Thị ' : ''}${given}`;
    default:
      return `${family} ${rng.weighted(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${given}`;
  }
}

/** Ethnic composition by PRE_2025 province code (percent, from the 2019 census, rounded); the rest are Kinh. */
const ETHNIC_MIX: Record<string, Array<[string, number]>> = {
  '02': [["H'Mông", 32], ['Tày', 23], ['Dao', 15], ['Nùng', 10]],
  '04': [['Tày', 41], ['Nùng', 31], ["H'Mông", 10], ['Dao', 10]],
  '06': [['Tày', 52], ['Dao', 17], ['Nùng', 9], ["H'Mông", 7]],
  '08': [['Tày', 25], ['Dao', 11], ['Sán Chay', 8], ["H'Mông", 5], ['Nùng', 2]],
  '10': [["H'Mông", 24], ['Tày', 15], ['Dao', 14], ['Nùng', 4]],
  '11': [["H'Mông", 36], ['Thái', 34], ['Khơ Mú', 3]],
  '12': [["H'Mông", 40], ['Thái', 32], ['Dao', 13]],
  '14': [['Thái', 53], ["H'Mông", 16], ['Mường', 8]],
  '15': [['Tày', 19], ['Dao', 11], ["H'Mông", 11], ['Thái', 6]],
  '17': [['Mường', 63], ['Thái', 4], ['Tày', 3], ['Dao', 2]],
  '19': [['Tày', 11], ['Nùng', 6], ['Sán Dìu', 4], ['Dao', 2]],
  '20': [['Nùng', 42], ['Tày', 35], ['Dao', 4]],
  '22': [['Dao', 5], ['Tày', 3], ['Sán Dìu', 2], ['Hoa', 1]],
  '24': [['Nùng', 5], ['Tày', 3], ['Sán Chay', 2], ['Sán Dìu', 1]],
  '25': [['Mường', 14]],
  '26': [['Sán Dìu', 3]],
  '37': [['Mường', 2]],
  '38': [['Mường', 9], ['Thái', 6], ["H'Mông", 1]],
  '40': [['Thái', 10], ['Khơ Mú', 1], ["H'Mông", 1]],
  '44': [['Bru-Vân Kiều', 2]],
  '45': [['Bru-Vân Kiều', 9], ['Pa Kô', 2]],
  '46': [['Tà Ôi', 2], ['Cơ Tu', 1]],
  '49': [['Cơ Tu', 3], ['Xơ Đăng', 3], ['Giẻ Triêng', 1]],
  '51': [['Hrê', 10], ['Cor', 2]],
  '52': [['Ba Na', 2], ['Hrê', 1]],
  '54': [['Ê Đê', 3], ['Chăm', 2], ['Ba Na', 1]],
  '56': [['Raglai', 4]],
  '58': [['Chăm', 12], ['Raglai', 11]],
  '60': [['Chăm', 3], ['Hoa', 2], ['Raglai', 1]],
  '62': [['Xơ Đăng', 24], ['Ba Na', 12], ['Giẻ Triêng', 6], ['Gia Rai', 4]],
  '64': [['Gia Rai', 30], ['Ba Na', 12]],
  '66': [['Ê Đê', 18], ['Tày', 3], ['Nùng', 3], ["M'nông", 3], ["H'Mông", 1], ['Gia Rai', 1]],
  '67': [["M'nông", 9], ['Nùng', 6], ['Tày', 5], ["H'Mông", 5], ['Dao', 3], ['Ê Đê', 1]],
  '68': [["K'Ho", 12], ['Mạ', 3], ['Nùng', 2], ['Tày', 2], ['Chu Ru', 2]],
  '70': [['Xtiêng', 9], ['Khmer', 2], ['Tày', 2], ['Nùng', 2]],
  '72': [['Khmer', 1]],
  '74': [['Hoa', 1]],
  '75': [['Hoa', 4], ['Nùng', 1], ['Tày', 1]],
  '79': [['Hoa', 5], ['Khmer', 1]],
  '84': [['Khmer', 31], ['Hoa', 1]],
  '89': [['Khmer', 4], ['Chăm', 1], ['Hoa', 1]],
  '91': [['Khmer', 12], ['Hoa', 2]],
  '92': [['Khmer', 2], ['Hoa', 1]],
  '93': [['Khmer', 2], ['Hoa', 1]],
  '94': [['Khmer', 30], ['Hoa', 5]],
  '95': [['Khmer', 8], ['Hoa', 2]],
  '96': [['Khmer', 2], ['Hoa', 1]],
};

const MIX_CACHE = new Map<string, WeightedTable<string>>();

/** The ethnic mix of a province as a sampling table (Kinh makes up the rest). */
export function ethnicMix(provinceCode: string): WeightedTable<string> {
  let mix = MIX_CACHE.get(provinceCode);
  if (!mix) {
    const minorities = (ETHNIC_MIX[provinceCode] ?? []).map(([name, pct]) => [nfc(name), pct] as [string, number]);
    const rest = 100 - minorities.reduce((sum, [, pct]) => sum + pct, 0);
    mix = weightedTable<string>([['Kinh', rest], ...minorities]);
    MIX_CACHE.set(provinceCode, mix);
  }
  return mix;
}

/** Provinces from Quảng Bình southwards use the southern family-name spellings. */
export function isSouthern(provinceCode: string): boolean {
  return Number(provinceCode) >= 44;
}
