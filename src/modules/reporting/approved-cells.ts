import { EntityManager } from '@mikro-orm/postgresql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { Period } from '../indicator/period';
import { Crosswalk } from '../shared/club-place';
import { approvalKey, approvalsOf } from './approval.repository';
import { approvalCode, chainOf, nextMonth, structureInForce } from './approval.writes';

/**
 * Which cells of an indicator table hold approved data, in one statement: a cell (unit, period) is approved when
 * every month its period touches is approved for the unit. In the structure in force that month, that is the unit
 * or a unit above it approved (approving a unit needs those below it approved first, and unapproving one withdraws
 * those above). Seen from the other structure (a POST_2025 table of 2024, say), it is every commune in force that
 * month whose clubs can count under the unit (linked by the 2025 crosswalk) being approved, itself or from above.
 */
export async function approvedCells(
  em: EntityManager,
  units: UnitDirectory,
  structure: AdminStructure,
  tableUnits: readonly AdministrativeUnit[],
  periods: readonly Period[],
): Promise<(unit: AdministrativeUnit, periodIndex: number) => boolean> {
  const monthsOf = periods.map((p) => {
    const months: string[] = [];
    for (let m = `${p.start.slice(0, 7)}-01`; m <= p.end; m = nextMonth(m)) months.push(m);
    return months;
  });
  const allMonths = [...new Set(monthsOf.flat())].sort();
  const across = allMonths.some((m) => structureInForce(m) !== structure);
  const crosswalk = across ? await Crosswalk.of(em, units) : null;

  // The communes in force in the other structure whose clubs may count under a unit of the table.
  const linked = new Map<AdministrativeUnit, AdministrativeUnit[]>();
  const linkedTo = (unit: AdministrativeUnit): AdministrativeUnit[] => {
    let communes = linked.get(unit);
    if (!communes) {
      const ids = new Set<number>();
      for (const c of units.communesUnder(unit)) {
        const links = structure === AdminStructure.PRE_2025 ? crosswalk!.successors(c.dbId) : crosswalk!.predecessors(c.dbId);
        for (const l of links) ids.add(l.id);
      }
      linked.set(unit, (communes = [...ids].map((id) => units.byDbId(id)!).filter(Boolean)));
    }
    return communes;
  };

  const keys = new Map<string, { structure: AdminStructure; code: string }>();
  const want = (u: AdministrativeUnit) => {
    for (const c of chainOf(units, u)) keys.set(`${c.structure}:${approvalCode(c)}`, { structure: c.structure, code: approvalCode(c) });
  };
  for (const unit of tableUnits) {
    want(unit);
    if (across) for (const c of linkedTo(unit)) want(c);
  }
  if (across) want(units.nation(structure === AdminStructure.PRE_2025 ? AdminStructure.POST_2025 : AdminStructure.PRE_2025));
  const approved = new Set((await approvalsOf(em, [...keys.values()], allMonths)).map((a) => approvalKey(a.structure, a.unitCode, a.month)));

  const covered = (unit: AdministrativeUnit, month: string) => chainOf(units, unit).some((u) => approved.has(approvalKey(u.structure, approvalCode(u), month)));
  const monthApproved = (unit: AdministrativeUnit, month: string): boolean => {
    if (structureInForce(month) === structure) return covered(unit, month);
    const communes = linkedTo(unit);
    // No commune in force links to it: only the other structure's nation answers for its figures.
    if (!communes.length || unit.level === UnitLevel.NATION) {
      const other = units.nation(structureInForce(month));
      if (approved.has(approvalKey(other.structure, 'VN', month))) return true;
      if (!communes.length) return false;
    }
    return communes.every((c) => covered(c, month));
  };
  const memo = new Map<string, boolean>();
  return (unit, periodIndex) => {
    const key = `${unit.structure}:${unit.code}:${periodIndex}`;
    let answer = memo.get(key);
    if (answer === undefined) memo.set(key, (answer = monthsOf[periodIndex].every((m) => monthApproved(unit, m))));
    return answer;
  };
}
