/**
 * The one writer of CSV cells for every file the hub or its tools produce (RFC 4180 quoting).
 *
 * Text that a spreadsheet would read as a formula (a leading `=`, `+`, `-`, `@`, tab or carriage return) gets a
 * leading `'`, so a club or unit name stored from an import cannot run as a formula in the reader's
 * spreadsheet. Numbers are written as they are: a negative figure stays a number.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, without its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}
