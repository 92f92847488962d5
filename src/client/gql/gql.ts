/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Commune($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    fullName\n    type\n    path\n    structure\n    district {\n      code\n      fullName\n    }\n    province {\n      code\n      fullName\n    }\n    parent {\n      __typename\n      code\n    }\n  }\n}": typeof types.CommuneDocument,
    "query ProvinceCommunes($structure: AdminStructure, $code: String!) {\n  province(structure: $structure, code: $code) {\n    code\n    fullName\n    parent {\n      code\n      name\n    }\n    districts {\n      code\n      fullName\n    }\n    communes {\n      code\n      name\n      fullName\n      type\n      path\n    }\n  }\n}": typeof types.ProvinceCommunesDocument,
    "query Provinces($structure: AdminStructure) {\n  provinces(structure: $structure) {\n    id\n    code\n    name\n    fullName\n    type\n    level\n    structure\n    path\n    validFrom\n    validTo\n  }\n}": typeof types.ProvincesDocument,
    "query ClubByCode($code: String!) {\n  club(code: $code) {\n    id\n    code\n    name\n    village\n    foundedOn\n    programme\n    status\n    meetingDay\n    communeBefore2025: commune(structure: PRE_2025) {\n      code\n      fullName\n      district {\n        fullName\n      }\n      province {\n        fullName\n      }\n    }\n    communeNow: commune(structure: POST_2025) {\n      code\n      fullName\n      province {\n        fullName\n      }\n    }\n  }\n}": typeof types.ClubByCodeDocument,
    "query CommuneClubs($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    clubs {\n      code\n      name\n    }\n  }\n}": typeof types.CommuneClubsDocument,
};
const documents: Documents = {
    "query Commune($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    fullName\n    type\n    path\n    structure\n    district {\n      code\n      fullName\n    }\n    province {\n      code\n      fullName\n    }\n    parent {\n      __typename\n      code\n    }\n  }\n}": types.CommuneDocument,
    "query ProvinceCommunes($structure: AdminStructure, $code: String!) {\n  province(structure: $structure, code: $code) {\n    code\n    fullName\n    parent {\n      code\n      name\n    }\n    districts {\n      code\n      fullName\n    }\n    communes {\n      code\n      name\n      fullName\n      type\n      path\n    }\n  }\n}": types.ProvinceCommunesDocument,
    "query Provinces($structure: AdminStructure) {\n  provinces(structure: $structure) {\n    id\n    code\n    name\n    fullName\n    type\n    level\n    structure\n    path\n    validFrom\n    validTo\n  }\n}": types.ProvincesDocument,
    "query ClubByCode($code: String!) {\n  club(code: $code) {\n    id\n    code\n    name\n    village\n    foundedOn\n    programme\n    status\n    meetingDay\n    communeBefore2025: commune(structure: PRE_2025) {\n      code\n      fullName\n      district {\n        fullName\n      }\n      province {\n        fullName\n      }\n    }\n    communeNow: commune(structure: POST_2025) {\n      code\n      fullName\n      province {\n        fullName\n      }\n    }\n  }\n}": types.ClubByCodeDocument,
    "query CommuneClubs($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    clubs {\n      code\n      name\n    }\n  }\n}": types.CommuneClubsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Commune($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    fullName\n    type\n    path\n    structure\n    district {\n      code\n      fullName\n    }\n    province {\n      code\n      fullName\n    }\n    parent {\n      __typename\n      code\n    }\n  }\n}"): (typeof documents)["query Commune($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    fullName\n    type\n    path\n    structure\n    district {\n      code\n      fullName\n    }\n    province {\n      code\n      fullName\n    }\n    parent {\n      __typename\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProvinceCommunes($structure: AdminStructure, $code: String!) {\n  province(structure: $structure, code: $code) {\n    code\n    fullName\n    parent {\n      code\n      name\n    }\n    districts {\n      code\n      fullName\n    }\n    communes {\n      code\n      name\n      fullName\n      type\n      path\n    }\n  }\n}"): (typeof documents)["query ProvinceCommunes($structure: AdminStructure, $code: String!) {\n  province(structure: $structure, code: $code) {\n    code\n    fullName\n    parent {\n      code\n      name\n    }\n    districts {\n      code\n      fullName\n    }\n    communes {\n      code\n      name\n      fullName\n      type\n      path\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Provinces($structure: AdminStructure) {\n  provinces(structure: $structure) {\n    id\n    code\n    name\n    fullName\n    type\n    level\n    structure\n    path\n    validFrom\n    validTo\n  }\n}"): (typeof documents)["query Provinces($structure: AdminStructure) {\n  provinces(structure: $structure) {\n    id\n    code\n    name\n    fullName\n    type\n    level\n    structure\n    path\n    validFrom\n    validTo\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClubByCode($code: String!) {\n  club(code: $code) {\n    id\n    code\n    name\n    village\n    foundedOn\n    programme\n    status\n    meetingDay\n    communeBefore2025: commune(structure: PRE_2025) {\n      code\n      fullName\n      district {\n        fullName\n      }\n      province {\n        fullName\n      }\n    }\n    communeNow: commune(structure: POST_2025) {\n      code\n      fullName\n      province {\n        fullName\n      }\n    }\n  }\n}"): (typeof documents)["query ClubByCode($code: String!) {\n  club(code: $code) {\n    id\n    code\n    name\n    village\n    foundedOn\n    programme\n    status\n    meetingDay\n    communeBefore2025: commune(structure: PRE_2025) {\n      code\n      fullName\n      district {\n        fullName\n      }\n      province {\n        fullName\n      }\n    }\n    communeNow: commune(structure: POST_2025) {\n      code\n      fullName\n      province {\n        fullName\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CommuneClubs($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    clubs {\n      code\n      name\n    }\n  }\n}"): (typeof documents)["query CommuneClubs($structure: AdminStructure, $code: String!) {\n  commune(structure: $structure, code: $code) {\n    code\n    clubs {\n      code\n      name\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;