import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { HubContext } from '../context';
import { AdminStructure, UnitLevel } from '../modules/admin-unit/admin-unit.enums';
import { buildHubSchema } from './schema';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/** A unit entity as another subgraph names it: by structure and official code. */
function resolveUnit(level: UnitLevel) {
  return (ref: { structure: AdminStructure; code: string }, ctx: HubContext) => {
    const unit = ctx.units.find(ref.structure, ref.code);
    return unit?.level === level ? unit : null;
  };
}

/**
 * The hub's schema as an Apollo Federation 2 subgraph: the same types, fields and resolvers (so the same
 * access rules), plus `_service` and `_entities`. Provinces, districts and communes are entities keyed by
 * `structure code`, clubs by `code`; references to units resolve from memory, to clubs in one batched query.
 */
export async function buildSubgraph(): Promise<GraphQLSchema> {
  const schema = await buildHubSchema();
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  resolvers.Province = { ...resolvers.Province, __resolveReference: resolveUnit(UnitLevel.PROVINCE) };
  resolvers.District = { ...resolvers.District, __resolveReference: resolveUnit(UnitLevel.DISTRICT) };
  resolvers.Commune = { ...resolvers.Commune, __resolveReference: resolveUnit(UnitLevel.COMMUNE) };
  resolvers.Club = {
    ...resolvers.Club,
    __resolveReference: async (ref: { code: string }, ctx: HubContext) => {
      const club = await ctx.loaders.clubs.clubByCode.load(ref.code);
      if (club) ctx.access.requireClub(club.place);
      return club;
    },
  };
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as Parameters<typeof buildSubgraphSchema>[0] extends { resolvers?: infer R } ? R : never });
}
