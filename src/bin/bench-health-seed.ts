import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DEFAULT_SEED, seedDemo } from '../../seeds/demo';
import { seedHealth } from '../../seeds/demo/health';
import { withThrowawayDatabase } from '../../seeds/demo/throwaway';

/**
 * Times the demo's health records (seeds/demo/health.ts) on a throwaway embedded PostgreSQL: the demo is seeded
 * (health included), then the health step alone runs again, three rounds, each on emptied health tables inside a
 * transaction that is rolled back. Prints rows, the median seconds and how busy the machine was.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'small' } } });
  const scale = values.scale === 'national' ? 'national' : 'small';
  await withThrowawayDatabase(async (url) => {
    const seeded = await seedDemo(url, { scale });
    console.log(`${scale} seed with health: ${seeded.seconds.toFixed(1)} s`);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const times: number[] = [];
      let rows = { health_check: 0, home_care_visit: 0 };
      for (let round = 0; round < 3; round++) {
        await client.query('begin');
        await client.query('delete from health_check; delete from home_care_visit');
        const started = process.hrtime.bigint();
        rows = await seedHealth(client, DEFAULT_SEED);
        times.push(Number(process.hrtime.bigint() - started) / 1e9);
        await client.query('rollback');
      }
      times.sort((a, b) => a - b);
      console.log(`health_check ${rows.health_check.toLocaleString('en')} rows, home_care_visit ${rows.home_care_visit.toLocaleString('en')} rows`);
      console.log(`health step: median ${times[1].toFixed(2)} s (rounds ${times.map((t) => t.toFixed(2)).join(', ')})`);
      console.log(`uptime: ${execSync('uptime').toString().trim()}`);
    } finally {
      await client.end();
    }
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
