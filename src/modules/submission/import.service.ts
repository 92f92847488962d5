import type { HubContext } from '../../context';
import { AuditTrail } from '../audit/audit.trail';
import { ChangeSet } from '../live/change-set';
import { writeError } from '../shared/write';
import { lockedRows } from '../shared/write-check';
import { clubImport } from './club-import';
import { clubReportImport } from './club-report-import';
import { decodeCsv, parseCsv, RowProblem } from './csv-input';
import { Importer, ImportKind } from './import.types';
import { memberImport } from './member-import';
import { transactionImport } from './transaction-import';

export const IMPORTERS: Record<ImportKind, Importer> = {
  clubs: clubImport,
  members: memberImport,
  'fund-transactions': transactionImport,
  'club-reports': clubReportImport,
};

/** Rows flushed together: big enough for batched inserts, small enough to report progress. */
const CHUNK = 500;

export interface ImportOptions {
  dryRun: boolean;
  /** Called after each chunk is written (inside the transaction, before it commits). */
  onProgress?: (rowsWritten: number) => void;
}

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  /** Whether the file was written (all of it); false on a dry run or when there is any problem. */
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Audit entries written (one per created or changed record). */
  auditEntries: number;
  /** Every problem found, by row (the header is row 1) and column; with any, nothing is written. */
  problems: RowProblem[];
}

/**
 * Checks a whole CSV file against the database, then (not on a dry run, and only without any problem)
 * writes it in one transaction with its audit entries: all rows or none. Rows already as the file says are
 * left alone, so uploading the same file again writes nothing.
 */
export async function runImport(ctx: HubContext, kind: ImportKind, body: Buffer, options: ImportOptions): Promise<ImportReport> {
  ctx.access.requireWriter();
  const importer = IMPORTERS[kind];
  const file = await parseCsv(decodeCsv(body), importer.columns);
  const report: ImportReport = { kind, dryRun: options.dryRun, applied: false, rows: file.rows.length, created: 0, updated: 0, unchanged: 0, auditEntries: 0, problems: [] };
  if (file.problems.some((p) => p.row === 1)) return { ...report, problems: file.problems };
  try {
    return await ctx.em.transactional(async (em) => {
      const plan = await importer.plan({ em, ctx, lock: !options.dryRun }, file.rows);
      // The period lock of the whole file, in one statement: rows that would change an approved month.
      const locked = await lockedRows(em, plan.planned.filter((p) => p.apply && p.claims?.length).map((p) => ({ row: p.row, claims: p.claims! })));
      const problems = [...file.problems, ...plan.problems, ...locked].sort((a, b) => a.row - b.row);
      const tally = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;
      for (const row of plan.planned) report[tally[row.action]] += 1;
      if (problems.length || options.dryRun) return { ...report, problems };
      const changes = plan.planned.filter((p) => p.apply);
      let auditEntries = 0;
      const announced = new ChangeSet(ctx.units, `import:${kind}`);
      for (let i = 0; i < changes.length; i += CHUNK) {
        // A fresh identity map per chunk, in the same transaction: the ORM's flush looks at every record it
        // holds, so one growing map would make each chunk slower than the last.
        const chunkEm = em.fork({ keepTransactionContext: true });
        const audit = new AuditTrail(chunkEm, ctx.viewer, `import:${kind}`, ctx.requestId, announced.add);
        for (const change of changes.slice(i, i + CHUNK)) change.apply!({ em: chunkEm, ctx, audit });
        await audit.flush();
        auditEntries += audit.written;
        options.onProgress?.(Math.min(i + CHUNK, changes.length));
      }
      // Live subscribers hear of the whole file once, when it commits.
      await announced.publish(em);
      return { ...report, applied: true, auditEntries };
    });
  } catch (err) {
    throw writeError(err);
  }
}
