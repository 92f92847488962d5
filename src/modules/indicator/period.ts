import { BadUserInputError } from '../../errors';

/**
 * DHIS2-style period keys: `2023` (a year), `2023Q4` (a quarter), `202312` (a month), ranges of one kind
 * that expand to every period in them (`2021..2023`, `2023Q1..2023Q4`, `202301..202306`), and a custom
 * range of days `2023-01-01..2023-06-30` that stays one period. Dates are Vietnamese calendar days.
 */
export type PeriodType = 'YEAR' | 'QUARTER' | 'MONTH' | 'DAYS';

export interface Period {
  key: string;
  type: PeriodType;
  /** First day, ISO. */
  start: string;
  /** Last day, ISO. */
  end: string;
}

/** More periods than this in one request is a mistake (ten years of months is 120). */
export const MAX_PERIODS = 120;
const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A period as a month ordinal (year × 12 + month − 1) span, for expansion. */
interface Slot {
  type: Exclude<PeriodType, 'DAYS'>;
  year: number;
  /** 1–4 for quarters, 1–12 for months, 1 for years. */
  index: number;
}

const SINGLE = [
  { type: 'YEAR', re: /^(\d{4})$/ },
  { type: 'QUARTER', re: /^(\d{4})Q([1-4])$/ },
  { type: 'MONTH', re: /^(\d{4})(0[1-9]|1[0-2])$/ },
] as const;

function parseSlot(text: string): Slot | null {
  for (const { type, re } of SINGLE) {
    const m = re.exec(text);
    if (!m) continue;
    const year = Number(m[1]);
    if (year < FIRST_YEAR || year > LAST_YEAR) return null;
    return { type, year, index: m[2] ? Number(m[2]) : 1 };
  }
  return null;
}

function slotPeriod(slot: Slot): Period {
  const { type, year, index } = slot;
  if (type === 'YEAR') return { key: pad(year, 4), type, start: iso(year, 1, 1), end: iso(year, 12, 31) };
  if (type === 'QUARTER') {
    const first = (index - 1) * 3 + 1;
    return { key: `${year}Q${index}`, type, start: iso(year, first, 1), end: iso(year, first + 2, lastDay(year, first + 2)) };
  }
  return { key: `${year}${pad(index)}`, type, start: iso(year, index, 1), end: iso(year, index, lastDay(year, index)) };
}

const PER_YEAR: Record<Slot['type'], number> = { YEAR: 1, QUARTER: 4, MONTH: 12 };
const ordinal = (s: Slot) => s.year * PER_YEAR[s.type] + s.index - 1;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= FIRST_YEAR && y <= LAST_YEAR && mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(y, mo);
}

function bad(key: string, why: string): BadUserInputError {
  return new BadUserInputError(
    `Period "${key}" ${why}. Use 2023, 2023Q4, 202312, a range of one kind (2021..2023, 2023Q1..2023Q4, 202301..202306) or days (2023-01-01..2023-06-30).`,
    'periods',
  );
}

/** One key (possibly a range) to its periods, in order. */
export function parsePeriod(raw: string): Period[] {
  const key = raw.trim();
  const single = parseSlot(key);
  if (single) return [slotPeriod(single)];
  const parts = key.split('..');
  if (parts.length !== 2) throw bad(key, 'is not a period key');
  const [from, to] = parts;
  if (validDay(from) && validDay(to)) {
    if (from > to) throw bad(key, 'ends before it starts');
    return [{ key, type: 'DAYS', start: from, end: to }];
  }
  const [a, b] = [parseSlot(from), parseSlot(to)];
  if (!a || !b) throw bad(key, 'is not a period key');
  if (a.type !== b.type) throw bad(key, 'mixes kinds of period');
  const [first, last] = [ordinal(a), ordinal(b)];
  if (first > last) throw bad(key, 'ends before it starts');
  if (last - first + 1 > MAX_PERIODS) throw bad(key, `holds more than ${MAX_PERIODS} periods`);
  const per = PER_YEAR[a.type];
  const periods: Period[] = [];
  for (let n = first; n <= last; n++) periods.push(slotPeriod({ type: a.type, year: Math.floor(n / per), index: (n % per) + 1 }));
  return periods;
}

/** Every key expanded, duplicates dropped (first occurrence kept). */
export function parsePeriods(keys: readonly string[]): Period[] {
  if (keys.length === 0) throw new BadUserInputError('Give at least one period', 'periods');
  const seen = new Map<string, Period>();
  for (const key of keys) for (const period of parsePeriod(key)) if (!seen.has(period.key)) seen.set(period.key, period);
  if (seen.size > MAX_PERIODS) throw new BadUserInputError(`At most ${MAX_PERIODS} periods per request (got ${seen.size})`, 'periods');
  return [...seen.values()];
}

/** Whether `inner` lies within [start, end] (all ISO dates, so text order is date order). */
export function within(inner: Pick<Period, 'start' | 'end'>, start: string, end: string): boolean {
  return inner.start >= start && inner.end <= end;
}

/**
 * The months a period spans, each calendar month counted by the share of its days inside the period: 1 for a
 * month, 3 for a quarter, 12 for a year, and a fraction for a range of days (the denominator of "per month"
 * indicators).
 */
export function monthsIn(period: Pick<Period, 'start' | 'end'>): number {
  let months = 0;
  let y = Number(period.start.slice(0, 4));
  let m = Number(period.start.slice(5, 7));
  for (;;) {
    const first = iso(y, m, 1);
    const last = iso(y, m, lastDay(y, m));
    if (first > period.end) break;
    const from = first < period.start ? period.start : first;
    const to = last > period.end ? period.end : last;
    months += ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1) / lastDay(y, m);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}
