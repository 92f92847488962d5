import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer of the hub and its tools: csv-stringify does RFC 4180 (quotes where needed, doubled
 * inside), this adds what a file opened in a spreadsheet needs. Text that a spreadsheet would run as a formula
 * (a leading `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, so a club or unit name stored from
 * an import cannot run in the reader's spreadsheet. Numbers are written as they are: a negative figure stays a
 * number; booleans as true/false; null and undefined as an empty cell.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvOptions {
  /** A UTF-8 byte-order mark first, so spreadsheet tools read Vietnamese correctly. */
  bom?: boolean;
  /** CRLF line ends (RFC 4180) rather than LF. */
  crlf?: boolean;
}

export function toCsv(records: ReadonlyArray<readonly CsvValue[]>, options: CsvOptions = {}): string {
  return stringify(records as CsvValue[][], {
    bom: options.bom ?? false,
    record_delimiter: options.crlf ? 'windows' : 'unix',
    // Any line break inside a cell is quoted, whichever line end the file uses.
    quoted_match: /[\r\n]/,
    cast: {
      string: (text) => (FORMULA_START.test(text) ? `'${text}` : text),
      boolean: (value) => String(value),
    },
  });
}
