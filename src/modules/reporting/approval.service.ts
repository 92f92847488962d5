import { Role } from '../../auth/viewer';
import type { HubContext } from '../../context';
import { BadUserInputError, ForbiddenError } from '../../errors';
import { todayInVietnam } from '../../time';
import { runWrite } from '../shared/write';
import { approvalKey, approvalsOf } from './approval.repository';
import { ApprovalMonth, ApprovalState, ApproveDataInput, ApproveDataPayload, UnapproveDataInput, UnapproveDataPayload } from './approval.types';
import { approvalCode, approvalWrite, chainOf, expectedBelow, findUnit, nextMonth, requireApprover, structureInForce } from './approval.writes';

/** Approves a unit's data for every month of a period (audited). */
export function approveData(ctx: HubContext, input: ApproveDataInput): Promise<ApproveDataPayload> {
  return runWrite(
    ctx,
    'approveData',
    async (tx) => {
      const { unit, approved, alreadyApproved } = await approvalWrite(tx, { kind: 'approve', ...input });
      return { unit, approved, alreadyApproved: alreadyApproved.map((m) => m.slice(0, 7)) };
    },
    () => requireApprover(ctx.access),
  );
}

/** Unapproves a unit's data for every month of a period, and the units above it for those months (audited with the reason). */
export function unapproveData(ctx: HubContext, input: UnapproveDataInput): Promise<UnapproveDataPayload> {
  return runWrite(
    ctx,
    'unapproveData',
    async (tx) => {
      const { unit, removed } = await approvalWrite(tx, { kind: 'unapprove', ...input });
      return { unit, removed };
    },
    () => requireApprover(ctx.access),
  );
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_MONTHS = 120;

/** A unit's approval state month by month, with who and when and its units below: any caller with a key. Two statements. */
export async function approvalState(ctx: HubContext, args: { structure: ApproveDataInput['structure']; unitCode: string; from: string; to: string }): Promise<ApprovalState> {
  if (ctx.viewer.role === Role.ANONYMOUS) throw new ForbiddenError('The approval state needs an API key');
  const unit = findUnit(ctx.units, args.structure, args.unitCode);
  if (!unit) throw new BadUserInputError(`No ${args.structure} unit has the code "${args.unitCode.trim()}"`, 'unitCode');
  for (const name of ['from', 'to'] as const) {
    if (!MONTH.test(args[name].trim())) throw new BadUserInputError(`"${args[name]}" is not a month: use 2024-03`, name);
  }
  const months: string[] = [];
  for (let m = `${args.from.trim()}-01`; m <= `${args.to.trim()}-01`; m = nextMonth(m)) {
    months.push(m);
    if (months.length > MAX_MONTHS) throw new BadUserInputError(`At most ${MAX_MONTHS} months at once`, 'to');
  }
  if (!months.length) throw new BadUserInputError(`"${args.to}" is before "${args.from}"`, 'to');

  const inForce = months.filter((m) => structureInForce(m) === unit.structure);
  const chain = chainOf(ctx.units, unit);
  const [approvals, expected] = [
    await approvalsOf(ctx.em, [...chain, ...unit.children].map((u) => ({ structure: u.structure, code: approvalCode(u) })), inForce),
    await expectedBelow(ctx.em, ctx.units, unit, inForce),
  ];
  const byKey = new Map(approvals.map((a) => [approvalKey(a.structure, a.unitCode, a.month), a]));
  const today = todayInVietnam();
  return {
    unit,
    months: months.map((month): ApprovalMonth => {
      const of = (u: typeof unit) => byKey.get(approvalKey(u.structure, approvalCode(u), month)) ?? null;
      const own = of(unit);
      const below = [...(expected.below.get(month) ?? [])];
      const belowApproved = below.filter((u) => of(u)).length;
      const ended = nextMonth(month) <= today;
      return {
        month: month.slice(0, 7),
        structureInForce: structureInForce(month),
        approved: !!own,
        approval: own,
        approvedAbove: chain.slice(1).map(of).filter((a): a is NonNullable<typeof a> => !!a),
        reportsExpected: expected.reports.get(month) ?? 0,
        unitsBelowExpected: below.length,
        unitsBelowApproved: belowApproved,
        ready: !own && ended && structureInForce(month) === unit.structure && belowApproved === below.length,
      };
    }),
  };
}
