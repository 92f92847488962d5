import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { Options, parse } from 'csv-parse';
import { eachInTurns, nextTurn } from '../../turns';

/** Limits of one upload: a province's register (some 7,000 members at most today) fits with room to spare. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 20_000;

/** A refusal of the whole file (encoding, size, shape), with the HTTP status it is answered with. */
export class FileError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One data row: its spreadsheet row number (the header is row 1) and its cells by column. */
export interface CsvRow {
  row: number;
  cells: Map<string, string>;
}

/** A problem of a file, by spreadsheet row (the header is row 1) and column. */
export interface RowProblem {
  row: number;
  column: string | null;
  message: string;
  /** FORBIDDEN: the caller may not write this row; INVALID: the row itself is wrong; PERIOD_LOCKED: its month is approved. */
  code: 'INVALID' | 'FORBIDDEN' | 'PERIOD_LOCKED';
}

export interface CsvFile {
  columns: string[];
  rows: CsvRow[];
  /** Problems of the file's shape: unknown, repeated or missing columns (row 1), rows longer than the header. */
  problems: RowProblem[];
}

/** Where the first byte that is not UTF-8 sits, as a line number, to point the submitter at it. */
function firstInvalidUtf8Line(bytes: Buffer): number {
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(i, i + length))) return line;
    if (b === 0x0a) line += 1;
    i += length;
  }
  return line;
}

/**
 * The text of an upload: UTF-8, with or without the BOM Excel writes. Anything else is refused with what to
 * do about it, since a wrong guess would store mangled Vietnamese names.
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.length === 0) throw new FileError(400, 'EMPTY_FILE', 'The file is empty');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new FileError(400, 'UNSUPPORTED_ENCODING', 'The file is UTF-16 (Excel\'s "Unicode text"); save it as "CSV UTF-8 (Comma delimited)" and upload again');
  }
  if (!isUtf8(bytes)) {
    const line = firstInvalidUtf8Line(bytes);
    const utf16 = bytes.includes(0) ? ' (it looks like UTF-16)' : ' (perhaps Windows-1258 or TCVN3: Excel\'s plain "CSV" format)';
    throw new FileError(400, 'UNSUPPORTED_ENCODING', `The file is not UTF-8${utf16}: the first bad byte is on line ${line}. Save it as "CSV UTF-8 (Comma delimited)" and upload again`);
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Text fed to the parser between two turns of the event loop (a few milliseconds of parsing). */
const CHARS_PER_TURN = 4 * 1024;

/** csv-parse's streaming parser, fed a slice at a time, so a 5 MB file never holds the event loop for long. */
async function parseInTurns(text: string, options: Options): Promise<string[][]> {
  const parser = parse(options);
  const records: string[][] = [];
  let failure: unknown;
  parser.on('data', (record: string[]) => records.push(record));
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', (err) => reject((failure = err)));
  });
  ended.catch(() => undefined); // awaited below; a parse error must not count as unhandled meanwhile
  for (let start = 0; start < text.length && failure === undefined; ) {
    let end = Math.min(start + CHARS_PER_TURN, text.length);
    // Never cut a surrogate pair in two: each slice is encoded to UTF-8 on its own.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    // Wait while the parser is behind: slices queued up would be parsed later all in one go.
    const accepted = parser.write(text.slice(start, end));
    start = end;
    if (!accepted) await once(parser, 'drain');
    await nextTurn();
  }
  parser.end();
  await ended;
  return records;
}

/** "Member Ref" → "member_ref": headers typed by hand still match. */
export function columnName(header: string): string {
  return header.normalize('NFC').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Parses the text against the columns an import knows: every unknown, repeated or missing column is a
 * problem of row 1; blank lines are skipped but keep their row numbers, as in a spreadsheet.
 */
export async function parseCsv(text: string, spec: { required: readonly string[]; optional: readonly string[]; oneOf?: readonly string[] }): Promise<CsvFile> {
  const newline = text.indexOf('\n');
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  // Spreadsheets set to a comma-decimal locale write ';' between cells.
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = await parseInTurns(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: false });
  } catch (err) {
    const e = err as { message: string; lines?: number };
    throw new FileError(400, 'INVALID_CSV', `The file is not valid CSV${e.lines ? ` (near line ${e.lines})` : ''}: ${e.message.replace(/^Invalid \w+ \w+:?\s*/, '')}`);
  }
  if (records.length === 0 || records[0].every((c) => c.trim() === '')) throw new FileError(400, 'INVALID_CSV', 'The first row must name the columns');
  const dataRows = records.length - 1;
  if (dataRows > MAX_ROWS) throw new FileError(400, 'TOO_MANY_ROWS', `The file has ${dataRows} rows; at most ${MAX_ROWS} may be sent at once: split it`);

  const columns = records[0].map(columnName);
  const known = new Set([...spec.required, ...spec.optional]);
  const problems: RowProblem[] = [];
  const header = (column: string | null, message: string) => problems.push({ row: 1, column, message, code: 'INVALID' });
  columns.forEach((column, i) => {
    if (column === '') header(null, `Column ${i + 1} has no name`);
    else if (!known.has(column)) header(column, `Unknown column "${column}"; the columns are: ${[...known].join(', ')}`);
    else if (columns.indexOf(column) !== i) header(column, `The column "${column}" appears twice`);
  });
  for (const column of spec.required) if (!columns.includes(column)) header(column, `The column "${column}" is missing`);
  if (spec.oneOf && !spec.oneOf.some((c) => columns.includes(c))) header(spec.oneOf[0], `Give at least one of the columns ${spec.oneOf.join(', ')}`);

  const rows: CsvRow[] = [];
  await eachInTurns(records.slice(1), (record, i) => {
    if (record.every((c) => c.trim() === '')) return;
    const cells = new Map<string, string>();
    columns.forEach((column, j) => column && cells.set(column, record[j] ?? ''));
    rows.push({ row: i + 2, cells });
    if (record.length > columns.length && record.slice(columns.length).some((c) => c.trim() !== '')) {
      problems.push({ row: i + 2, column: null, message: `The row has ${record.length} cells but the header names ${columns.length} columns`, code: 'INVALID' });
    }
  });
  return { columns, rows, problems };
}
