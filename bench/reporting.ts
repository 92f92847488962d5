import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm.config';
import { AdminStructure, UnitLevel } from '../src/modules/admin-unit/admin-unit.enums';
import { loadReferenceUnits } from '../src/modules/admin-unit/admin-unit.reference';
import { UnitDirectory } from '../src/modules/admin-unit/unit-directory';
import { familyStatements } from '../src/modules/indicator/indicator.repository';
import { familyRequests } from '../src/modules/indicator/indicator.service';
import { planRequest } from '../src/modules/indicator/indicator.request';
import { countMissingReports, missingReports } from '../src/modules/reporting/club-report.repository';

/**
 * `npm run bench:reporting`: the reporting statements alone, on the national demo data of bench:indicators
 * (.data/bench-indicators, or DATABASE_URL; seed it with `npm run bench:indicators` first). For each: the
 * PostgreSQL backend's CPU time (from /proc, the better figure on a shared machine) and the wall time, medians
 * of BENCH_RUNS (default 7), the buffers of one EXPLAIN ANALYZE, and the load average.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(ROOT, '.data', 'bench-indicators', 'pg'), port: await freePort(), persistent: true });
  if (embedded) await ensureDatabase(embedded.url('postgres'), 'ishc_hub');
  const url = process.env.DATABASE_URL ?? embedded!.url('ishc_hub');
  const orm = await MikroORM.init(ormConfig(url));
  const db = new Client({ connectionString: url });
  try {
    await orm.getMigrator().up();
    await loadReferenceUnits(orm.em.fork());
    const units = await UnitDirectory.load(orm.em.fork());
    await db.connect();
    const pid = (await db.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    const cpuSeconds = () => {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime + stime, in clock ticks of 1/100 s (Linux's USER_HZ).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    };
    const em = { getConnection: () => ({ execute: async (sql: string, params: unknown[]) => (await db.query(numbered(sql), params)).rows }) } as never;

    const cases: Array<[string, () => Promise<unknown>, () => Promise<void>]> = [];
    for (const [structure, year, provinces] of [
      [AdminStructure.PRE_2025, '2024', 63],
      [AdminStructure.POST_2025, '2025', 34],
    ] as const) {
      const plan = planRequest(units, { structure, level: UnitLevel.PROVINCE, periods: [`${year}01..${year}12`], ids: ['reporting_completeness', 'reporting_timeliness'] });
      const report = familyStatements(plan.structure, plan.level, plan.periods, familyRequests(plan.indicators)).find((s) => s.requests.some((r) => r.family === 'report'))!;
      const sql = numbered(report.sql);
      cases.push([
        `report statement ${structure}: ${provinces} provinces × 12 months of ${year}`,
        () => db.query(sql, report.params),
        async () => {
          const plan = (await db.query(`explain (analyze, buffers, format json) ${sql}`, report.params)).rows[0]['QUERY PLAN'][0];
          console.log(`    buffers: shared hit ${plan.Plan['Shared Hit Blocks']}, read ${plan.Plan['Shared Read Blocks']}`);
        },
      ]);
    }
    const nation = units.nation(AdminStructure.POST_2025);
    const months = ['2026-06-01', '2026-11-01'] as const;
    cases.push([`missingReports POST_2025 nation ${months.join('..')}: first page of 100`, () => missingReports(em, units, nation, ...months, { limit: 100, after: null }), async () => undefined]);
    cases.push([`missingReports POST_2025 nation ${months.join('..')}: totalCount`, () => countMissingReports(em, units, nation, ...months), async () => undefined]);

    console.log(`load average at the start: ${load()} (${os.cpus().length} cores)`);
    for (const [name, run, explain] of cases) {
      await run();
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const c0 = cpuSeconds();
        const t0 = process.hrtime.bigint();
        await run();
        wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
        cpu.push((cpuSeconds() - c0) * 1000);
      }
      console.log(`${name}\n    backend CPU p50 ${median(cpu).toFixed(0)} ms, wall p50 ${median(wall).toFixed(1)} ms (${RUNS} runs; load average ${load()})`);
      await explain();
    }
  } finally {
    await db.end().catch(() => undefined);
    await orm.close(true);
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
