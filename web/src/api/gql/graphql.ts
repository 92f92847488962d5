/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The eight activity areas of the club model. */
export type ActivityArea =
  | 'CULTURE_AND_SPORT'
  | 'HEALTH_CARE'
  | 'HOME_CARE'
  | 'LIFELONG_LEARNING'
  | 'LIVELIHOODS'
  | 'RESOURCE_MOBILISATION'
  | 'RIGHTS_AND_ENTITLEMENTS'
  | 'SELF_HELP';

/** Which administrative structure a unit code belongs to (codes were reused in 2025). */
export type AdminStructure =
  /** 34 provinces and communes, no districts; from 1 July 2025. */
  | 'POST_2025'
  /** 63 provinces, districts and communes; in force until 30 June 2025. */
  | 'PRE_2025';

/** A unit and a period to approve: a month ("2024-03"), a quarter ("2024-Q1") or a year ("2024"), i.e. every month in it. */
export type ApproveDataInput = {
  /** "2024-03", "2024-Q1" or "2024". */
  period: string;
  /** The structure of the unit: PRE_2025 for months before July 2025, POST_2025 from then on. */
  structure: AdminStructure;
  /** The unit's code ("VN" for the nation). */
  unitCode: string;
};

export type BoardRole =
  | 'BOARD_MEMBER'
  | 'CHAIR'
  | 'SECRETARY'
  | 'TREASURER'
  | 'VICE_CHAIR';

/** Whether a cell of an approved-only table holds approved data. */
export type CellApproval =
  | 'APPROVED'
  | 'NOT_APPROVED';

/** The overall rating a supervision visit gives a club. */
export type ClubRating =
  | 'FAIR'
  | 'GOOD'
  | 'WEAK';

export type ClubStatus =
  | 'ACTIVE'
  | 'DISSOLVED'
  | 'SUSPENDED';

export type CreateApiKeyInput = {
  /** Last valid day, YYYY-MM-DD (Vietnam time); null: never expires. */
  expiresOn?: string | null | undefined;
  /** The health permission (ASSOCIATION keys only), as `npm run keys -- create --health`. */
  health?: boolean;
  /** The organisation the key is issued to. */
  organisation: string;
  persistedOperationsOnly?: boolean;
  role: Role;
  /** Required for ASSOCIATION; null: the whole nation. */
  scope?: UnitRef | null | undefined;
};

export type FundKind =
  | 'ACTIVITY'
  | 'INCOME_GENERATION'
  | 'OTHER';

/** What an indicator value measures. */
export type IndicatorUnit =
  | 'COUNT'
  | 'DONG'
  | 'PERCENT'
  | 'RATIO';

/** The policy instrument a target comes from. */
export type Instrument =
  | 'DECISION_1336'
  | 'DECISION_1648'
  | 'PROVINCIAL_PLAN';

export type InviteAccountInput = {
  displayName: string;
  email: string;
  /** The health permission: individual health records of the scope (ASSOCIATION only). */
  health?: boolean;
  organisation: string;
  role: Role;
  /** Required for ASSOCIATION; null: the whole nation. */
  scope?: UnitRef | null | undefined;
};

export type LoanStatus =
  | 'CURRENT'
  | 'OVERDUE'
  | 'REPAID'
  | 'WRITTEN_OFF';

export type PovertyStatus =
  | 'NEAR_POOR'
  | 'NOT_POOR'
  | 'POOR';

/** The scheme or project a club was founded under. */
export type Programme =
  | 'DECISION_1336'
  | 'DECISION_1533'
  | 'DECISION_1648'
  | 'LOCAL_INITIATIVE'
  | 'NGO_PROJECT';

/** Why an expected monthly report is listed. */
export type ReportStatus =
  | 'LATE'
  | 'MISSING';

export type Role =
  | 'ADMIN'
  | 'ANONYMOUS'
  | 'ASSOCIATION'
  | 'MINISTRY'
  | 'PARTNER';

export type Sex =
  | 'FEMALE'
  | 'MALE';

/** A unit and a period to unapprove, and why. */
export type UnapproveDataInput = {
  /** "2024-03", "2024-Q1" or "2024". */
  period: string;
  /** Why (required; kept in the audit log with each approval removed). */
  reason: string;
  /** The structure of the unit: PRE_2025 for months before July 2025, POST_2025 from then on. */
  structure: AdminStructure;
  /** The unit's code ("VN" for the nation). */
  unitCode: string;
};

export type UnitLevel =
  | 'COMMUNE'
  | 'DISTRICT'
  | 'NATION'
  | 'PROVINCE';

/** An administrative unit named by structure and code. */
export type UnitRef = {
  code: string;
  structure: AdminStructure;
};

/** How the caller authenticated. */
export type ViewerKind =
  | 'ANONYMOUS'
  | 'API_KEY'
  | 'PERSON';

export type WebAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebAccountsQuery = { accounts: Array<{ id: number, email: string, displayName: string, organisation: string, role: Role, active: boolean, passwordSet: boolean, totpEnabled: boolean, scope: { structure: AdminStructure, code: string } | null }> };

export type WebApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type WebApiKeysQuery = { apiKeys: Array<{ id: number, prefix: string, organisation: string, role: Role, persistedOperationsOnly: boolean, healthRecords: boolean, createdAt: string, expiresAt: string | null, revokedAt: string | null, active: boolean, scope: { structure: AdminStructure, code: string } | null }> };

export type WebApprovalsQueryVariables = Exact<{
  structure: AdminStructure;
  unitCode: string;
  from: string;
  to: string;
}>;


export type WebApprovalsQuery = { approvals: { unit:
      | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
      | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
      | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
      | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
    , months: Array<{ month: string, structureInForce: AdminStructure, approved: boolean, reportsExpected: number, unitsBelowExpected: number, unitsBelowApproved: number, ready: boolean, approval: { level: UnitLevel, approvedBy: string, approvedAt: string } | null, approvedAbove: Array<{ level: UnitLevel, unitCode: string, approvedBy: string, approvedAt: string }> }> } };

export type WebApproveDataMutationVariables = Exact<{
  input: ApproveDataInput;
}>;


export type WebApproveDataMutation = { approveData: { alreadyApproved: Array<string>, approved: Array<{ month: string }> } };

export type WebClubQueryVariables = Exact<{
  code: string;
  withPersonal: boolean;
  m1?: string | null | undefined;
  m2?: string | null | undefined;
  m3?: string | null | undefined;
  m4?: string | null | undefined;
  m5?: string | null | undefined;
  m6?: string | null | undefined;
  m7?: string | null | undefined;
  m8?: string | null | undefined;
  m9?: string | null | undefined;
  m10?: string | null | undefined;
  m11?: string | null | undefined;
  m12?: string | null | undefined;
}>;


export type WebClubQuery = { club: { code: string, name: string, village: string | null, foundedOn: string, foundingDecision: string | null, programme: Programme, status: ClubStatus, meetingDay: number | null, memberCount: number, olderMemberCount: number, communeBefore2025: { code: string, fullName: string, district: { code: string, fullName: string } | null, province: { code: string, fullName: string } } | null, communeNow: { code: string, fullName: string, province: { code: string, fullName: string } } | null, board?: Array<{ boardRole: BoardRole | null, fullName: string | null }> | null, meetings: { totalCount: number, edges: Array<{ node: { heldOn: string, attendance: number, activityAreas: Array<ActivityArea> } }> }, funds: Array<{ kind: FundKind, openedOn: string, capital: string, c1: string, c2: string, c3: string, c4: string, c5: string, c6: string, c7: string, c8: string, c9: string, c10: string, c11: string, c12: string, loans: { totalCount: number, edges: Array<{ node: { disbursedOn: string, dueOn: string, principal: string, repaid: string, outstanding: string, status: LoanStatus, borrower?: { fullName: string | null } | null } }> } }>, supervisionVisits: Array<{ visitedOn: string, visitingLevel: UnitLevel, rating: ClubRating }>, members?: { totalCount: number, edges: Array<{ node: { fullName: string | null, sex: Sex, birthYear: number | null, povertyStatus: PovertyStatus | null, boardRole: BoardRole | null, joinedOn: string } }> } | null } | null };

export type WebCreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type WebCreateApiKeyMutation = { createApiKey: { key: string, apiKey: { id: number, prefix: string } } };

export type WebIndicatorCatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type WebIndicatorCatalogueQuery = { indicatorDefinitions: Array<{ id: string, nameVi: string, nameEn: string, unit: IndicatorUnit, instrument: Instrument | null, policyTarget: string | null, targets: Array<{ instrument: Instrument, periodEnd: string, value: number, unit:
        | { code: string }
        | { code: string }
        | { code: string }
        | { code: string }
       | null }> }> };

export type WebIndicatorsQueryVariables = Exact<{
  ids?: Array<string> | string | null | undefined;
  units?: Array<UnitRef> | UnitRef | null | undefined;
  level?: UnitLevel | null | undefined;
  under?: UnitRef | null | undefined;
  periods: Array<string> | string;
  structure?: AdminStructure | null | undefined;
}>;


export type WebIndicatorsQuery = { indicators: { structure: AdminStructure, suppressedCells: number, rows: Array<{ indicatorId: string, period: string, value: number | null, target: number | null, achievementPercent: number | null, suppressed: boolean, approval: CellApproval | null, unit:
        | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
        | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
        | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
        | { structure: AdminStructure, level: UnitLevel, code: string, fullName: string }
       }> } };

export type WebInviteAccountMutationVariables = Exact<{
  input: InviteAccountInput;
}>;


export type WebInviteAccountMutation = { inviteAccount: { path: string, expiresAt: string, account: { id: number, email: string } } };

export type WebMissingReportsQueryVariables = Exact<{
  structure: AdminStructure;
  code?: string | null | undefined;
  from: string;
  to: string;
  first?: number | null | undefined;
}>;


export type WebMissingReportsQuery = { missingReports: { totalCount: number, edges: Array<{ node: { clubCode: string, clubName: string, month: string, status: ReportStatus, deadline: string, submittedOn: string | null, commune: { code: string, fullName: string } | null } }> } };

export type WebRankingQueryVariables = Exact<{
  period: string;
  structure?: AdminStructure | null | undefined;
  within?: UnitRef | null | undefined;
  level?: UnitLevel | null | undefined;
  first?: number | null | undefined;
}>;


export type WebRankingQuery = { clubQualityRanking: { totalCount: number, rows: Array<{ rank: number, activeClubs: number, weakClubs: number, unreportedClubs: number, weakOrUnreportedPercent: number | null, unit:
        | { code: string, name: string, level: UnitLevel }
        | { code: string, name: string, level: UnitLevel }
        | { code: string, name: string, level: UnitLevel }
        | { code: string, name: string, level: UnitLevel }
       }> } };

export type WebRevokeApiKeyMutationVariables = Exact<{
  prefix: string;
}>;


export type WebRevokeApiKeyMutation = { revokeApiKey: boolean };

export type WebSetAccountActiveMutationVariables = Exact<{
  accountId: number;
  active: boolean;
}>;


export type WebSetAccountActiveMutation = { setAccountActive: { id: number, active: boolean } };

export type WebUnapproveDataMutationVariables = Exact<{
  input: UnapproveDataInput;
}>;


export type WebUnapproveDataMutation = { unapproveData: { removed: Array<{ level: UnitLevel, unitCode: string, month: string }> } };

export type WebUnitQueryVariables = Exact<{
  structure: AdminStructure;
  code: string;
  month: string;
  isProvince: boolean;
  isDistrict: boolean;
  isCommune: boolean;
}>;


export type WebUnitQuery = { province?: { code: string, fullName: string } | null, district?: { code: string, fullName: string, province: { code: string, fullName: string }, communes: Array<{ code: string }> } | null, commune?: { code: string, fullName: string, district: { code: string, fullName: string } | null, province: { code: string, fullName: string }, clubs: { totalCount: number, edges: Array<{ node: { code: string, name: string, village: string | null, status: ClubStatus, foundedOn: string, memberCount: number, olderMemberCount: number, supervisionVisits: Array<{ visitedOn: string, rating: ClubRating }>, reports: Array<{ month: string }> } }> } | null } | null };

export type WebViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type WebViewerQuery = { viewer: { kind: ViewerKind, role: Role, organisation: string | null, scope: { structure: AdminStructure, code: string } | null, account: { id: number, email: string, displayName: string, role: Role } | null, may: { readPersonalData: boolean, write: boolean, export: boolean, manageTargets: boolean, readAuditLog: boolean, manageAccounts: boolean } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const WebAccountsDocument = new TypedDocumentString(`
    query WebAccounts {
  accounts {
    id
    email
    displayName
    organisation
    role
    scope {
      structure
      code
    }
    active
    passwordSet
    totpEnabled
  }
}
    `) as unknown as TypedDocumentString<WebAccountsQuery, WebAccountsQueryVariables>;
export const WebApiKeysDocument = new TypedDocumentString(`
    query WebApiKeys {
  apiKeys {
    id
    prefix
    organisation
    role
    scope {
      structure
      code
    }
    persistedOperationsOnly
    healthRecords
    createdAt
    expiresAt
    revokedAt
    active
  }
}
    `) as unknown as TypedDocumentString<WebApiKeysQuery, WebApiKeysQueryVariables>;
export const WebApprovalsDocument = new TypedDocumentString(`
    query WebApprovals($structure: AdminStructure!, $unitCode: String!, $from: String!, $to: String!) {
  approvals(structure: $structure, unitCode: $unitCode, from: $from, to: $to) {
    unit {
      structure
      level
      code
      fullName
    }
    months {
      month
      structureInForce
      approved
      approval {
        level
        approvedBy
        approvedAt
      }
      approvedAbove {
        level
        unitCode
        approvedBy
        approvedAt
      }
      reportsExpected
      unitsBelowExpected
      unitsBelowApproved
      ready
    }
  }
}
    `) as unknown as TypedDocumentString<WebApprovalsQuery, WebApprovalsQueryVariables>;
export const WebApproveDataDocument = new TypedDocumentString(`
    mutation WebApproveData($input: ApproveDataInput!) {
  approveData(input: $input) {
    approved {
      month
    }
    alreadyApproved
  }
}
    `) as unknown as TypedDocumentString<WebApproveDataMutation, WebApproveDataMutationVariables>;
export const WebClubDocument = new TypedDocumentString(`
    query WebClub($code: String!, $withPersonal: Boolean!, $m1: Date, $m2: Date, $m3: Date, $m4: Date, $m5: Date, $m6: Date, $m7: Date, $m8: Date, $m9: Date, $m10: Date, $m11: Date, $m12: Date) {
  club(code: $code) {
    code
    name
    village
    foundedOn
    foundingDecision
    programme
    status
    meetingDay
    memberCount
    olderMemberCount
    communeBefore2025: commune(structure: PRE_2025) {
      code
      fullName
      district {
        code
        fullName
      }
      province {
        code
        fullName
      }
    }
    communeNow: commune(structure: POST_2025) {
      code
      fullName
      province {
        code
        fullName
      }
    }
    board @include(if: $withPersonal) {
      boardRole
      fullName
    }
    meetings(first: 12) {
      totalCount
      edges {
        node {
          heldOn
          attendance
          activityAreas
        }
      }
    }
    funds {
      kind
      openedOn
      capital
      c1: capital(asOf: $m1)
      c2: capital(asOf: $m2)
      c3: capital(asOf: $m3)
      c4: capital(asOf: $m4)
      c5: capital(asOf: $m5)
      c6: capital(asOf: $m6)
      c7: capital(asOf: $m7)
      c8: capital(asOf: $m8)
      c9: capital(asOf: $m9)
      c10: capital(asOf: $m10)
      c11: capital(asOf: $m11)
      c12: capital(asOf: $m12)
      loans(first: 50) {
        totalCount
        edges {
          node {
            disbursedOn
            dueOn
            principal
            repaid
            outstanding
            status
            borrower @include(if: $withPersonal) {
              fullName
            }
          }
        }
      }
    }
    supervisionVisits {
      visitedOn
      visitingLevel
      rating
    }
    members(first: 100) @include(if: $withPersonal) {
      totalCount
      edges {
        node {
          fullName
          sex
          birthYear
          povertyStatus
          boardRole
          joinedOn
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebClubQuery, WebClubQueryVariables>;
export const WebCreateApiKeyDocument = new TypedDocumentString(`
    mutation WebCreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    key
    apiKey {
      id
      prefix
    }
  }
}
    `) as unknown as TypedDocumentString<WebCreateApiKeyMutation, WebCreateApiKeyMutationVariables>;
export const WebIndicatorCatalogueDocument = new TypedDocumentString(`
    query WebIndicatorCatalogue {
  indicatorDefinitions {
    id
    nameVi
    nameEn
    unit
    instrument
    policyTarget
    targets {
      instrument
      periodEnd
      value
      unit {
        code
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebIndicatorCatalogueQuery, WebIndicatorCatalogueQueryVariables>;
export const WebIndicatorsDocument = new TypedDocumentString(`
    query WebIndicators($ids: [String!], $units: [UnitRef!], $level: UnitLevel, $under: UnitRef, $periods: [String!]!, $structure: AdminStructure) {
  indicators(
    ids: $ids
    units: $units
    level: $level
    under: $under
    periods: $periods
    structure: $structure
  ) {
    structure
    rows {
      indicatorId
      unit {
        structure
        level
        code
        fullName
      }
      period
      value
      target
      achievementPercent
      suppressed
      approval
    }
    suppressedCells
  }
}
    `) as unknown as TypedDocumentString<WebIndicatorsQuery, WebIndicatorsQueryVariables>;
export const WebInviteAccountDocument = new TypedDocumentString(`
    mutation WebInviteAccount($input: InviteAccountInput!) {
  inviteAccount(input: $input) {
    account {
      id
      email
    }
    path
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<WebInviteAccountMutation, WebInviteAccountMutationVariables>;
export const WebMissingReportsDocument = new TypedDocumentString(`
    query WebMissingReports($structure: AdminStructure!, $code: String, $from: String!, $to: String!, $first: Int) {
  missingReports(
    structure: $structure
    code: $code
    from: $from
    to: $to
    first: $first
  ) {
    totalCount
    edges {
      node {
        clubCode
        clubName
        commune {
          code
          fullName
        }
        month
        status
        deadline
        submittedOn
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebMissingReportsQuery, WebMissingReportsQueryVariables>;
export const WebRankingDocument = new TypedDocumentString(`
    query WebRanking($period: String!, $structure: AdminStructure, $within: UnitRef, $level: UnitLevel, $first: Int) {
  clubQualityRanking(
    period: $period
    structure: $structure
    within: $within
    level: $level
    first: $first
  ) {
    totalCount
    rows {
      rank
      unit {
        code
        name
        level
      }
      activeClubs
      weakClubs
      unreportedClubs
      weakOrUnreportedPercent
    }
  }
}
    `) as unknown as TypedDocumentString<WebRankingQuery, WebRankingQueryVariables>;
export const WebRevokeApiKeyDocument = new TypedDocumentString(`
    mutation WebRevokeApiKey($prefix: String!) {
  revokeApiKey(prefix: $prefix)
}
    `) as unknown as TypedDocumentString<WebRevokeApiKeyMutation, WebRevokeApiKeyMutationVariables>;
export const WebSetAccountActiveDocument = new TypedDocumentString(`
    mutation WebSetAccountActive($accountId: Int!, $active: Boolean!) {
  setAccountActive(accountId: $accountId, active: $active) {
    id
    active
  }
}
    `) as unknown as TypedDocumentString<WebSetAccountActiveMutation, WebSetAccountActiveMutationVariables>;
export const WebUnapproveDataDocument = new TypedDocumentString(`
    mutation WebUnapproveData($input: UnapproveDataInput!) {
  unapproveData(input: $input) {
    removed {
      level
      unitCode
      month
    }
  }
}
    `) as unknown as TypedDocumentString<WebUnapproveDataMutation, WebUnapproveDataMutationVariables>;
export const WebUnitDocument = new TypedDocumentString(`
    query WebUnit($structure: AdminStructure!, $code: String!, $month: String!, $isProvince: Boolean!, $isDistrict: Boolean!, $isCommune: Boolean!) {
  province(code: $code, structure: $structure) @include(if: $isProvince) {
    code
    fullName
  }
  district(code: $code) @include(if: $isDistrict) {
    code
    fullName
    province {
      code
      fullName
    }
    communes {
      code
    }
  }
  commune(code: $code, structure: $structure) @include(if: $isCommune) {
    code
    fullName
    district {
      code
      fullName
    }
    province {
      code
      fullName
    }
    clubs(first: 100) {
      totalCount
      edges {
        node {
          code
          name
          village
          status
          foundedOn
          memberCount
          olderMemberCount
          supervisionVisits {
            visitedOn
            rating
          }
          reports(from: $month, to: $month) {
            month
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebUnitQuery, WebUnitQueryVariables>;
export const WebViewerDocument = new TypedDocumentString(`
    query WebViewer {
  viewer {
    kind
    role
    organisation
    scope {
      structure
      code
    }
    account {
      id
      email
      displayName
      role
    }
    may {
      readPersonalData
      write
      export
      manageTargets
      readAuditLog
      manageAccounts
    }
  }
}
    `) as unknown as TypedDocumentString<WebViewerQuery, WebViewerQueryVariables>;