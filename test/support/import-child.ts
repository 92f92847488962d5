import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { Admission } from '../../src/admission';
import { Role, Viewer } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { createContext } from '../../src/context';
import { ormConfig } from '../../src/db/orm.config';
import { createLogger } from '../../src/logger';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { runImport } from '../../src/modules/submission/import.service';

/**
 * A real process running a large club import on DATABASE_URL, for the crash test: it prints "importing"
 * once the transaction has written its first rows, and "done <report>" if nobody stops it first.
 * Usage: node -r ts-node/register/transpile-only test/support/import-child.ts <rows> <code prefix> [name suffix]
 */
async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 20_000);
  const prefix = process.argv[3] ?? 'CRASH';
  const suffix = process.argv[4] ?? '';
  const orm = await MikroORM.init(ormConfig(process.env.DATABASE_URL!, { poolMax: 2 }));
  const units = await UnitDirectory.load(orm.em.fork());
  const viewer: Viewer = { role: Role.ADMIN, organisation: 'crash test', keyId: null, scope: null, mayReadPersonalData: true, persistedOperationsOnly: false };
  const ctx = createContext({ em: orm.em, units, requestId: `${prefix}-run`, logger: createLogger('silent'), viewer, admission: new Admission(loadConfig({}), orm) });
  const lines = ['code,name,commune_pre2025,founded_on,programme'];
  for (let i = 1; i <= rows; i += 1) lines.push(`${prefix}-${String(i).padStart(6, '0')},CLB Liên thế hệ số ${i}${suffix},18769,2021-03-15,DECISION_1336`);
  let announced = false;
  const started = Date.now();
  const report = await runImport(ctx, 'clubs', Buffer.from(lines.join('\n')), {
    dryRun: false,
    onProgress: (written) => {
      if (!announced) process.stdout.write(`importing ${written}\n`);
      announced = true;
    },
  });
  process.stdout.write(`done ${Date.now() - started} ms ${JSON.stringify({ ...report, problems: report.problems.slice(0, 3) })}\n`);
  await orm.close(true);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
