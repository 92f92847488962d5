/**
 * Calendar dates as whole days since 1970-01-01 (plain integers are fast to compare and add, and carry no
 * time zone). The demo's world ends on AS_OF: nothing is dated after it.
 */
const MS_PER_DAY = 86_400_000;

export function day(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

export const AS_OF = day(2026, 10, 31);
export const END_2023 = day(2023, 12, 31);
export const END_2024 = day(2024, 12, 31);
/** The administrative reform: POST_2025 units from this day. */
export const REFORM = day(2025, 7, 1);

const FIRST_CACHED = day(1900, 1, 1);
const LAST_CACHED = day(2030, 12, 31);
const ISO: string[] = [];
const YEAR: number[] = [];
const MONTH: number[] = [];
const DAY_OF_MONTH: number[] = [];
for (let d = FIRST_CACHED; d <= LAST_CACHED; d++) {
  const date = new Date(d * MS_PER_DAY);
  YEAR.push(date.getUTCFullYear());
  MONTH.push(date.getUTCMonth() + 1);
  DAY_OF_MONTH.push(date.getUTCDate());
  ISO.push(date.toISOString().slice(0, 10));
}

function index(d: number): number {
  const i = d - FIRST_CACHED;
  if (i < 0 || i >= ISO.length || !Number.isInteger(i)) throw new RangeError(`date out of range: ${d}`);
  return i;
}

/** YYYY-MM-DD */
export function iso(d: number): string {
  return ISO[index(d)];
}

export function yearOf(d: number): number {
  return YEAR[index(d)];
}

export function monthOf(d: number): number {
  return MONTH[index(d)];
}

export function dayOfMonth(d: number): number {
  return DAY_OF_MONTH[index(d)];
}

/** The same day of the month, n months later (clamped to the month's last day). */
export function addMonths(d: number, n: number): number {
  const total = yearOf(d) * 12 + monthOf(d) - 1 + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return day(y, m, Math.min(dayOfMonth(d), daysInMonth(y, m)));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months since year 0, for month-by-month loops. */
export function monthIndex(d: number): number {
  return yearOf(d) * 12 + monthOf(d) - 1;
}
