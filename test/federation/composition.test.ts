import { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { Role } from '../../src/auth/viewer';
import { buildFixture } from '../api/fixture';
import { startTestHub, TestHub } from '../support/hub';

/** A partner's own subgraph: health facilities, joined to the hub on the commune key. */
const HEALTH_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  enum AdminStructure { PRE_2025 POST_2025 }
  type Commune @key(fields: "structure code") {
    structure: AdminStructure!
    code: String!
    healthFacilities: [HealthFacility!]!
  }
  type HealthFacility { name: String! kind: String! }
`);
const FACILITIES: Record<string, Array<{ name: string; kind: string }>> = {
  'PRE_2025:18769': [{ name: 'Trạm y tế xã Kỳ Tiến', kind: 'COMMUNE_HEALTH_STATION' }],
};

let hub: TestHub;
let health: ApolloServer;
let healthUrl: string;
let gateway: ApolloServer;
beforeAll(async () => {
  hub = await startTestHub();
  await buildFixture(hub);
  health = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: HEALTH_SDL,
      resolvers: {
        Commune: {
          __resolveReference: (ref: { structure: string; code: string }) => ({ ...ref }),
          healthFacilities: (c: { structure: string; code: string }) => FACILITIES[`${c.structure}:${c.code}`] ?? [],
        },
      },
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  ({ url: healthUrl } = await startStandaloneServer(health, { listen: { port: 0, host: '127.0.0.1' } }));

  const hubSdl = (await hub.graphql('{ _service { sdl } }')).data!._service.sdl as string;
  const composed = composeServices([
    { name: 'hub', typeDefs: parse(hubSdl), url: `${hub.url}/graphql` },
    { name: 'health', typeDefs: HEALTH_SDL, url: healthUrl },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const partnerKey = await hub.key(Role.PARTNER);
  gateway = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: composed.supergraphSdl,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource({
          url,
          willSendRequest: ({ request }) => {
            if (url?.startsWith(hub.url)) request.http?.headers.set('authorization', `Bearer ${partnerKey}`);
          },
        }),
    }),
  });
  await gateway.start();
});
afterAll(async () => {
  await gateway?.stop();
  await health?.stop();
  await hub?.stop();
});

describe('composition with another subgraph', () => {
  it('composes and answers a query that joins the hub and a health-facility service on the commune key', async () => {
    const res = await gateway.executeOperation({
      query: `{
        commune(structure: PRE_2025, code: "18769") {
          fullName
          clubCount
          clubs(first: 5) { edges { node { code name } } }
          healthFacilities { name kind }
        }
      }`,
    });
    expect(res.body.kind).toBe('single');
    const result = (res.body as { singleResult: { data?: any; errors?: unknown } }).singleResult;
    expect(result.errors).toBeUndefined();
    expect(result.data.commune).toEqual({
      fullName: 'Xã Kỳ Tiến',
      clubCount: 2,
      clubs: { edges: [{ node: { code: 'HT-18769-01', name: 'CLB Liên thế hệ tự giúp nhau thôn Hưng Phú' } }, { node: { code: 'HT-18769-02', name: 'CLB Liên thế hệ thôn Tân Phú' } }] },
      healthFacilities: [{ name: 'Trạm y tế xã Kỳ Tiến', kind: 'COMMUNE_HEALTH_STATION' }],
    });
  });
});
