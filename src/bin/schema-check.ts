import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import { printHubSchema } from '../graphql/schema';

/**
 * Fails when the schema the code builds breaks clients of the schema at a base commit (default: the
 * previous commit; in a pull request, set SCHEMA_BASE=origin/main), unless every breaking change is
 * acknowledged, word for word, in schema/breaking-changes.txt.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ACK_FILE = path.join(ROOT, 'schema', 'breaking-changes.txt');

function baseSchema(ref: string): string | null {
  try {
    return execFileSync('git', ['show', `${ref}:schema/schema.graphql`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const ref = process.env.SCHEMA_BASE || 'HEAD~1';
  const base = baseSchema(ref);
  if (base === null) {
    console.log(`schema check: no schema at ${ref} to compare with (first commit or shallow clone); nothing to check`);
    return;
  }
  const changes = findBreakingChanges(buildSchema(base), buildSchema(await printHubSchema())).map((c) => `${c.type}: ${c.description}`);
  const acknowledged = new Set(
    fs.existsSync(ACK_FILE)
      ? fs.readFileSync(ACK_FILE, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
      : [],
  );
  const unacknowledged = changes.filter((c) => !acknowledged.has(c));
  if (unacknowledged.length === 0) {
    console.log(`schema check: no unacknowledged breaking change since ${ref} (${changes.length} acknowledged)`);
    return;
  }
  console.error(`schema check: breaking changes since ${ref} — clients built on the old schema will fail:`);
  for (const c of unacknowledged) console.error(`  ${c}`);
  console.error(`If they are intended, add these lines to ${path.relative(ROOT, ACK_FILE)} and tell the clients.`);
  process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
