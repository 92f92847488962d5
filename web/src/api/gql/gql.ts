/* eslint-disable */
import * as types from './graphql';



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
    "query WebIndicatorCatalogue {\n  indicatorDefinitions {\n    id\n    nameVi\n    nameEn\n    unit\n    instrument\n    policyTarget\n  }\n}": typeof types.WebIndicatorCatalogueDocument,
    "query WebIndicators($ids: [String!], $units: [UnitRef!], $level: UnitLevel, $under: UnitRef, $periods: [String!]!, $structure: AdminStructure) {\n  indicators(\n    ids: $ids\n    units: $units\n    level: $level\n    under: $under\n    periods: $periods\n    structure: $structure\n  ) {\n    structure\n    rows {\n      indicatorId\n      unit {\n        structure\n        level\n        code\n        fullName\n      }\n      period\n      value\n      target\n      achievementPercent\n      suppressed\n      approval\n    }\n    suppressedCells\n  }\n}": typeof types.WebIndicatorsDocument,
    "query WebViewer {\n  viewer {\n    kind\n    role\n    organisation\n    scope {\n      structure\n      code\n    }\n    account {\n      id\n      email\n      displayName\n      role\n    }\n    may {\n      readPersonalData\n      write\n      export\n      manageTargets\n      readAuditLog\n      manageAccounts\n    }\n  }\n}": typeof types.WebViewerDocument,
};
const documents: Documents = {
    "query WebIndicatorCatalogue {\n  indicatorDefinitions {\n    id\n    nameVi\n    nameEn\n    unit\n    instrument\n    policyTarget\n  }\n}": types.WebIndicatorCatalogueDocument,
    "query WebIndicators($ids: [String!], $units: [UnitRef!], $level: UnitLevel, $under: UnitRef, $periods: [String!]!, $structure: AdminStructure) {\n  indicators(\n    ids: $ids\n    units: $units\n    level: $level\n    under: $under\n    periods: $periods\n    structure: $structure\n  ) {\n    structure\n    rows {\n      indicatorId\n      unit {\n        structure\n        level\n        code\n        fullName\n      }\n      period\n      value\n      target\n      achievementPercent\n      suppressed\n      approval\n    }\n    suppressedCells\n  }\n}": types.WebIndicatorsDocument,
    "query WebViewer {\n  viewer {\n    kind\n    role\n    organisation\n    scope {\n      structure\n      code\n    }\n    account {\n      id\n      email\n      displayName\n      role\n    }\n    may {\n      readPersonalData\n      write\n      export\n      manageTargets\n      readAuditLog\n      manageAccounts\n    }\n  }\n}": types.WebViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebIndicatorCatalogue {\n  indicatorDefinitions {\n    id\n    nameVi\n    nameEn\n    unit\n    instrument\n    policyTarget\n  }\n}"): typeof import('./graphql').WebIndicatorCatalogueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebIndicators($ids: [String!], $units: [UnitRef!], $level: UnitLevel, $under: UnitRef, $periods: [String!]!, $structure: AdminStructure) {\n  indicators(\n    ids: $ids\n    units: $units\n    level: $level\n    under: $under\n    periods: $periods\n    structure: $structure\n  ) {\n    structure\n    rows {\n      indicatorId\n      unit {\n        structure\n        level\n        code\n        fullName\n      }\n      period\n      value\n      target\n      achievementPercent\n      suppressed\n      approval\n    }\n    suppressedCells\n  }\n}"): typeof import('./graphql').WebIndicatorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebViewer {\n  viewer {\n    kind\n    role\n    organisation\n    scope {\n      structure\n      code\n    }\n    account {\n      id\n      email\n      displayName\n      role\n    }\n    may {\n      readPersonalData\n      write\n      export\n      manageTargets\n      readAuditLog\n      manageAccounts\n    }\n  }\n}"): typeof import('./graphql').WebViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
