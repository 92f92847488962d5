import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COLUMNS, LOAD_ORDER, TableName } from './rows';

/**
 * Rows in PostgreSQL's COPY text format, buffered per table for a batch of clubs and loaded with one COPY per
 * table and batch, on the seed's single connection and transaction.
 */
const CHUNK_BYTES = 1 << 20;

/**
 * One table's rows for a batch, encoded straight into 1 MB buffers: the row strings die young, and the batch
 * waits for COPY outside the JavaScript heap (which keeps the garbage collector's work and the RSS small).
 */
class TableRows {
  private readonly chunks: Buffer[] = [];
  private buffer: Buffer | null = null;
  private used = 0;
  count = 0;

  add(line: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8; +1 for the line feed.
    const worst = line.length * 3 + 1;
    if (this.buffer === null || this.used + worst > this.buffer.length) {
      this.seal();
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, worst));
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used++] = 0x0a;
    this.count += 1;
  }

  private seal(): void {
    if (this.buffer !== null && this.used > 0) this.chunks.push(this.buffer.subarray(0, this.used));
    this.buffer = null;
    this.used = 0;
  }

  take(): Buffer[] {
    this.seal();
    return this.chunks.splice(0);
  }
}

export class Batch {
  private readonly tables = new Map<TableName, TableRows>(LOAD_ORDER.map((t) => [t, new TableRows()]));

  /** Appends one row; `fields` are already in COPY text form. */
  row(table: TableName, fields: string): void {
    this.tables.get(table)!.add(fields);
  }

  count(table: TableName): number {
    return this.tables.get(table)!.count;
  }

  /** The table's buffered rows, leaving it empty. */
  take(table: TableName): Buffer[] {
    return this.tables.get(table)!.take();
  }
}

/** Runs the COPY statements of one batch after another on one connection and counts the rows. */
export class CopyLoader {
  readonly rows = Object.fromEntries(LOAD_ORDER.map((t) => [t, 0])) as Record<TableName, number>;

  constructor(
    private readonly client: Client,
    private readonly opts: { freeze: boolean },
  ) {}

  async load(batch: Batch): Promise<void> {
    for (const table of LOAD_ORDER) {
      const count = batch.count(table);
      if (count === 0) continue;
      await this.copy(table, batch.take(table));
      this.rows[table] += count;
    }
  }

  private copy(table: TableName, parts: Buffer[]): Promise<void> {
    const options = this.opts.freeze ? ' with (freeze)' : '';
    const stream = this.client.query(copyFrom(`copy ${table} (${COLUMNS[table].join(', ')}) from stdin${options}`));
    return new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      for (const part of parts) stream.write(part);
      stream.end();
    });
  }

  get total(): number {
    return Object.values(this.rows).reduce((a, b) => a + b, 0);
  }
}
