import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ScaleName, seedDemo } from '../../seeds/demo';
import { CALIBRATION_CHECKS, CheckResult, runChecks, STRUCTURAL_CHECKS } from '../../seeds/demo/checks';
import { withThrowawayDatabase } from '../../seeds/demo/throwaway';

/**
 * Seeds the national demo data into a throwaway embedded PostgreSQL and checks every published figure and
 * every rule by SQL; exits 1 when one fails. `--url` checks an existing database instead (no seeding);
 * `--scale small` runs only the scale-independent rules.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, scale: { type: 'string', default: 'national' } } });
  const scale = values.scale as ScaleName;
  const checks = scale === 'national' ? [...CALIBRATION_CHECKS, ...STRUCTURAL_CHECKS] : STRUCTURAL_CHECKS;
  const check = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await runChecks(async (sql) => (await client.query(sql)).rows, checks);
    } finally {
      await client.end();
    }
  };
  const results = values.url
    ? await check(values.url)
    : await withThrowawayDatabase(async (url) => {
        const seeded = await seedDemo(url, { scale });
        console.log(`seeded ${scale}: ${seeded.clubs} clubs, ${seeded.totalRows} rows in ${seeded.seconds.toFixed(1)} s`);
        return check(url);
      });
  for (const r of results) console.log(format(r));
  const failed = results.filter((r) => !r.pass).length;
  console.log(failed === 0 ? `all ${results.length} checks passed` : `${failed} of ${results.length} checks FAILED`);
  process.exitCode = failed === 0 ? 0 : 1;
}

function format(r: CheckResult): string {
  const value = Number.isInteger(r.value) ? r.value.toLocaleString('en') : r.value.toFixed(4);
  return `${r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${value} (expected ${r.expected})`;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
