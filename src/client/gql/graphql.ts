/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Which administrative structure a unit code belongs to (codes were reused in 2025). */
export type AdminStructure =
  /** 34 provinces and communes, no districts; from 1 July 2025. */
  | 'POST_2025'
  /** 63 provinces, districts and communes; in force until 30 June 2025. */
  | 'PRE_2025';

export type ClubStatus =
  | 'ACTIVE'
  | 'DISSOLVED'
  | 'SUSPENDED';

/** The scheme or project a club was founded under. */
export type Programme =
  | 'DECISION_1336'
  | 'DECISION_1533'
  | 'DECISION_1648'
  | 'LOCAL_INITIATIVE'
  | 'NGO_PROJECT';

export type UnitLevel =
  | 'COMMUNE'
  | 'DISTRICT'
  | 'NATION'
  | 'PROVINCE';

/** Official unit type (Tỉnh, Thành phố, Quận, Huyện, Thị xã, Xã, Phường, Thị trấn, Đặc khu). */
export type UnitType =
  | 'DAC_KHU'
  | 'HUYEN'
  | 'PHUONG'
  | 'QUAN'
  | 'QUOC_GIA'
  | 'THANH_PHO'
  | 'THANH_PHO_TRUNG_UONG'
  | 'THI_TRAN'
  | 'THI_XA'
  | 'TINH'
  | 'XA';

export type CommuneQueryVariables = Exact<{
  structure?: AdminStructure | null | undefined;
  code: string;
}>;


export type CommuneQuery = { commune: { code: string, fullName: string, type: UnitType, path: string, structure: AdminStructure, district: { code: string, fullName: string } | null, province: { code: string, fullName: string }, parent:
      | { __typename: 'Commune', code: string }
      | { __typename: 'District', code: string }
      | { __typename: 'Nation', code: string }
      | { __typename: 'Province', code: string }
     | null } | null };

export type ProvinceCommunesQueryVariables = Exact<{
  structure?: AdminStructure | null | undefined;
  code: string;
}>;


export type ProvinceCommunesQuery = { province: { code: string, fullName: string, parent:
      | { code: string, name: string }
      | { code: string, name: string }
      | { code: string, name: string }
      | { code: string, name: string }
     | null, districts: Array<{ code: string, fullName: string }>, communes: Array<{ code: string, name: string, fullName: string, type: UnitType, path: string }> } | null };

export type ProvincesQueryVariables = Exact<{
  structure?: AdminStructure | null | undefined;
}>;


export type ProvincesQuery = { provinces: Array<{ id: string, code: string, name: string, fullName: string, type: UnitType, level: UnitLevel, structure: AdminStructure, path: string, validFrom: string | null, validTo: string | null }> };

export type ClubByCodeQueryVariables = Exact<{
  code: string;
}>;


export type ClubByCodeQuery = { club: { id: string, code: string, name: string, village: string | null, foundedOn: string, programme: Programme, status: ClubStatus, meetingDay: number | null, communeBefore2025: { code: string, fullName: string, district: { fullName: string } | null, province: { fullName: string } } | null, communeNow: { code: string, fullName: string, province: { fullName: string } } | null } | null };

export type CommuneClubsQueryVariables = Exact<{
  structure?: AdminStructure | null | undefined;
  code: string;
}>;


export type CommuneClubsQuery = { commune: { code: string, clubs: Array<{ code: string, name: string }> } | null };


export const CommuneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Commune"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"structure"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminStructure"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commune"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"structure"},"value":{"kind":"Variable","name":{"kind":"Name","value":"structure"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"structure"}},{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"province"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CommuneQuery, CommuneQueryVariables>;
export const ProvinceCommunesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProvinceCommunes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"structure"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminStructure"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"structure"},"value":{"kind":"Variable","name":{"kind":"Name","value":"structure"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"districts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"communes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<ProvinceCommunesQuery, ProvinceCommunesQueryVariables>;
export const ProvincesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Provinces"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"structure"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminStructure"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provinces"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"structure"},"value":{"kind":"Variable","name":{"kind":"Name","value":"structure"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"structure"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validTo"}}]}}]}}]} as unknown as DocumentNode<ProvincesQuery, ProvincesQueryVariables>;
export const ClubByCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClubByCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"club"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"village"}},{"kind":"Field","name":{"kind":"Name","value":"foundedOn"}},{"kind":"Field","name":{"kind":"Name","value":"programme"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"meetingDay"}},{"kind":"Field","alias":{"kind":"Name","value":"communeBefore2025"},"name":{"kind":"Name","value":"commune"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"structure"},"value":{"kind":"EnumValue","value":"PRE_2025"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"province"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"communeNow"},"name":{"kind":"Name","value":"commune"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"structure"},"value":{"kind":"EnumValue","value":"POST_2025"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"province"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClubByCodeQuery, ClubByCodeQueryVariables>;
export const CommuneClubsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommuneClubs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"structure"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AdminStructure"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commune"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"structure"},"value":{"kind":"Variable","name":{"kind":"Name","value":"structure"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"clubs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CommuneClubsQuery, CommuneClubsQueryVariables>;