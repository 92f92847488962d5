import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, SCALES, ScaleName, seedDemo } from '../../seeds/demo';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { loadReferenceUnits } from '../modules/admin-unit/admin-unit.reference';

const USAGE = 'usage: npm run seed -- --scale national|small [--seed N] [--reset]';

/** Loads the demo data into the hub's database (DATABASE_URL or the embedded one under DATA_DIR). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'national' }, seed: { type: 'string' }, reset: { type: 'boolean', default: false } },
  });
  const scale = values.scale as ScaleName;
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!(scale in SCALES) || !Number.isSafeInteger(seed)) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await loadReferenceUnits(db.orm.em.fork());
    const result = await seedDemo(db.orm.config.get('clientUrl')!, {
      scale,
      seed,
      reset: values.reset,
      log: (message, details) => console.log(message, details ? JSON.stringify(details) : ''),
    });
    if (!result.seeded) {
      console.log(`Nothing to do: ${result.reason}.`);
      return;
    }
    console.log(`Seeded ${scale} demo data (seed ${seed}): ${result.clubs} clubs, ${result.totalRows} rows in ${result.seconds.toFixed(1)} s`);
    for (const [table, rows] of Object.entries(result.rows)) console.log(`  ${table.padEnd(18)} ${rows}`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
