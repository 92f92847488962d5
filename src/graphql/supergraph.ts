import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { z } from 'zod';
import { buildSubgraph } from './federation';

/**
 * supergraph.config.json: the subgraphs to compose, each with the URL the router sends its queries to and
 * where its schema comes from — the hub's own code, an SDL file, or the running subgraph's `_service { sdl }`.
 */
const configSchema = z.object({
  output: z.string().min(1).default('schema/supergraph.graphql'),
  subgraphs: z
    .array(
      z
        .object({
          name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be a name such as "hub" or "health"'),
          url: z.string().url(),
          schema: z.union([z.object({ hub: z.literal(true) }), z.object({ file: z.string().min(1) }), z.object({ introspect: z.literal(true) })]),
        })
        .strict(),
    )
    .min(1, 'must list at least one subgraph'),
});
export type SupergraphConfig = z.infer<typeof configSchema>;

export function readSupergraphConfig(file: string): SupergraphConfig {
  const parsed = configSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} is not valid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

/** The schema of one subgraph, from where the config says (file paths relative to the config's folder). */
async function subgraphSdl(subgraph: SupergraphConfig['subgraphs'][number], baseDir: string): Promise<string> {
  if ('hub' in subgraph.schema) return printSubgraphSchema(await buildSubgraph());
  if ('file' in subgraph.schema) return fs.readFileSync(path.resolve(baseDir, subgraph.schema.file), 'utf8');
  const res = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } }; errors?: Array<{ message: string }> };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`subgraph ${subgraph.name} at ${subgraph.url} did not give its schema: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
  return sdl;
}

/** Composes the configured subgraphs into the supergraph schema Apollo Router serves; throws the composition errors. */
export async function composeSupergraph(config: SupergraphConfig, baseDir: string): Promise<string> {
  const services = [];
  for (const subgraph of config.subgraphs) {
    services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(await subgraphSdl(subgraph, baseDir)) });
  }
  const result = composeServices(services);
  if (result.errors) throw new Error(`the subgraphs do not compose:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
