import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { composeSupergraph, readSupergraphConfig } from '../../src/graphql/supergraph';

/** A partner subgraph as an SDL file: health facilities joined to the hub's communes. */
const HEALTH_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
enum AdminStructure { PRE_2025 POST_2025 }
type Commune @key(fields: "structure code") {
  structure: AdminStructure!
  code: String!
  healthFacilities: [HealthFacility!]!
}
type HealthFacility { name: String! kind: String! }
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ishc-supergraph-'));
  fs.writeFileSync(path.join(dir, 'health.graphql'), HEALTH_SDL);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const writeConfig = (config: unknown) => {
  const file = path.join(dir, 'supergraph.config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
};

describe('npm run supergraph', () => {
  it('composes the hub (from its code) with a subgraph from an SDL file into a supergraph a router can serve', async () => {
    const file = writeConfig({
      subgraphs: [
        { name: 'hub', url: 'http://hub.internal:4000/graphql', schema: { hub: true } },
        { name: 'health', url: 'http://health.internal/graphql', schema: { file: 'health.graphql' } },
      ],
    });
    const config = readSupergraphConfig(file);
    expect(config.output).toBe('schema/supergraph.graphql');
    const sdl = await composeSupergraph(config, dir);
    expect(sdl).toContain('HUB @join__graph(name: "hub", url: "http://hub.internal:4000/graphql")');
    expect(sdl).toContain('HEALTH @join__graph(name: "health", url: "http://health.internal/graphql")');
    const supergraph = buildSchema(sdl);
    // The partner's field lands on the hub's commune; the hub's fields are all there.
    const commune = supergraph.getType('Commune') as import('graphql').GraphQLObjectType;
    expect(Object.keys(commune.getFields())).toEqual(expect.arrayContaining(['code', 'fullName', 'healthFacilities']));
    expect(Object.keys(supergraph.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['club', 'clubs']));
  });

  it('names every problem of a config file', () => {
    const file = writeConfig({ subgraphs: [{ name: '1 hub', url: 'not a url', schema: { sdl: 'x' } }] });
    expect(() => readSupergraphConfig(file)).toThrow(/subgraphs\.0\.name: must be a name[\s\S]*subgraphs\.0\.url[\s\S]*subgraphs\.0\.schema/);
  });

  it('fails with composition errors when subgraphs disagree', async () => {
    fs.writeFileSync(path.join(dir, 'clash.graphql'), HEALTH_SDL.replace('enum AdminStructure { PRE_2025 POST_2025 }', 'scalar AdminStructure'));
    const file = writeConfig({
      subgraphs: [
        { name: 'hub', url: 'http://hub.internal:4000/graphql', schema: { hub: true } },
        { name: 'clash', url: 'http://clash.internal/graphql', schema: { file: 'clash.graphql' } },
      ],
    });
    await expect(composeSupergraph(readSupergraphConfig(file), dir)).rejects.toThrow(/the subgraphs do not compose:\n {2}- .*AdminStructure/);
  });
});
