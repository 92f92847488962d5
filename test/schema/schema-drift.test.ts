import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { execFileSync } from 'node:child_process';
import { buildHubSchema, printHubSchema } from '../../src/graphql/schema';

const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schema');

function operationFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? operationFiles(full) : entry.name.endsWith('.graphql') ? [full] : [];
  });
}

describe('schema artifacts', () => {
  it('schema/schema.graphql is what the code prints (run `npm run schema:print`)', async () => {
    const committed = fs.readFileSync(path.join(SCHEMA_DIR, 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printHubSchema());
  });

  it('every operation in schema/operations is named and valid against the schema', async () => {
    const schema = await buildHubSchema();
    const files = operationFiles(path.join(SCHEMA_DIR, 'operations'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parse(fs.readFileSync(file, 'utf8'));
      const errors = validate(schema, document).map((e) => `${path.basename(file)}: ${e.message}`);
      expect(errors).toEqual([]);
      for (const def of document.definitions) {
        if (def.kind === 'OperationDefinition') expect(def.name?.value).toBe(path.basename(file, '.graphql'));
      }
    }
  });
});

describe('generated client', () => {
  it('src/client/gql is what `npm run codegen` generates from the schema and operations', () => {
    // Codegen's CLI is ESM inside; its own check mode runs it outside jest and exits 1 on stale files.
    const root = path.resolve(__dirname, '..', '..');
    const cli = path.join(root, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
    let output = '';
    try {
      output = execFileSync(process.execPath, [cli, '--config', 'codegen.ts', '--check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      output = `${e.stdout ?? ''}${e.stderr ?? ''}` || String(err);
      throw new Error(`generated client is stale (run npm run codegen):\n${output}`);
    }
    expect(output).not.toContain('stale');
  });
});
