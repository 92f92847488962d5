import { Rng } from './rng';

/** Names of villages (thôn, xóm, bản, buôn, plei, ấp, tổ dân phố) and the lower-case labels of units. */

const nfc = (s: string) => s.normalize('NFC');
const list = (text: string) => text.split(',').map((s) => nfc(s.trim()));

const THON = list(
  'Đông, Tây, Nam, Bắc, Thượng, Hạ, Trung, Tân Phú, An Phú, Hưng Phú, Phú Lộc, Yên Lạc, Đồng Tâm, Tân Lập, Quyết Tiến, ' +
    'Thắng Lợi, Hòa Bình, Đoàn Kết, Phú Mỹ, Tiền Phong, Hồng Phong, Xuân Lộc, Hợp Nhất, Thanh Bình, Đông Hòa, Trung Hòa, ' +
    'Liên Hà, An Lạc, Tân Hưng, Vĩnh An, Phúc Lộc, Đại Đồng, Kim Sơn, Bình Minh, Tân Sơn, Trung Sơn, Thanh Sơn, Tân Tiến, ' +
    'Đông Tiến, Minh Khai, Quang Trung, Bắc Sơn, Yên Thịnh, Hòa Lạc, Phú Hòa, Nam Tiến, Tân Thành, Cẩm Hưng, Đức Thịnh, ' +
    'Tân Hòa, Phú Xuân, Hòa Hợp, Đồng Xuân, Thọ Vực, Kim Liên, Văn Phú, Lạc Thiện, Mỹ Lộc, Hội Thống',
);
const BAN = list(
  'Na Hang, Pác Ngòi, Nà Làng, Khuổi Nà, Nậm Cang, Pá Khoang, Hua Ta, Phiêng Lơi, Co Muông, Nà Lừa, Bó Mạ, Lao Chải, ' +
    'Tả Van, Sín Chải, Nà Hẩu, Huổi Só, Pắc Ma, Nậm Pồ, Nà Tấu, Phiêng Cằm, Hồng Ngài, Lũng Vầy, Mường Pồn, Púng Luông, ' +
    'Nà Sản, Co Phày, Bản Mòng, Tà Chải',
);
const BUON = list(
  'Ko Tam, Đôn, Ea Sup, Kmrơng Prông, Akŏ Dhông, Tring, Jun, Ea Bông, Cuôr Đăng, Ea Kmát, Ea Hning, Dham, Ea Na, ' +
    'Kô Siêr, Đung, Krông, Ea Tu, Kplang, Ea M\'droh',
);
const PLEI = list('Ơi, Chuét, Kly, Ring, Rơ Wai, Bông, Ia Gri, Tơ Nêh, Kon Klor, Kon Rờ Bàng, Tơ Vơn, Đê Kôp, Kon Jri');
const AP = list(
  'Tân Lợi, Bình Hòa, Phú Thạnh, Long Hưng, Mỹ Thuận, Tân Thới, Vĩnh Lợi, Hòa Thạnh, An Thạnh, Phước Lợi, Bình Thạnh, ' +
    'Long Thới, Thạnh Phú, Mỹ Hòa, Tân Hiệp, Đông Thạnh, Hưng Lợi, Phú Hữu, Bình An, Tân Qui, Vĩnh Phước, Thới Hòa',
);
const AP_KHMER = list('Sóc Xoài, Tà Ân, Prey Chóp, Bưng Cốc, Sóc Tháp, Trà Canh, Đại Ân, Ô Chum, Trà Sết, Sà Lôn');

const NORTHERN_MINORITIES = new Set(list("Thái, H'Mông, Tày, Nùng, Dao, Khơ Mú, Sán Chay, Sán Dìu"));
const HIGHLAND_BUON = new Set(list("Ê Đê, M'nông"));
const HIGHLAND_PLEI = new Set(list('Gia Rai, Ba Na, Xơ Đăng, Giẻ Triêng'));

export interface VillageContext {
  provinceCode: string;
  /** A ward or township: streets are grouped in tổ dân phố / khu phố. */
  urban: boolean;
  /** The ethnicity most members of the club share. */
  ethnicity: string;
}

function candidate(rng: Rng, ctx: VillageContext): string {
  const code = Number(ctx.provinceCode);
  const south = code >= 70;
  if (ctx.urban) return south ? `Khu phố ${rng.int(1, 12)}` : `Tổ dân phố ${rng.int(1, 25)}`;
  if (NORTHERN_MINORITIES.has(ctx.ethnicity)) return `Bản ${rng.pick(BAN)}`;
  if (ctx.ethnicity === 'Mường') return `Xóm ${rng.pick(BAN)}`;
  if (HIGHLAND_BUON.has(ctx.ethnicity)) return `Buôn ${rng.pick(BUON)}`;
  if (HIGHLAND_PLEI.has(ctx.ethnicity)) return rng.chance(0.6) ? `Plei ${rng.pick(PLEI)}` : `Làng ${rng.pick(PLEI)}`;
  if (ctx.ethnicity === 'Khmer') return `Ấp ${rng.pick(AP_KHMER)}`;
  if (south) return rng.chance(0.8) ? `Ấp ${rng.pick(AP)}` : `Ấp ${rng.int(1, 9)}`;
  // Settlers' villages in the Central Highlands are mostly numbered ("Thôn 11").
  if (code >= 62 && code <= 68) return rng.chance(0.6) ? `Thôn ${rng.int(1, 20)}` : `Thôn ${rng.pick(THON)}`;
  const u = rng.float();
  if (u < 0.55) return `Thôn ${rng.pick(THON)}`;
  if (u < 0.75) return `Xóm ${rng.int(1, 15)}`;
  if (u < 0.9) return `Thôn ${rng.int(1, 15)}`;
  return `Xóm ${rng.pick(THON)}`;
}

/** A village name not yet used in the commune (`used` is updated). */
export function villageName(rng: Rng, ctx: VillageContext, used: Set<string>): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = candidate(rng, ctx);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  for (let n = 2; ; n++) {
    const name = `${candidate(rng, ctx)} ${n}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** "Thôn Hưng Phú" → "CLB Liên thế hệ tự giúp nhau thôn Hưng Phú" */
export function clubName(village: string): string {
  return `CLB Liên thế hệ tự giúp nhau ${village.charAt(0).toLowerCase()}${village.slice(1)}`;
}

const UNIT_WORD: Record<string, string> = {
  TINH: 'tỉnh',
  THANH_PHO_TRUNG_UONG: 'thành phố',
  QUAN: 'quận',
  HUYEN: 'huyện',
  THI_XA: 'thị xã',
  THANH_PHO: 'thành phố',
  XA: 'xã',
  PHUONG: 'phường',
  THI_TRAN: 'thị trấn',
  DAC_KHU: 'đặc khu',
};

/** "tỉnh Hà Tĩnh", "huyện Kỳ Anh", "xã Kỳ Tiến": as written after "UBND" or "Hội Người cao tuổi". */
export function unitLabel(unit: { type: string; name: string }): string {
  return `${UNIT_WORD[unit.type] ?? ''} ${unit.name}`.trim();
}
