/** Small helpers for hand-written, set-based SQL run through MikroORM's connection (knex `?` bindings). */

/** A PostgreSQL array literal for `= any(?::int[])`: one binding however many ids. */
export function intArray(ids: readonly number[]): string {
  return `{${ids.map((id) => Math.trunc(id)).join(',')}}`;
}

export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

/** A piece of SQL with its bindings, composable with `and`. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

export function sql(text: string, ...params: unknown[]): SqlPart {
  return { sql: text, params };
}

export function and(parts: Array<SqlPart | null | undefined | false>): SqlPart {
  const kept = parts.filter((p): p is SqlPart => !!p);
  if (kept.length === 0) return { sql: 'true', params: [] };
  return { sql: kept.map((p) => `(${p.sql})`).join(' and '), params: kept.flatMap((p) => p.params) };
}
