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

export type Role =
  | 'ADMIN'
  | 'ANONYMOUS'
  | 'ASSOCIATION'
  | 'MINISTRY'
  | 'PARTNER';

export type Sex =
  | 'FEMALE'
  | 'MALE';

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