import { Programme } from '../../src/modules/club/club.enums';
import { AS_OF, day, END_2023, END_2024, yearOf } from './dates';
import { ethnicMix } from './people';
import { clubName, villageName } from './places';
import { PostCommune, PreCommune, ReferenceUnits } from './reference';
import { Rng, weightedTable, WeightedTable } from './rng';
import { NAMED_CLUBS, ScaleSpec } from './scale';

/**
 * The list of clubs before any member exists: where, when, under which programme, when dissolved or
 * suspended, and how many members each has at the end of 2023 and of 2024. The published totals are met
 * here exactly, so that the per-club generator only has to honour its own two head counts.
 */
export interface ClubPlan {
  id: number;
  code: string;
  name: string;
  village: string;
  pre: PreCommune | null;
  post: PostCommune;
  /** The PRE_2025 province whose population the members resemble (for post-2025 clubs: their old commune's). */
  provinceCode: string;
  programme: Programme;
  foundedOn: number;
  foundingDecision: string;
  dissolvedOn: number | null;
  suspendedOn: number | null;
  meetingDay: number;
  /** The ethnicity most members share. */
  ethnicity: string;
  members2023: number | null;
  members2024: number | null;
  /** Income-generation fund capital to reach at the end of 2023 (the two named clubs only). */
  igCapital2023: number | null;
}

type Kind = 'active2023' | 'dissolvedEarly' | 'new2024' | 'new2025H1' | 'new1648';

interface Draft {
  kind: Kind;
  commune: PreCommune;
  post: PostCommune;
  named?: (typeof NAMED_CLUBS)[number];
  programme: Programme;
  foundedOn: number;
  dissolvedOn: number | null;
  suspendedOn: number | null;
  members2023: number | null;
  members2024: number | null;
}

const DECISION_1336 = day(2020, 8, 31);
const DECISION_1533 = day(2016, 9, 1);
const H1_2025_END = day(2025, 6, 30);
const DECISION_1648 = day(2025, 8, 1);

export function planClubs(ref: ReferenceUnits, spec: ScaleSpec, seed: number): ClubPlan[] {
  const rng = new Rng(seed, 0x504c414e);
  const provinces = ref.provinces.filter((p) => !spec.provinceCodes || spec.provinceCodes.includes(p.code));
  const geo = geography(rng, ref, provinces.map((p) => p.code), spec.fullCoverage);

  const drafts: Draft[] = [];
  const place = (kind: Kind, commune: PreCommune): Draft => {
    const draft: Draft = {
      kind, commune, post: pickSuccessor(rng, commune), programme: Programme.DECISION_1336, foundedOn: 0,
      dissolvedOn: null, suspendedOn: null, members2023: null, members2024: null,
    };
    drafts.push(draft);
    return draft;
  };

  // Clubs active at the end of 2023: the two named ones, one in every commune of the covered provinces, the rest spread.
  for (const named of NAMED_CLUBS) {
    const commune = ref.communeByCode.get(named.communeCode)!;
    if (!provinces.some((p) => p.code === commune.province.code)) continue;
    place('active2023', commune).named = named;
  }
  for (const code of spec.fullCoverage) {
    for (const commune of ref.communesByProvince.get(code)!) {
      if (!NAMED_CLUBS.some((n) => n.communeCode === commune.code)) place('active2023', commune);
    }
  }
  const spread = spec.active2023 - drafts.length;
  const perProvince = allocate(spread, provinces.map((p) => geo.provinceWeight.get(p.code)!), spec.provinceCodes ? 0 : 2);
  provinces.forEach((p, i) => {
    for (let k = 0; k < perProvince[i]; k++) place('active2023', rng.weighted(geo.communes.get(p.code)!));
  });
  const elsewhere = (kind: Kind, n: number) => {
    for (let k = 0; k < n; k++) place(kind, rng.weighted(geo.communes.get(rng.weighted(geo.provinces))!));
  };
  elsewhere('dissolvedEarly', spec.dissolvedBefore2023);
  elsewhere('new2024', spec.active2024 - spec.active2023);
  elsewhere('new2025H1', spec.founded2025H1);
  elsewhere('new1648', spec.founded1648);

  assignFounding(rng, drafts, spec, geo);
  assignLaterStatus(rng, drafts, spec);
  assignHeadCounts(rng, drafts, spec);
  return finalise(rng, drafts);
}

interface Geography {
  provinces: WeightedTable<string>;
  provinceWeight: Map<string, number>;
  communes: Map<string, WeightedTable<PreCommune>>;
  /** How readily a province took up Decision 1336 (relative). */
  uptake1336: Map<string, number>;
  /** Provinces where NGO projects ran before the national schemes. */
  ngoHeritage: Set<string>;
}

/** Provinces weighted by their number of communes, with variety; a few "model" communes weigh more. */
function geography(rng: Rng, ref: ReferenceUnits, codes: string[], covered: string[]): Geography {
  const provinceWeight = new Map<string, number>();
  const communes = new Map<string, WeightedTable<PreCommune>>();
  const uptake1336 = new Map<string, number>();
  const ngoHeritage = new Set<string>(['42', '66']);
  for (const code of codes) {
    const list = ref.communesByProvince.get(code)!;
    const variety = rng.range(0.5, 1.5) * (covered.includes(code) ? 0.5 : 1);
    provinceWeight.set(code, list.length * variety);
    communes.set(code, weightedTable(list.map((c) => [c, rng.chance(0.2) ? rng.range(2, 5) : 1] as const)));
    uptake1336.set(code, rng.range(0.6, 1.4));
    if (rng.chance(0.2)) ngoHeritage.add(code);
  }
  return {
    provinces: weightedTable(codes.map((c) => [c, provinceWeight.get(c)!] as const)),
    provinceWeight,
    communes,
    uptake1336,
    ngoHeritage,
  };
}

/** Where the old commune was split, one of its successors, chosen at random. */
function pickSuccessor(rng: Rng, commune: PreCommune): PostCommune {
  return commune.successors.length === 1 ? commune.successors[0] : rng.pick(commune.successors);
}

/** Splits total into integers proportional to weights (largest remainder), each at least min. */
export function allocate(total: number, weights: number[], min: number): number[] {
  const counts = weights.map(() => min);
  const rest = total - min * weights.length;
  if (rest < 0) throw new Error(`cannot give ${min} to each of ${weights.length} shares of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  exact.forEach((x, i) => (counts[i] += Math.floor(x)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] += 1;
  }
  return counts;
}

function between(rng: Rng, from: number, to: number): number {
  return rng.int(from, to);
}

/** A date in [from, to], the year chosen by weight first (years outside the range are drawn again). */
function byYear(rng: Rng, years: WeightedTable<number>, from: number, to: number): number {
  let year = rng.weighted(years);
  while (year < yearOf(from) || year > yearOf(to)) year = rng.weighted(years);
  return between(rng, Math.max(from, day(year, 1, 1)), Math.min(to, day(year, 12, 31)));
}

const NGO_YEARS = weightedTable([2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016].map((y, i) => [y, 1 + i] as const));
const YEARS_1533 = weightedTable([[2016, 1], [2017, 3], [2018, 3], [2019, 3], [2020, 2]] as const);
const YEARS_1336 = weightedTable([[2020, 8], [2021, 28], [2022, 32], [2023, 32]] as const);

function assignFounding(rng: Rng, drafts: Draft[], spec: ScaleSpec, geo: Geography): void {
  // Exactly new1336By2023 of the clubs active at the end of 2023 are Decision 1336 clubs: a weighted sample
  // without replacement (Efraimidis–Spirakis keys), so provinces differ in their uptake.
  const candidates = drafts.filter((d) => d.kind === 'active2023' && !d.named);
  const keyed = candidates.map((d) => ({ d, key: Math.log(1 - rng.float()) / geo.uptake1336.get(d.commune.province.code)! }));
  keyed.sort((a, b) => b.key - a.key);
  const chosen = new Set(keyed.slice(0, spec.new1336By2023).map((k) => k.d));

  for (const d of drafts) {
    switch (d.kind) {
      case 'active2023':
        if (d.named) {
          d.programme = Programme.NGO_PROJECT;
          d.foundedOn = isoDay(d.named.foundedOn);
        } else if (chosen.has(d)) {
          d.programme = Programme.DECISION_1336;
          d.foundedOn = byYear(rng, YEARS_1336, DECISION_1336, END_2023);
        } else {
          foundOlder(rng, d, geo.ngoHeritage.has(d.commune.province.code) ? 0.45 : 0.12, DECISION_1336 - 1);
        }
        break;
      case 'dissolvedEarly': {
        foundOlder(rng, d, 0.7, day(2015, 12, 31));
        const earliest = Math.max(day(2012, 1, 1), d.foundedOn + 3 * 365);
        d.dissolvedOn = between(rng, earliest, day(2022, 12, 31));
        break;
      }
      case 'new2024':
        d.foundedOn = between(rng, day(2024, 1, 1), END_2024);
        break;
      case 'new2025H1':
        d.foundedOn = between(rng, day(2025, 1, 1), H1_2025_END);
        break;
      case 'new1648':
        d.programme = Programme.DECISION_1648;
        d.foundedOn = between(rng, DECISION_1648, AS_OF);
        break;
    }
  }
}

/** A club from before Decision 1336: an NGO project (from 2006), a local initiative, or Decision 1533 (from Sept 2016). */
function foundOlder(rng: Rng, d: Draft, ngoShare: number, latest: number): void {
  const u = rng.float();
  if (u < ngoShare) {
    d.programme = Programme.NGO_PROJECT;
    d.foundedOn = byYear(rng, NGO_YEARS, day(2006, 6, 1), Math.min(latest, DECISION_1533 - 1));
  } else if (u < ngoShare + 0.08 || latest < DECISION_1533) {
    d.programme = Programme.LOCAL_INITIATIVE;
    d.foundedOn = between(rng, day(2009, 1, 1), latest);
  } else {
    d.programme = Programme.DECISION_1533;
    d.foundedOn = byYear(rng, YEARS_1533, DECISION_1533, latest);
  }
}

/** Nobody dissolves in 2023 or 2024 (so year-long and end-of-year counts agree); some do in 2025–2026, a few pause. */
function assignLaterStatus(rng: Rng, drafts: Draft[], spec: ScaleSpec): void {
  const start2025 = day(2025, 1, 1);
  const dissolvable = rng.shuffle(
    drafts.filter((d) => (d.kind === 'active2023' || d.kind === 'new2024') && !d.named && d.foundedOn + 730 <= AS_OF - 30),
  );
  for (const d of dissolvable.slice(0, spec.dissolved2025to2026)) {
    d.dissolvedOn = between(rng, Math.max(start2025, d.foundedOn + 730), AS_OF);
  }
  const suspendable = rng.shuffle(
    drafts.filter((d) => d.dissolvedOn === null && !d.named && d.foundedOn <= H1_2025_END && d.foundedOn + 365 <= AS_OF - 30),
  );
  for (const d of suspendable.slice(0, spec.suspended2025to2026)) {
    d.suspendedOn = between(rng, Math.max(start2025, d.foundedOn + 365), AS_OF - 30);
  }
}

/**
 * Members at the end of 2023: 50–70 for most clubs, a heavier upper tail (the published mean is 70.0), a
 * few small clubs. At the end of 2024 the older clubs have lost some members and the 2024 clubs are still
 * filling up. Both totals are then met exactly by moving single members within each club's band.
 */
function assignHeadCounts(rng: Rng, drafts: Draft[], spec: ScaleSpec): void {
  const bands2023 = new Map<Draft, [number, number]>();
  for (const d of drafts.filter((x) => x.kind === 'active2023')) {
    if (d.named) {
      d.members2023 = d.named.members2023;
      continue;
    }
    const u = rng.float();
    const band: [number, number] = u < 0.1 ? [30, 49] : u < 0.65 ? [50, 70] : [71, 130];
    d.members2023 = band[1] === 130 ? 71 + Math.floor(59 * rng.float() ** 1.5) : rng.int(band[0], band[1]);
    bands2023.set(d, band);
  }
  calibrate(rng, bands2023, spec.members2023 - sum(drafts, (d) => d.members2023 ?? 0), (d) => d.members2023!, (d, n) => (d.members2023 = n));

  const bands2024 = new Map<Draft, [number, number]>();
  for (const d of drafts) {
    if (d.kind === 'active2023') {
      const n23 = d.members2023!;
      d.members2024 = Math.max(25, Math.round(n23 * (1 - rng.range(0.04, 0.18))));
      if (!d.named) bands2024.set(d, [Math.min(n23, Math.max(25, Math.round(n23 * 0.75))), n23 + 5]);
    } else if (d.kind === 'new2024') {
      d.members2024 = Math.round(25 + 35 * (rng.float() + rng.float()) / 2);
      bands2024.set(d, [20, 65]);
    }
  }
  calibrate(rng, bands2024, spec.members2024 - sum(drafts, (d) => d.members2024 ?? 0), (d) => d.members2024!, (d, n) => (d.members2024 = n));
}

/** Adds or removes `diff` members one at a time, in random clubs, never leaving a club's band. */
function calibrate(
  rng: Rng,
  bands: Map<Draft, [number, number]>,
  diff: number,
  get: (d: Draft) => number,
  set: (d: Draft, n: number) => void,
): void {
  const clubs = [...bands.keys()];
  let guard = 1000 + 200 * Math.abs(diff);
  while (diff !== 0) {
    if (guard-- <= 0 || clubs.length === 0) throw new Error(`cannot calibrate the head count (${diff} left)`);
    const d = rng.pick(clubs);
    const [lo, hi] = bands.get(d)!;
    const n = get(d);
    if (diff > 0 && n < hi) {
      set(d, n + 1);
      diff -= 1;
    } else if (diff < 0 && n > lo) {
      set(d, n - 1);
      diff += 1;
    }
  }
}

function sum(drafts: Draft[], f: (d: Draft) => number): number {
  return drafts.reduce((acc, d) => acc + f(d), 0);
}

/** Code-point order: unlike localeCompare, the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isoDay(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  return day(y, m, d);
}

/** Orders clubs by founding date (ids follow it), then names and codes them. */
function finalise(rng: Rng, drafts: Draft[]): ClubPlan[] {
  const communeCode = (d: Draft) => (d.kind === 'new1648' ? `N${d.post.code}` : d.commune.code);
  const order = drafts.map((d, i) => ({ d, i }));
  order.sort((a, b) => a.d.foundedOn - b.d.foundedOn || compareText(communeCode(a.d), communeCode(b.d)) || a.i - b.i);
  const villages = new Map<string, Set<string>>();
  for (const named of NAMED_CLUBS) villages.set(named.communeCode, new Set([named.village]));
  const sequence = new Map<string, number>();

  return order.map(({ d }, index): ClubPlan => {
    const postOnly = d.kind === 'new1648';
    const key = communeCode(d);
    const n = (sequence.get(key) ?? 0) + 1;
    sequence.set(key, n);
    const used = villages.get(key) ?? new Set<string>();
    villages.set(key, used);
    const provinceCode = d.commune.province.code;
    const ethnicity = d.named ? 'Kinh' : rng.weighted(ethnicMix(provinceCode));
    const urban = postOnly ? d.post.urban : d.commune.urban;
    const village = d.named ? d.named.village : villageName(rng, { provinceCode, urban, ethnicity }, used);
    return {
      id: index + 1,
      code: `${key}-${String(n).padStart(2, '0')}`,
      name: clubName(village),
      village,
      pre: postOnly ? null : d.commune,
      post: d.post,
      provinceCode,
      programme: d.programme,
      foundedOn: d.foundedOn,
      foundingDecision: rng.chance(0.85) ? `${rng.int(1, 350)}/QĐ-UBND` : `${rng.int(1, 90)}/QĐ-HNCT`,
      dissolvedOn: d.dissolvedOn,
      suspendedOn: d.suspendedOn,
      meetingDay: rng.int(1, 28),
      ethnicity,
      members2023: d.members2023,
      members2024: d.members2024,
      igCapital2023: d.named ? d.named.igCapital2023 : null,
    };
  });
}
