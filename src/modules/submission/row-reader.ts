import { Checks, isIsoDate } from '../shared/checks';
import { CsvRow, RowProblem } from './csv-input';

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const MONEY = /^(\d+|\d{1,3}([., ]\d{3})+)$/;
const TRUE = new Set(['true', '1', 'yes', 'y', 'x', 'có', 'co']);
const FALSE = new Set(['false', '0', 'no', 'n', 'không', 'khong']);

/** "foundedOn" → "founded_on": problems found by the shared rules, named by the column a submitter sees. */
export function toColumn(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Reads one CSV row into typed values, noting every unreadable cell as a problem of its column. A column
 * missing from the file reads as undefined (keep the stored value); a blank cell as null (clear it).
 */
export class RowReader {
  readonly checks: Checks;

  constructor(
    readonly csv: CsvRow,
    /** Field names of the shared rules whose column is named otherwise (e.g. externalRef → member_ref). */
    columnOf: Record<string, string> = {},
  ) {
    this.checks = new Checks((field) => columnOf[field] ?? (field === '' || csv.cells.has(field) ? field : toColumn(field)));
  }

  get row(): number {
    return this.csv.row;
  }

  private raw(column: string): string | null | undefined {
    const value = this.csv.cells.get(column);
    if (value === undefined) return undefined;
    const trimmed = value.normalize('NFC').trim();
    return trimmed === '' ? null : trimmed;
  }

  /** The cell as text (NFC, trimmed); the checks of `Checks.text`. */
  text(column: string, opts: { max: number; required?: boolean; multiline?: boolean }): string | null | undefined {
    const value = this.csv.cells.get(column);
    return this.checks.text(column, value, opts);
  }

  date(column: string): string | null | undefined {
    const raw = this.raw(column);
    if (!raw) return raw;
    const dmy = DMY.exec(raw);
    const iso = dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : raw;
    if (!isIsoDate(iso)) {
      this.checks.add(column, `"${raw}" is not a date: write YYYY-MM-DD (or DD/MM/YYYY)`);
      return undefined;
    }
    return iso;
  }

  integer(column: string): number | null | undefined {
    const raw = this.raw(column);
    if (!raw) return raw as null | undefined;
    if (!/^\d+$/.test(raw)) {
      this.checks.add(column, `"${raw}" is not a whole number`);
      return undefined;
    }
    return Number(raw);
  }

  /** Whole đồng; thousands may be grouped with dots, commas or spaces ("1.500.000"). */
  money(column: string): bigint | null | undefined {
    const raw = this.raw(column);
    if (!raw) return raw as null | undefined;
    if (!MONEY.test(raw)) {
      this.checks.add(column, `"${raw}" is not a whole number of đồng`);
      return undefined;
    }
    return BigInt(raw.replace(/[., ]/g, ''));
  }

  flag(column: string): boolean | null | undefined {
    const raw = this.raw(column)?.toLocaleLowerCase('vi');
    if (!raw) return raw as null | undefined;
    if (TRUE.has(raw)) return true;
    if (FALSE.has(raw)) return false;
    this.checks.add(column, `"${raw}" is not yes or no: write true or false`);
    return undefined;
  }

  /** One of an enum's values, by name (any case) or by an alias (e.g. "Nữ" for FEMALE). */
  choice<T extends string>(column: string, values: Record<string, T>, aliases: Record<string, T> = {}): T | null | undefined {
    const raw = this.raw(column);
    if (!raw) return raw as null | undefined;
    const key = raw.toUpperCase().replace(/[\s-]+/g, '_');
    const found = Object.values(values).find((v) => v === key) ?? aliases[raw.toLocaleLowerCase('vi')];
    if (!found) this.checks.add(column, `"${raw}" is not one of ${Object.values(values).join(', ')}`);
    return found;
  }

  /** Adds a problem of a column. */
  add(column: string | null, message: string): void {
    this.checks.add(column ?? '', message);
  }

  get ok(): boolean {
    return this.checks.ok;
  }

  /** The row's problems, each under the column the submitter sees. */
  problems(): RowProblem[] {
    return this.checks.problems.map((p) => ({
      row: this.row,
      column: p.field === '' ? null : p.field,
      message: p.message,
      code: 'INVALID' as const,
    }));
  }
}
