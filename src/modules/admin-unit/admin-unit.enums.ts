import { registerEnumType } from 'type-graphql';

/** The two legal structures of Vietnam's administrative units; codes are only unique within one. */
export enum AdminStructure {
  /** 63 provinces → districts → communes, in force until 30 June 2025. */
  PRE_2025 = 'PRE_2025',
  /** 34 provinces → communes (no districts), from 1 July 2025. */
  POST_2025 = 'POST_2025',
}

export enum UnitLevel {
  NATION = 'NATION',
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}

/** Official unit types; the enum names are the Vietnamese terms without diacritics. */
export enum UnitType {
  /** The nation itself (Việt Nam), above the provinces; never stored. */
  QUOC_GIA = 'QUOC_GIA',
  TINH = 'TINH',
  THANH_PHO_TRUNG_UONG = 'THANH_PHO_TRUNG_UONG',
  QUAN = 'QUAN',
  HUYEN = 'HUYEN',
  THI_XA = 'THI_XA',
  THANH_PHO = 'THANH_PHO',
  XA = 'XA',
  PHUONG = 'PHUONG',
  THI_TRAN = 'THI_TRAN',
  DAC_KHU = 'DAC_KHU',
}

/** The type as written in official lists (the source CSV's `type` column). */
export const UNIT_TYPE_LABEL: Record<UnitType, string> = {
  QUOC_GIA: 'Quốc gia',
  TINH: 'Tỉnh',
  THANH_PHO_TRUNG_UONG: 'Thành phố Trung ương',
  QUAN: 'Quận',
  HUYEN: 'Huyện',
  THI_XA: 'Thị xã',
  THANH_PHO: 'Thành phố',
  XA: 'Xã',
  PHUONG: 'Phường',
  THI_TRAN: 'Thị trấn',
  DAC_KHU: 'Đặc khu',
};

/** The prefix of a unit's usual full name ("Thành phố Hà Nội", not "Thành phố Trung ương Hà Nội"). */
export const UNIT_TYPE_PREFIX: Record<UnitType, string> = {
  ...UNIT_TYPE_LABEL,
  THANH_PHO_TRUNG_UONG: 'Thành phố',
};

/** The structure on the other side of the 2025 reform. */
export const OTHER_STRUCTURE: Record<AdminStructure, AdminStructure> = { PRE_2025: AdminStructure.POST_2025, POST_2025: AdminStructure.PRE_2025 };

export const STRUCTURE_VALIDITY: Record<AdminStructure, { validFrom: string | null; validTo: string | null }> = {
  PRE_2025: { validFrom: null, validTo: '2025-06-30' },
  POST_2025: { validFrom: '2025-07-01', validTo: null },
};

registerEnumType(AdminStructure, {
  name: 'AdminStructure',
  description: 'Which administrative structure a unit code belongs to (codes were reused in 2025).',
  valuesConfig: {
    PRE_2025: { description: '63 provinces, districts and communes; in force until 30 June 2025.' },
    POST_2025: { description: '34 provinces and communes, no districts; from 1 July 2025.' },
  },
});
registerEnumType(UnitLevel, { name: 'UnitLevel' });
registerEnumType(UnitType, {
  name: 'UnitType',
  description: 'Official unit type (Tỉnh, Thành phố, Quận, Huyện, Thị xã, Xã, Phường, Thị trấn, Đặc khu).',
});
