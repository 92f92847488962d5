import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { seedDigest } from '../../bench/seed-digest';
import { seedDemo } from '../../seeds/demo';
import { withThrowawayDatabase } from '../../seeds/demo/throwaway';

/** Issue 18's budget for the national seed on 2 cores. */
const TARGET_SECONDS = 60;
const TARGET_RSS_MIB = 1024;

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

/**
 * Times the national seed on a throwaway embedded PostgreSQL: wall seconds per step (and the CPU this process
 * spent in each: generation and COPY encoding; the rest is PostgreSQL or waiting), rows per second and the peak
 * resident memory of this process (PostgreSQL's own memory is not included), each against its target.
 * `--plain` loads with every index and foreign key maintained row by row, for comparison. `--digest FILE` then
 * writes every table's row count and row hash there (bench/seed-digest.ts compares two such files).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { plain: { type: 'boolean', default: false }, wal: { type: 'string', default: 'replica' }, scale: { type: 'string', default: 'national' }, digest: { type: 'string' } } });
  if (values.scale !== 'national' && values.scale !== 'small') throw new Error('--scale national|small');
  if (values.wal !== 'replica' && values.wal !== 'minimal') throw new Error('--wal replica|minimal');
  // The hub's embedded server keeps PostgreSQL's wal_level=replica (its standby needs it); minimal skips the WAL
  // of tables truncated or created in the seed's transaction, which no server a standby copies may use.
  const settings = values.wal === 'minimal' ? { wal_level: 'minimal', max_wal_senders: '0' } : undefined;
  const before = load();
  await withThrowawayDatabase(async (url) => {
    const result = await seedDemo(url, { scale: values.scale as 'national' | 'small', plainLoad: values.plain });
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    console.log(`${values.scale} seed: ${result.clubs} clubs, ${result.totalRows.toLocaleString('en')} rows`);
    for (const [table, rows] of Object.entries(result.rows)) console.log(`  ${table.padEnd(18)} ${rows.toLocaleString('en')}`);
    console.log('steps: wall s, CPU s of this process, CPU s of the PostgreSQL backend');
    const cpu = (x: number | null) => (x === null ? '   ?' : x.toFixed(1).padStart(6));
    for (const p of result.phases) console.log(`  ${p.phase.padEnd(48)} ${p.seconds.toFixed(1).padStart(6)}  ${cpu(p.nodeCpuSeconds)}  ${cpu(p.backendCpuSeconds)}`);
    const sum = (pick: (p: (typeof result.phases)[number]) => number | null) => result.phases.reduce((n, p) => n + (pick(p) ?? 0), 0);
    console.log(`  ${'all steps'.padEnd(48)} ${sum((p) => p.seconds).toFixed(1).padStart(6)}  ${cpu(sum((p) => p.nodeCpuSeconds))}  ${cpu(sum((p) => p.backendCpuSeconds))}`);
    console.log(`wall      ${result.seconds.toFixed(1)} s   target ≤ ${TARGET_SECONDS} s   ratio ${(result.seconds / TARGET_SECONDS).toFixed(2)}`);
    console.log(`rows/s    ${Math.round(result.totalRows / result.seconds).toLocaleString('en')}`);
    console.log(`peak RSS  ${peakMiB.toFixed(0)} MiB   target ≤ ${TARGET_RSS_MIB} MiB   ratio ${(peakMiB / TARGET_RSS_MIB).toFixed(2)}`);
    const backend = result.backendPeakMiB;
    console.log(`backend   peak RSS ${backend == null ? '?' : `${backend.toFixed(0)} MiB`} (the seed's PostgreSQL backend, shared buffers it touched included; not part of the target)`);
    console.log(`server    wal_level=${values.wal}`);
    console.log(`load average (1, 5, 15 min) before ${before}; after ${load()}; ${os.cpus().length} cores`);
    if (values.digest) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        fs.writeFileSync(values.digest, `${JSON.stringify(await seedDigest(client), null, 1)}\n`);
      } finally {
        await client.end();
      }
      console.log(`digest    every table's rows and row hash written to ${values.digest}`);
    }
  }, settings);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
