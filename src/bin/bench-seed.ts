import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { seedDemo } from '../../seeds/demo';
import { withThrowawayDatabase } from '../../seeds/demo/throwaway';

/**
 * Times the national seed on a throwaway embedded PostgreSQL: wall seconds, rows per second and the peak
 * resident memory of this process (generation and COPY client; PostgreSQL's own memory is not included).
 * `--plain` loads with every index and foreign key maintained row by row, for comparison.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { plain: { type: 'boolean', default: false } } });
  await withThrowawayDatabase(async (url) => {
    const result = await seedDemo(url, { scale: 'national', plainLoad: values.plain });
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    console.log(`national seed: ${result.clubs} clubs, ${result.totalRows.toLocaleString('en')} rows`);
    for (const [table, rows] of Object.entries(result.rows)) console.log(`  ${table.padEnd(18)} ${rows.toLocaleString('en')}`);
    console.log(`wall      ${result.seconds.toFixed(1)} s`);
    console.log(`rows/s    ${Math.round(result.totalRows / result.seconds).toLocaleString('en')}`);
    console.log(`peak RSS  ${peakMiB.toFixed(0)} MiB`);
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
