import { todayInVietnam } from '../../time';
import { InvalidInputError, Problem } from './write-errors';

/** "joinedOn" → "joined on": messages name fields in words, so they read the same for GraphQL and CSV callers. */
export function fieldLabel(field: string): string {
  const last = field.slice(field.lastIndexOf('.') + 1);
  return last.replace(/([a-z])([A-Z0-9])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in ISO form (the Date scalar checks this for GraphQL; CSV cells need it too). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Collects every problem of one input (or one CSV row) before anything is written, so a caller sees all of
 * them at once. Field names are input field names (`joinedOn`); the GraphQL layer prefixes them with the
 * argument (`input.joinedOn`), the CSV layer maps them to columns.
 */
export class Checks {
  readonly problems: Problem[] = [];
  /** Vietnam's today, fixed for the whole check so one input never straddles midnight. */
  readonly today = todayInVietnam();

  /** `name` maps a field to the name problems are filed under (a CSV column); identity for GraphQL inputs. */
  constructor(private readonly name: (field: string) => string = (field) => field) {}

  add(field: string, message: string): void {
    this.problems.push({ field: this.name(field), message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Whether a field already has a problem (later rules that depend on it are skipped). */
  failed(field: string): boolean {
    return this.problems.some((p) => p.field === this.name(field));
  }

  /** Throws what was found as one BAD_USER_INPUT error. */
  throwIfAny(prefix = 'input'): void {
    if (this.ok) return;
    throw new InvalidInputError(this.problems.map((p) => ({ field: prefix ? `${prefix}.${p.field}` : p.field, message: p.message })));
  }

  /**
   * Vietnamese text: NFC (a name typed on another keyboard compares equal), trimmed, inner runs of spaces
   * collapsed unless multi-line. undefined stays undefined (not given), null or blank becomes null (cleared).
   */
  text(field: string, value: string | null | undefined, opts: { max: number; required?: boolean; multiline?: boolean }): string | null | undefined {
    if (value === undefined) {
      if (opts.required) this.add(field, `The ${fieldLabel(field)} is required`);
      return undefined;
    }
    let text = value === null ? '' : value.normalize('NFC').trim();
    if (!opts.multiline) text = text.replace(/\s+/g, ' ');
    if (text === '') {
      if (opts.required) this.add(field, `The ${fieldLabel(field)} is required`);
      return null;
    }
    if ([...text].length > opts.max) this.add(field, `The ${fieldLabel(field)} is longer than ${opts.max} characters`);
    return text;
  }

  /** A code: no spaces, letters, digits and . _ / - only. */
  code(field: string, value: string | null | undefined, max: number): string | undefined {
    const code = this.text(field, value, { max, required: true });
    if (!code) return undefined;
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(code)) {
      this.add(field, `The ${fieldLabel(field)} "${code}" may hold only letters, digits and . _ / - (no spaces)`);
      return undefined;
    }
    return code;
  }

  /** A date that has already come (today counts). */
  pastDate(field: string, value: string | null | undefined): string | null | undefined {
    if (value && value > this.today) this.add(field, `The ${fieldLabel(field)} (${value}) is in the future; today is ${this.today} in Vietnam`);
    return value;
  }

  /** `later` must not be before `earlier`; either missing: nothing to compare. */
  notBefore(field: string, later: string | null | undefined, earlier: string | null | undefined, what: string): void {
    if (later && earlier && later < earlier && !this.failed(field)) {
      this.add(field, `The ${fieldLabel(field)} (${later}) is before ${what} (${earlier})`);
    }
  }

  /** Money: a positive whole number of đồng (the Money scalar already refused fractions). */
  positiveMoney(field: string, value: bigint | null | undefined): bigint | undefined {
    if (value === null || value === undefined) return undefined;
    if (value <= 0n) this.add(field, `The ${fieldLabel(field)} must be a positive whole number of đồng`);
    return value;
  }

  integer(field: string, value: number | null | undefined, min: number, max: number): number | null | undefined {
    if (value === null || value === undefined) return value;
    if (!Number.isInteger(value) || value < min || value > max) this.add(field, `The ${fieldLabel(field)} must be a whole number from ${min} to ${max}`);
    return value;
  }
}
