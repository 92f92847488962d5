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
    "query WebAccounts {\n  accounts {\n    id\n    email\n    displayName\n    organisation\n    role\n    scope {\n      structure\n      code\n    }\n    active\n    passwordSet\n    totpEnabled\n  }\n}": typeof types.WebAccountsDocument,
    "query WebApiKeys {\n  apiKeys {\n    id\n    prefix\n    organisation\n    role\n    scope {\n      structure\n      code\n    }\n    persistedOperationsOnly\n    createdAt\n    expiresAt\n    revokedAt\n    active\n  }\n}": typeof types.WebApiKeysDocument,
    "query WebApprovals($structure: AdminStructure!, $unitCode: String!, $from: String!, $to: String!) {\n  approvals(structure: $structure, unitCode: $unitCode, from: $from, to: $to) {\n    unit {\n      structure\n      level\n      code\n      fullName\n    }\n    months {\n      month\n      structureInForce\n      approved\n      approval {\n        level\n        approvedBy\n        approvedAt\n      }\n      approvedAbove {\n        level\n        unitCode\n        approvedBy\n        approvedAt\n      }\n      reportsExpected\n      unitsBelowExpected\n      unitsBelowApproved\n      ready\n    }\n  }\n}": typeof types.WebApprovalsDocument,
    "mutation WebApproveData($input: ApproveDataInput!) {\n  approveData(input: $input) {\n    approved {\n      month\n    }\n    alreadyApproved\n  }\n}": typeof types.WebApproveDataDocument,
    "mutation WebCreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    key\n    apiKey {\n      id\n      prefix\n    }\n  }\n}": typeof types.WebCreateApiKeyDocument,
    "query WebIndicatorCatalogue {\n  indicatorDefinitions {\n    id\n    nameVi\n    nameEn\n    unit\n    instrument\n    policyTarget\n  }\n}": typeof types.WebIndicatorCatalogueDocument,
    "query WebIndicators($ids: [String!], $units: [UnitRef!], $level: UnitLevel, $under: UnitRef, $periods: [String!]!, $structure: AdminStructure) {\n  indicators(\n    ids: $ids\n    units: $units\n    level: $level\n    under: $under\n    periods: $periods\n    structure: $structure\n  ) {\n    structure\n    rows {\n      indicatorId\n      unit {\n        structure\n        level\n        code\n        fullName\n      }\n      period\n      value\n      target\n      achievementPercent\n      suppressed\n      approval\n    }\n    suppressedCells\n  }\n}": typeof types.WebIndicatorsDocument,
    "mutation WebInviteAccount($input: InviteAccountInput!) {\n  inviteAccount(input: $input) {\n    account {\n      id\n      email\n    }\n    path\n    expiresAt\n  }\n}": typeof types.WebInviteAccountDocument,
    "query WebMissingReports($structure: AdminStructure!, $code: String, $from: String!, $to: String!, $first: Int) {\n  missingReports(\n    structure: $structure\n    code: $code\n    from: $from\n    to: $to\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        clubCode\n        clubName\n        commune {\n          code\n          fullName\n        }\n        month\n        status\n        deadline\n        submittedOn\n      }\n    }\n  }\n}": typeof types.WebMissingReportsDocument,
    "mutation WebRevokeApiKey($prefix: String!) {\n  revokeApiKey(prefix: $prefix)\n}": typeof types.WebRevokeApiKeyDocument,
    "mutation WebSetAccountActive($accountId: Int!, $active: Boolean!) {\n  setAccountActive(accountId: $accountId, active: $active) {\n    id\n    active\n  }\n}": typeof types.WebSetAccountActiveDocument,
    "mutation WebUnapproveData($input: UnapproveDataInput!) {\n  unapproveData(input: $input) {\n    removed {\n      level\n      unitCode\n      month\n    }\n  }\n}": typeof types.WebUnapproveDataDocument,
    "query WebViewer {\n  viewer {\n    kind\n    role\n    organisation\n    scope {\n      structure\n      code\n    }\n    account {\n      id\n      email\n      displayName\n      role\n    }\n    may {\n      readPersonalData\n      write\n      export\n      manageTargets\n      readAuditLog\n      manageAccounts\n    }\n  }\n}": typeof types.WebViewerDocument,
};
const documents: Documents = {
    "query WebAccounts {\n  accounts {\n    id\n    email\n    displayName\n    organisation\n    role\n    scope {\n      structure\n      code\n    }\n    active\n    passwordSet\n    totpEnabled\n  }\n}": types.WebAccountsDocument,
    "query WebApiKeys {\n  apiKeys {\n    id\n    prefix\n    organisation\n    role\n    scope {\n      structure\n      code\n    }\n    persistedOperationsOnly\n    createdAt\n    expiresAt\n    revokedAt\n    active\n  }\n}": types.WebApiKeysDocument,
    "query WebApprovals($structure: AdminStructure!, $unitCode: String!, $from: String!, $to: String!) {\n  approvals(structure: $structure, unitCode: $unitCode, from: $from, to: $to) {\n    unit {\n      structure\n      level\n      code\n      fullName\n    }\n    months {\n      month\n      structureInForce\n      approved\n      approval {\n        level\n        approvedBy\n        approvedAt\n      }\n      approvedAbove {\n        level\n        unitCode\n        approvedBy\n        approvedAt\n      }\n      reportsExpected\n      unitsBelowExpected\n      unitsBelowApproved\n      ready\n    }\n  }\n}": types.WebApprovalsDocument,
    "mutation WebApproveData($input: ApproveDataInput!) {\n  approveData(input: $input) {\n    approved {\n      month\n    }\n    alreadyApproved\n  }\n}": types.WebApproveDataDocument,
    "mutation WebCreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    key\n    apiKey {\n      id\n      prefix\n    }\n  }\n}": types.WebCreateApiKeyDocument,
    "query WebIndicatorCatalogue {\n  indicatorDefinitions {\n    id\n    nameVi\n    nameEn\n    unit\n    instrument\n    policyTarget\n  }\n}": types.WebIndicatorCatalogueDocument,
    "query WebIndicators($ids: [String!], $units: [UnitRef!], $level: UnitLevel, $under: UnitRef, $periods: [String!]!, $structure: AdminStructure) {\n  indicators(\n    ids: $ids\n    units: $units\n    level: $level\n    under: $under\n    periods: $periods\n    structure: $structure\n  ) {\n    structure\n    rows {\n      indicatorId\n      unit {\n        structure\n        level\n        code\n        fullName\n      }\n      period\n      value\n      target\n      achievementPercent\n      suppressed\n      approval\n    }\n    suppressedCells\n  }\n}": types.WebIndicatorsDocument,
    "mutation WebInviteAccount($input: InviteAccountInput!) {\n  inviteAccount(input: $input) {\n    account {\n      id\n      email\n    }\n    path\n    expiresAt\n  }\n}": types.WebInviteAccountDocument,
    "query WebMissingReports($structure: AdminStructure!, $code: String, $from: String!, $to: String!, $first: Int) {\n  missingReports(\n    structure: $structure\n    code: $code\n    from: $from\n    to: $to\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        clubCode\n        clubName\n        commune {\n          code\n          fullName\n        }\n        month\n        status\n        deadline\n        submittedOn\n      }\n    }\n  }\n}": types.WebMissingReportsDocument,
    "mutation WebRevokeApiKey($prefix: String!) {\n  revokeApiKey(prefix: $prefix)\n}": types.WebRevokeApiKeyDocument,
    "mutation WebSetAccountActive($accountId: Int!, $active: Boolean!) {\n  setAccountActive(accountId: $accountId, active: $active) {\n    id\n    active\n  }\n}": types.WebSetAccountActiveDocument,
    "mutation WebUnapproveData($input: UnapproveDataInput!) {\n  unapproveData(input: $input) {\n    removed {\n      level\n      unitCode\n      month\n    }\n  }\n}": types.WebUnapproveDataDocument,
    "query WebViewer {\n  viewer {\n    kind\n    role\n    organisation\n    scope {\n      structure\n      code\n    }\n    account {\n      id\n      email\n      displayName\n      role\n    }\n    may {\n      readPersonalData\n      write\n      export\n      manageTargets\n      readAuditLog\n      manageAccounts\n    }\n  }\n}": types.WebViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebAccounts {\n  accounts {\n    id\n    email\n    displayName\n    organisation\n    role\n    scope {\n      structure\n      code\n    }\n    active\n    passwordSet\n    totpEnabled\n  }\n}"): typeof import('./graphql').WebAccountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebApiKeys {\n  apiKeys {\n    id\n    prefix\n    organisation\n    role\n    scope {\n      structure\n      code\n    }\n    persistedOperationsOnly\n    createdAt\n    expiresAt\n    revokedAt\n    active\n  }\n}"): typeof import('./graphql').WebApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebApprovals($structure: AdminStructure!, $unitCode: String!, $from: String!, $to: String!) {\n  approvals(structure: $structure, unitCode: $unitCode, from: $from, to: $to) {\n    unit {\n      structure\n      level\n      code\n      fullName\n    }\n    months {\n      month\n      structureInForce\n      approved\n      approval {\n        level\n        approvedBy\n        approvedAt\n      }\n      approvedAbove {\n        level\n        unitCode\n        approvedBy\n        approvedAt\n      }\n      reportsExpected\n      unitsBelowExpected\n      unitsBelowApproved\n      ready\n    }\n  }\n}"): typeof import('./graphql').WebApprovalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WebApproveData($input: ApproveDataInput!) {\n  approveData(input: $input) {\n    approved {\n      month\n    }\n    alreadyApproved\n  }\n}"): typeof import('./graphql').WebApproveDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WebCreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    key\n    apiKey {\n      id\n      prefix\n    }\n  }\n}"): typeof import('./graphql').WebCreateApiKeyDocument;
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
export function graphql(source: "mutation WebInviteAccount($input: InviteAccountInput!) {\n  inviteAccount(input: $input) {\n    account {\n      id\n      email\n    }\n    path\n    expiresAt\n  }\n}"): typeof import('./graphql').WebInviteAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebMissingReports($structure: AdminStructure!, $code: String, $from: String!, $to: String!, $first: Int) {\n  missingReports(\n    structure: $structure\n    code: $code\n    from: $from\n    to: $to\n    first: $first\n  ) {\n    totalCount\n    edges {\n      node {\n        clubCode\n        clubName\n        commune {\n          code\n          fullName\n        }\n        month\n        status\n        deadline\n        submittedOn\n      }\n    }\n  }\n}"): typeof import('./graphql').WebMissingReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WebRevokeApiKey($prefix: String!) {\n  revokeApiKey(prefix: $prefix)\n}"): typeof import('./graphql').WebRevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WebSetAccountActive($accountId: Int!, $active: Boolean!) {\n  setAccountActive(accountId: $accountId, active: $active) {\n    id\n    active\n  }\n}"): typeof import('./graphql').WebSetAccountActiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WebUnapproveData($input: UnapproveDataInput!) {\n  unapproveData(input: $input) {\n    removed {\n      level\n      unitCode\n      month\n    }\n  }\n}"): typeof import('./graphql').WebUnapproveDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WebViewer {\n  viewer {\n    kind\n    role\n    organisation\n    scope {\n      structure\n      code\n    }\n    account {\n      id\n      email\n      displayName\n      role\n    }\n    may {\n      readPersonalData\n      write\n      export\n      manageTargets\n      readAuditLog\n      manageAccounts\n    }\n  }\n}"): typeof import('./graphql').WebViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
