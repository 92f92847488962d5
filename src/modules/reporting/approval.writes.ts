import { EntityManager } from '@mikro-orm/postgresql';
import { Access } from '../../auth/access';
import { actorLabel, Role, Viewer } from '../../auth/viewer';
import { ForbiddenError } from '../../errors';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { parsePeriod } from '../indicator/period';
import { Checks } from '../shared/checks';
import { REFORM_DAY, unitKeys } from '../shared/club-place';
import { WriteTx } from '../shared/write';
import { InvalidInputError } from '../shared/write-errors';
import { Approval } from './approval.entity';
import { approvalKey, approvalsOf, expectedByCommune } from './approval.repository';
import { approvalLockKey } from './period-lock';

/** One approval mutation: approve or unapprove a unit for a month, a quarter or a year. */
export interface ApprovalCommand {
  kind: 'approve' | 'unapprove';
  structure: AdminStructure;
  unitCode: string;
  period: string;
  reason?: string | null;
}

/** What a checked command will do; nothing has been written yet. */
export interface ApprovalPlan {
  unit: AdministrativeUnit;
  /** First days of every month of the period. */
  months: string[];
  /** Months to approve (approve): those of the period not approved yet. */
  approve: string[];
  /** Approvals to remove (unapprove): the unit's, then those above it in the same months. */
  remove: Approval[];
  reason: string | null;
}

export interface ApprovalOutcome {
  unit: AdministrativeUnit;
  approved: Approval[];
  /** Months of the period that were approved already (approve: nothing to do for them). */
  alreadyApproved: string[];
  removed: Approval[];
}

/** The structure in force in a month (its first day): PRE_2025 before 1 July 2025, POST_2025 from then on. */
export const structureInForce = (month: string): AdminStructure => (month < REFORM_DAY ? AdminStructure.PRE_2025 : AdminStructure.POST_2025);

/** The unit a (structure, code) names; "VN" is the nation. */
export function findUnit(units: UnitDirectory, structure: AdminStructure, code: string): AdministrativeUnit | undefined {
  const trimmed = code.trim();
  return trimmed.toUpperCase() === 'VN' ? units.nation(structure) : units.find(structure, trimmed);
}

/**
 * "2024-03", "2024-Q1" or "2024" (also DHIS2's 202403 and 2024Q1, and ranges of one kind such as 2024-01..2024-06)
 * as the first days of its months; undefined with a problem filed for anything else (a range of days included).
 */
export function monthsOfPeriod(checks: Checks, field: string, raw: string): string[] | undefined {
  const key = raw.trim().replace(/(\d{4})-(Q[1-4]|\d{2})(?!-)/gi, '$1$2').toUpperCase();
  try {
    const periods = parsePeriod(key);
    if (periods.some((p) => p.type === 'DAYS')) throw new Error('days');
    const months = new Set<string>();
    for (const p of periods) for (let m = p.start; m <= p.end; m = nextMonth(m)) months.add(m);
    return [...months].sort();
  } catch {
    checks.add(field, `"${raw}" is not a month, quarter or year: use 2024-03, 2024-Q1 or 2024`);
    return undefined;
  }
}

export function nextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

const lastDayOf = (month: string) => {
  const next = nextMonth(month);
  return new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);
};

/**
 * Who may approve or unapprove a unit: ADMIN anywhere; an ASSOCIATION whose scope holds the unit (its scope is the
 * unit or lies above it, so the same test is "the same level or higher" for unapproving); nobody else.
 */
export function requireApprover(access: Access, unit?: AdministrativeUnit): void {
  const { role } = access.viewer;
  if (role === Role.ADMIN) return;
  if (role !== Role.ASSOCIATION) throw new ForbiddenError('Approving data needs an association key (or an ADMIN key): MINISTRY and PARTNER keys read approved data, they do not approve it');
  if (unit && !access.inScope(unit)) throw new ForbiddenError(`${describe(unit)} is outside your scope: an association approves and unapproves its own unit and the units inside it`);
}

/** The approver as stored on the approval: the key's organisation and id. */

const describe = (unit: AdministrativeUnit) => (unit.level === UnitLevel.NATION ? `${unit.structure}:VN` : `${unit.fullName} (${unit.structure}:${unit.code})`);

/** The key of a unit's approvals: its code, VN for the nation. */
export const approvalCode = (unit: AdministrativeUnit): string => (unit.level === UnitLevel.NATION ? 'VN' : unit.code);

/** The unit and every unit above it in its structure, the nation last. */
export function chainOf(units: UnitDirectory, unit: AdministrativeUnit): AdministrativeUnit[] {
  return unit.level === UnitLevel.NATION ? [unit] : [...units.ancestorsOf(unit), units.nation(unit.structure)];
}

/** The unit directly below `unit` that holds `commune` (the commune itself when `unit` is its parent). */
function childHolding(unit: AdministrativeUnit, commune: AdministrativeUnit): AdministrativeUnit | undefined {
  for (let u: AdministrativeUnit | null = commune; u; u = u.parent) if (u.parent === unit) return u;
  return undefined;
}

/**
 * The units directly below `unit` that are expected to report in each month (at least one expected club report
 * under them, by expected.ts), in one statement. A commune has none below: its clubs report to it.
 */
export async function expectedBelow(
  em: EntityManager,
  units: UnitDirectory,
  unit: AdministrativeUnit,
  months: readonly string[],
): Promise<{ below: Map<string, Set<AdministrativeUnit>>; reports: Map<string, number> }> {
  const below = new Map<string, Set<AdministrativeUnit>>();
  const reports = new Map<string, number>();
  const communeIds = unit.level === UnitLevel.NATION ? null : units.communesUnder(unit).map((c) => c.dbId);
  for (const row of await expectedByCommune(em, unit.structure, months, communeIds)) {
    const commune = units.byDbId(row.communeId);
    // A club placed by a commune of the other structure is not under any unit of this one.
    if (!commune || commune.structure !== unit.structure) continue;
    reports.set(row.month, (reports.get(row.month) ?? 0) + row.reports);
    if (unit.level === UnitLevel.COMMUNE) continue;
    const child = childHolding(unit, commune);
    if (!child) continue;
    let set = below.get(row.month);
    if (!set) below.set(row.month, (set = new Set()));
    set.add(child);
  }
  return { below, reports };
}

/**
 * The one check of every approval mutation: the unit, the caller's right (before anything else is validated), the
 * period (months that have ended, in the structure in force), the reason, then the order of levels (approve: each
 * unit directly below with an expected report approved first; unapprove: the unit approved, and the units above it
 * removed with it). Every problem of the input at once; nothing written.
 */
export async function checkApproval({ em, ctx }: WriteTx, command: ApprovalCommand): Promise<ApprovalPlan> {
  const checks = new Checks();
  const unit = findUnit(ctx.units, command.structure, command.unitCode);
  if (!unit) throw new InvalidInputError([{ field: 'input.unitCode', message: `No ${command.structure} unit has the code "${command.unitCode.trim()}"` }]);
  requireApprover(ctx.access, unit);

  const months = monthsOfPeriod(checks, 'period', command.period) ?? [];
  const reason = command.kind === 'unapprove' ? checks.text('reason', command.reason ?? '', { max: 1000, required: true, multiline: true }) ?? null : null;
  const unended = months.filter((m) => lastDayOf(m) >= checks.today);
  if (command.kind === 'approve' && unended.length) {
    checks.add('period', `${unended[0].slice(0, 7)} has not ended (today is ${checks.today} in Vietnam): a month is approved once it is over`);
  }
  const wrongStructure = months.filter((m) => structureInForce(m) !== unit.structure);
  if (wrongStructure.length) {
    const [first, last] = [wrongStructure[0].slice(0, 7), wrongStructure[wrongStructure.length - 1].slice(0, 7)];
    checks.add(
      'structure',
      unit.structure === AdminStructure.POST_2025
        ? `${first}${last !== first ? `…${last}` : ''} is before 1 July 2025: data of those months is approved by PRE_2025 units (communes, districts, provinces)`
        : `${first}${last !== first ? `…${last}` : ''} is from 1 July 2025 on: data of those months is approved by POST_2025 units (communes, provinces); districts were abolished`,
    );
  }
  checks.throwIfAny();

  // One approval write of a structure at a time (an approval above and an unapproval below cannot cross), and
  // none while a write into its months is being checked (lockedClaims holds the same lock shared).
  await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [approvalLockKey(unit.structure)]);
  const chain = chainOf(ctx.units, unit);
  const current = await approvalsOf(em, [...chain, ...unit.children].map((u) => ({ structure: u.structure, code: approvalCode(u) })), months);
  const has = new Map(current.map((a) => [approvalKey(a.structure, a.unitCode, a.month), a]));
  const own = (month: string) => has.get(approvalKey(unit.structure, approvalCode(unit), month));

  if (command.kind === 'unapprove') {
    const approvedMonths = months.filter(own);
    if (!approvedMonths.length) {
      throw new InvalidInputError([{ field: 'input.period', message: `${describe(unit)} is not approved for ${command.period.trim()}: nothing to unapprove` }]);
    }
    // The unit's approvals, then those above it that rest on them (the nearest first).
    const remove = approvedMonths.flatMap((m) => chain.map((u) => has.get(approvalKey(u.structure, approvalCode(u), m))).filter((a): a is Approval => !!a));
    return { unit, months, approve: [], remove, reason };
  }

  const approve = months.filter((m) => !own(m));
  if (approve.length && unit.level !== UnitLevel.COMMUNE) {
    const { below } = await expectedBelow(em, ctx.units, unit, approve);
    const problems: string[] = [];
    for (const month of approve) {
      const waiting = [...(below.get(month) ?? [])].filter((u) => !has.has(approvalKey(u.structure, approvalCode(u), month)));
      if (!waiting.length) continue;
      const names = waiting.slice(0, 5).map(describe).join(', ');
      problems.push(`${month.slice(0, 7)}: ${waiting.length} unit${waiting.length > 1 ? 's' : ''} below with expected reports not approved yet: ${names}${waiting.length > 5 ? ', …' : ''}`);
    }
    if (problems.length) {
      throw new InvalidInputError(problems.map((message) => ({ field: 'input.period', message: `Approve the units below first. ${message}` })));
    }
  }
  return { unit, months, approve, remove: [], reason };
}

/** Applies a checked plan in the write's transaction, each approval and each removal audited (removals with the reason). */
export function applyApproval({ em, ctx, audit }: WriteTx, plan: ApprovalPlan): ApprovalOutcome {
  const keysOf = (a: Approval) => {
    const unit = findUnit(ctx.units, a.structure, a.unitCode);
    return !unit || unit.level === UnitLevel.NATION ? [`${a.structure}:VN`] : unitKeys(ctx.units, [unit.dbId]);
  };
  const approved = plan.approve.map((month) => {
    const approval = Object.assign(new Approval(), {
      structure: plan.unit.structure,
      unitCode: approvalCode(plan.unit),
      level: plan.unit.level,
      month,
      approvedBy: actorLabel(ctx.viewer),
      approvedAt: new Date(),
    });
    em.persist(approval);
    audit.track(approval, () => keysOf(approval));
    return approval;
  });
  for (const approval of plan.remove) audit.remove(approval, keysOf(approval), plan.reason);
  const fresh = new Set(plan.approve);
  return {
    unit: plan.unit,
    approved,
    alreadyApproved: plan.remove.length ? [] : plan.months.filter((m) => !fresh.has(m)),
    removed: plan.remove,
  };
}

/** Check, then apply: the one step every approval mutation runs inside runWrite. */
export async function approvalWrite(tx: WriteTx, command: ApprovalCommand): Promise<ApprovalOutcome> {
  return applyApproval(tx, await checkApproval(tx, command));
}
