import { Client } from 'pg';

/**
 * Rows of kept tables (filled by triggers) that their rebuild from scratch would not write, or would write
 * differently, and the reverse: `rebuild` is run inside a transaction that is rolled back.
 */
export async function keptRowDifferences(db: Client, tables: readonly string[], rebuild: string): Promise<string[]> {
  await db.query('begin');
  try {
    for (const table of tables) await db.query(`create temp table kept_${table} on commit drop as select * from ${table}`);
    await db.query(rebuild);
    const differences: string[] = [];
    for (const table of tables) {
      const { rows } = await db.query<{ side: string; row: string }>(
        `select 'kept' as side, x::text as row from (select * from kept_${table} except all select * from ${table}) x
         union all select 'rebuilt', y::text from (select * from ${table} except all select * from kept_${table}) y order by 2, 1 limit 10`,
      );
      differences.push(...rows.map((r) => `${table} ${r.side}: ${r.row}`));
    }
    return differences;
  } finally {
    await db.query('rollback');
  }
}
