import fs from 'node:fs';
import { Client } from 'pg';

/**
 * Row counts and an order-independent hash of every row of every table in the seeded database's schema (the
 * migrations' bookkeeping left out): two seeds that print the same digest hold the same rows, ids included.
 * `npm run bench:seed -- --digest FILE` writes the digest of the seed it measured (after the timing), and
 * `npx ts-node --transpile-only bench/seed-digest.ts BEFORE.json AFTER.json` compares two such files.
 *
 * A row's hash is the first 60 bits of md5 of its text form (without the columns that default to now(): the
 * health rows' created_at is the time of the seed); the table's hash is their sum (exact, numeric) and their
 * bitwise xor, so neither the order of rows nor a row's physical place matters.
 */
export type Digest = Record<string, { rows: number; sum: string; xor: string }>;

export async function seedDigest(client: Client): Promise<Digest> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c
     where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and c.relname not like 'mikro_orm%'
     order by 1`,
  );
  const digest: Digest = {};
  for (const { name } of tables) {
    const t = client.escapeIdentifier(name);
    // Columns stamped with the time of the seed (created_at defaulting to now()) differ between any two runs.
    const { rows: columns } = await client.query<{ name: string }>(
      `select a.attname as name from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
         and coalesce(pg_get_expr(d.adbin, d.adrelid), '') not like '%now()%' and coalesce(pg_get_expr(d.adbin, d.adrelid), '') not ilike '%current_timestamp%'
       order by a.attnum`,
      [name],
    );
    const row = `row(${columns.map((c) => `t.${client.escapeIdentifier(c.name)}`).join(', ')})::text`;
    const { rows } = await client.query<{ rows: string; sum: string | null; xor: string | null }>(
      `select count(*) as rows, sum(h)::text as sum, to_hex(bit_xor(h)) as xor
       from (select ('x' || substr(md5(${row}), 1, 15))::bit(60)::bigint as h from ${t} t) x`,
    );
    digest[name] = { rows: Number(rows[0].rows), sum: rows[0].sum ?? '0', xor: rows[0].xor ?? '0' };
  }
  return digest;
}

/** The tables whose rows differ between two digests (or that only one has), one line each. */
export function compareDigests(before: Digest, after: Digest): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const differences: string[] = [];
  for (const name of names) {
    const a = before[name];
    const b = after[name];
    if (!a || !b) differences.push(`${name}: only ${a ? 'before' : 'after'}`);
    else if (a.rows !== b.rows || a.sum !== b.sum || a.xor !== b.xor) differences.push(`${name}: ${a.rows} rows ${a.sum}/${a.xor} before, ${b.rows} rows ${b.sum}/${b.xor} after`);
  }
  return differences;
}

if (require.main === module) {
  const [beforeFile, afterFile] = process.argv.slice(2);
  if (!beforeFile || !afterFile) {
    console.error('usage: seed-digest.ts BEFORE.json AFTER.json');
    process.exit(2);
  }
  const before = JSON.parse(fs.readFileSync(beforeFile, 'utf8')) as Digest;
  const after = JSON.parse(fs.readFileSync(afterFile, 'utf8')) as Digest;
  const differences = compareDigests(before, after);
  const rows = Object.values(after).reduce((n, t) => n + t.rows, 0);
  if (differences.length === 0) console.log(`same rows in all ${Object.keys(after).length} tables (${rows.toLocaleString('en')} rows)`);
  else for (const line of differences) console.log(line);
  process.exitCode = differences.length === 0 ? 0 : 1;
}
