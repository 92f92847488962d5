import { Client } from 'pg';

/**
 * Rows of place_month and place_month_commune (kept by triggers) that a rebuild from scratch would not write, or
 * would write differently, and the reverse; the rebuild is rolled back.
 */
export async function placeMonthDifferences(db: Client): Promise<string[]> {
  await db.query('begin');
  try {
    const differences: string[] = [];
    for (const table of ['place_month', 'place_month_commune']) await db.query(`create temp table kept_${table} on commit drop as select * from ${table}`);
    await db.query('select rebuild_place_month()');
    for (const table of ['place_month', 'place_month_commune']) {
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
