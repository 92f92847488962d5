/**
 * How much to generate. The national figures are the published ones the demo must reproduce exactly
 * (end of 2023: 6,521 clubs and 456,470 members, 3,021 of the clubs new under Decision 1336; end of 2024:
 * 8,432 clubs and more than 484,000 members). The small scale is the same world shrunk to two provinces.
 */
export interface ScaleSpec {
  name: ScaleName;
  /** PRE_2025 province codes in scope; undefined: all 63. */
  provinceCodes?: string[];
  /** Provinces where every commune has a club active at the end of 2023. */
  fullCoverage: string[];
  active2023: number;
  members2023: number;
  /** Clubs active at the end of 2023 founded from 31 Aug 2020 (Decision 1336). */
  new1336By2023: number;
  active2024: number;
  members2024: number;
  /** Older clubs that dissolved between 2012 and 2022. */
  dissolvedBefore2023: number;
  /** Decision 1336 clubs founded January–June 2025. */
  founded2025H1: number;
  /** Decision 1648 clubs founded from August 2025, on POST_2025 communes only. */
  founded1648: number;
  dissolved2025to2026: number;
  suspended2025to2026: number;
}

export type ScaleName = 'national' | 'small';

export const NATIONAL: ScaleSpec = {
  name: 'national',
  fullCoverage: ['38', '42', '66'],
  active2023: 6521,
  members2023: 456_470,
  new1336By2023: 3021,
  active2024: 8432,
  members2024: 484_650,
  dissolvedBefore2023: 95,
  founded2025H1: 520,
  founded1648: 640,
  dissolved2025to2026: 120,
  suspended2025to2026: 60,
};

/** About 300 clubs in Hà Tĩnh and Đắk Lắk: the national shape at 3.1 %, loaded in a couple of seconds. */
const SMALL_FACTOR = 0.031;
const shrink = (n: number) => Math.max(1, Math.round(n * SMALL_FACTOR));

export const SMALL: ScaleSpec = {
  name: 'small',
  provinceCodes: ['42', '66'],
  fullCoverage: [],
  active2023: shrink(NATIONAL.active2023),
  members2023: shrink(NATIONAL.members2023),
  new1336By2023: shrink(NATIONAL.new1336By2023),
  active2024: shrink(NATIONAL.active2023) + shrink(NATIONAL.active2024 - NATIONAL.active2023),
  members2024: shrink(NATIONAL.members2024),
  dissolvedBefore2023: shrink(NATIONAL.dissolvedBefore2023),
  founded2025H1: shrink(NATIONAL.founded2025H1),
  founded1648: shrink(NATIONAL.founded1648),
  dissolved2025to2026: shrink(NATIONAL.dissolved2025to2026),
  suspended2025to2026: shrink(NATIONAL.suspended2025to2026),
};

export const SCALES: Record<ScaleName, ScaleSpec> = { national: NATIONAL, small: SMALL };

/** The two clubs the published stories name, with their income-generation fund at the end of 2023 (đồng). */
export const NAMED_CLUBS = [
  { communeCode: '24166', village: 'Thôn 11', foundedOn: '2009-05-20', members2023: 96, igCapital2023: 3_000_000_000 },
  { communeCode: '18769', village: 'Thôn Hưng Phú', foundedOn: '2011-10-12', members2023: 84, igCapital2023: 2_300_000_000 },
] as const;
