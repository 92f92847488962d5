import { Role } from '../../src/auth/viewer';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../../src/modules/admin-unit/admin-unit.types';
import { GraphQLResponse, TestHub } from './hub';

/** Builders and calls for the approval cycle's tests (approvals go through the API, never through SQL). */

/** A PRE_2025 commune whose clubs all went into one POST_2025 commune (a whole, single successor). */
export interface CommunePair {
  pre: AdministrativeUnit;
  post: AdministrativeUnit;
}

/** Up to `n` communes of a PRE_2025 district with one whole successor each, in code order. */
export async function communesWithOneSuccessor(hub: TestHub, district: AdministrativeUnit, n: number): Promise<CommunePair[]> {
  const rows = await hub.orm.em.getConnection().execute<Array<{ pre: string; post: string }>>(
    `select o.code as pre, n.code as post from admin_unit_crosswalk x
       join admin_unit o on o.id = x.old_unit_id join admin_unit n on n.id = x.new_unit_id
     where x.level = 'COMMUNE' and not x.partial and o.parent_id = ?
       and (select count(*) from admin_unit_crosswalk y where y.old_unit_id = x.old_unit_id) = 1
     order by o.code limit ?`,
    [district.dbId, n],
  );
  return rows.map((r) => ({ pre: hub.units.find(AdminStructure.PRE_2025, r.pre)!, post: hub.units.find(AdminStructure.POST_2025, r.post)! }));
}

/** The PRE_2025 communes a POST_2025 commune was formed from (the crosswalk). */
export async function predecessorsOf(hub: TestHub, post: AdministrativeUnit): Promise<AdministrativeUnit[]> {
  const rows = await hub.orm.em.getConnection().execute<Array<{ code: string }>>(
    `select o.code from admin_unit_crosswalk x join admin_unit o on o.id = x.old_unit_id where x.level = 'COMMUNE' and x.new_unit_id = ? order by 1`,
    [post.dbId],
  );
  return rows.map((r) => hub.units.find(AdminStructure.PRE_2025, r.code)!);
}

export const ref = (unit: AdministrativeUnit) => ({ structure: unit.structure, unitCode: unit.level === 'NATION' ? 'VN' : unit.code });

/** An association key scoped to a unit. */
export const associationOf = (hub: TestHub, unit: AdministrativeUnit) => hub.key(Role.ASSOCIATION, { structure: unit.structure, code: unit.code });

export function approve(hub: TestHub, key: string | null, unit: AdministrativeUnit, period: string): Promise<GraphQLResponse> {
  return hub.operation('approval/ApproveData.graphql', { input: { ...ref(unit), period } }, key);
}

export function unapprove(hub: TestHub, key: string | null, unit: AdministrativeUnit, period: string, reason: string): Promise<GraphQLResponse> {
  return hub.operation('approval/UnapproveData.graphql', { input: { ...ref(unit), period, reason } }, key);
}

/** Approves and fails the test with the hub's message when refused. */
export async function approved(hub: TestHub, key: string | null, unit: AdministrativeUnit, period: string): Promise<Record<string, any>> {
  const res = await approve(hub, key, unit, period);
  if (res.errors) throw new Error(`approving ${unit.structure}:${unit.code} for ${period} was refused: ${res.errors[0].message}`);
  return res.data!.approveData;
}

export async function approvalState(hub: TestHub, key: string | null, unit: AdministrativeUnit, from: string, to: string): Promise<Array<Record<string, any>>> {
  const res = await hub.operation('approval/Approvals.graphql', { ...ref(unit), from, to }, key);
  if (res.errors) throw new Error(res.errors[0].message);
  return res.data!.approvals.months;
}

/** The error code and field of a refused call. */
export const refusal = (res: GraphQLResponse) => ({ code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field });
