import { registerEnumType } from 'type-graphql';
import { AdminStructure } from '../modules/admin-unit/admin-unit.enums';

/** What a caller may do; each role includes the rights of the ones listed before it. */
export enum Role {
  /** No key: national and provincial aggregates, counts of people rounded. */
  ANONYMOUS = 'ANONYMOUS',
  /** Aggregates at every level and club fields that are not personal. */
  PARTNER = 'PARTNER',
  /** Partner rights plus exports and targets. */
  MINISTRY = 'MINISTRY',
  /** Personal data and writes, inside its scope only. */
  ASSOCIATION = 'ASSOCIATION',
  /** Everything, including key management. */
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role' });

/** The caller of one request, as the auth layer established it. */
export interface Viewer {
  role: Role;
  /** Organisation the key was issued to (for the audit log); null when anonymous. */
  organisation: string | null;
  /** Key id (for rate limits and the audit log); null when anonymous. */
  keyId: number | null;
  /** The signed-in person's account id (audit log, rate limits); null or absent for keys and anonymous callers. */
  accountId?: number | null;
  /** The subtree the viewer may act in: null is the whole nation. */
  scope: { structure: AdminStructure; code: string } | null;
  /** May read members' personal data (within scope; Access.mayReadPersonalIn decides per unit for indicator cells). */
  mayReadPersonalData: boolean;
  /**
   * May read individual health records (special category) — within scope: ADMIN, or an ASSOCIATION key or
   * account that holds the `health` permission. Absent: no.
   */
  mayReadHealthRecords?: boolean;
  /** The key may only run the operations published in schema/operations. */
  persistedOperationsOnly: boolean;
}

export const ANONYMOUS_VIEWER: Viewer = {
  role: Role.ANONYMOUS,
  organisation: null,
  keyId: null,
  accountId: null,
  scope: null,
  mayReadPersonalData: false,
  mayReadHealthRecords: false,
  persistedOperationsOnly: false,
};

/** Who reads individual health records: ADMIN, or an ASSOCIATION granted the health permission (its scope decides where). */
export function mayReadHealthRecords(role: Role, healthPermission: boolean): boolean {
  return role === Role.ADMIN || (role === Role.ASSOCIATION && healthPermission);
}

/** Who acted, as stored on records that name it (a report's submitter, an approver): organisation and key or account. */
export function actorLabel(viewer: Viewer): string {
  const who = viewer.accountId ? ` (account ${viewer.accountId})` : viewer.keyId !== null ? ` (key ${viewer.keyId})` : '';
  return `${viewer.organisation ?? viewer.role}${who}`.slice(0, 200);
}
