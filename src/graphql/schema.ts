import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AdminUnitResolver } from '../modules/admin-unit/admin-unit.resolver';
import { ClubResolver, CommuneClubsResolver } from '../modules/club/club.resolver';

let cached: Promise<GraphQLSchema> | undefined;

/** The hub's GraphQL schema, built from the resolvers' decorators; needs no database. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [AdminUnitResolver, ClubResolver, CommuneClubsResolver],
    validate: false,
    emitSchemaFile: false,
  });
  return cached;
}

/** The SDL committed at schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildHubSchema()))}\n`;
}
