import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { composeSupergraph, readSupergraphConfig } from '../graphql/supergraph';

/** npm run supergraph [-- --config FILE]: writes the supergraph schema (default schema/supergraph.graphql) for Apollo Router. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string', default: 'supergraph.config.json' } } });
  const file = path.resolve(values.config!);
  const config = readSupergraphConfig(file);
  const sdl = await composeSupergraph(config, path.dirname(file));
  const output = path.resolve(path.dirname(file), config.output);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, sdl);
  console.log(`composed ${config.subgraphs.map((s) => s.name).join(', ')} into ${path.relative(process.cwd(), output)}`);
}

main().catch((err: unknown) => {
  console.error(`supergraph: ${(err as Error).message}`);
  process.exit(1);
});
