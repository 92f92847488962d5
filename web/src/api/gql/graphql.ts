/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Which administrative structure a unit code belongs to (codes were reused in 2025). */
export type AdminStructure =
  /** 34 provinces and communes, no districts; from 1 July 2025. */
  | 'POST_2025'
  /** 63 provinces, districts and communes; in force until 30 June 2025. */
  | 'PRE_2025';

/** Whether a cell of an approved-only table holds approved data. */
export type CellApproval =
  | 'APPROVED'
  | 'NOT_APPROVED';

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

export type Role =
  | 'ADMIN'
  | 'ANONYMOUS'
  | 'ASSOCIATION'
  | 'MINISTRY'
  | 'PARTNER';

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

export type WebIndicatorCatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type WebIndicatorCatalogueQuery = { indicatorDefinitions: Array<{ id: string, nameVi: string, nameEn: string, unit: IndicatorUnit, instrument: Instrument | null, policyTarget: string | null }> };

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

export const WebIndicatorCatalogueDocument = new TypedDocumentString(`
    query WebIndicatorCatalogue {
  indicatorDefinitions {
    id
    nameVi
    nameEn
    unit
    instrument
    policyTarget
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