import type { HubContext } from '../../context';
import { EntityManager } from '@mikro-orm/postgresql';
import { Club } from '../club/club.entity';
import type { MonthClaim } from '../reporting/period-lock';
import { WriteTx } from '../shared/write';
import { CsvRow, RowProblem } from './csv-input';

export type ImportKind = 'clubs' | 'members' | 'fund-transactions' | 'club-reports' | 'health-checks' | 'home-care-visits';

/** What an import runs with: the transaction's EntityManager, the request, whether to lock what it reads. */
export interface ImportSession {
  em: EntityManager;
  ctx: HubContext;
  /** A real run locks the rows it will write (FOR UPDATE) so what was checked is what gets written. */
  lock: boolean;
}

/** One row once checked: a new record, a changed one, or one already as the file says (nothing to write). */
export interface PlannedRow {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  apply?: (tx: WriteTx) => void;
  /** The club months the row would change (shared/write-check.ts); checked for all rows at once. */
  claims?: Array<MonthClaim | null>;
}

export interface ImportPlan {
  planned: PlannedRow[];
  problems: RowProblem[];
}

/** One kind of CSV file: its columns, and how its rows are checked against the database and applied. */
export interface Importer {
  kind: ImportKind;
  columns: { required: readonly string[]; optional: readonly string[]; oneOf?: readonly string[] };
  plan(session: ImportSession, rows: CsvRow[]): Promise<ImportPlan>;
}

/**
 * A row about a club outside the caller's area. It is checked before anything else of the row is compared
 * with the stored records, and says nothing of them.
 */
export function outsideArea(row: number, column: string): RowProblem {
  return { row, column, message: 'This club is outside your area: you may write only inside your scope', code: 'FORBIDDEN' };
}

/**
 * The clubs a file names, split by the caller's area: those it may write, by code, and the codes of the others,
 * whose rows are refused (outsideArea) before anything of those clubs' members, funds or ledgers is read.
 */
export function clubsInArea(ctx: HubContext, named: readonly Club[]): { clubs: Map<string, Club>; outside: Set<string> } {
  const clubs = new Map<string, Club>();
  const outside = new Set<string>();
  for (const club of named) {
    if (ctx.access.mayWrite(club.place)) clubs.set(club.code, club);
    else outside.add(club.code);
  }
  return { clubs, outside };
}

/** Rows of a file that share a key (a code, a reference): every row after the first is a problem. */
export function duplicates<T>(rows: Array<{ row: number; key: T | undefined }>, column: string, describe: (key: T) => string): Map<number, RowProblem> {
  const first = new Map<string, number>();
  const problems = new Map<number, RowProblem>();
  for (const { row, key } of rows) {
    if (key === undefined) continue;
    const k = JSON.stringify(key);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, row);
    else problems.set(row, { row, column, message: `${describe(key)} is also on row ${seen}: one row per record`, code: 'INVALID' });
  }
  return problems;
}
