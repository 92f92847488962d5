import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { Approval } from './approval.entity';
import { approvalState, approveData, unapproveData } from './approval.service';
import { ApprovalState, ApproveDataInput, ApproveDataPayload, UnapproveDataInput, UnapproveDataPayload } from './approval.types';
import { findUnit } from './approval.writes';

/** Approval by level: the mutations and the state of a unit's months. */
@Resolver()
export class ApprovalResolver {
  @Mutation(() => ApproveDataPayload, {
    description:
      "Approves a unit's data for a month, a quarter or a year (every month in it), at the unit's level in the structure in force " +
      '(PRE_2025 before July 2025: commune → district → province → nation; POST_2025: commune → province → nation). A unit above a ' +
      'commune needs every unit directly below it that expects club reports approved first. The month must be over. ADMIN, or an ' +
      "association whose scope holds the unit. Approved months are locked against writes.",
  })
  approveData(@Arg('input') input: ApproveDataInput, @Ctx() ctx: HubContext): Promise<ApproveDataPayload> {
    return approveData(ctx, input);
  }

  @Mutation(() => UnapproveDataPayload, {
    description:
      "Withdraws a unit's approval for the months of a period, and the approvals of every unit above it for those months, with a " +
      'reason kept in the audit log. ADMIN, or an association at the unit\'s level or above (its scope holds the unit).',
  })
  unapproveData(@Arg('input') input: UnapproveDataInput, @Ctx() ctx: HubContext): Promise<UnapproveDataPayload> {
    return unapproveData(ctx, input);
  }

  @Query(() => ApprovalState, { description: "A unit's approval state month by month (from and to: \"2024-01\"), with who and when; any caller with a key." })
  approvals(
    @Arg('structure', () => AdminStructure) structure: AdminStructure,
    @Arg('unitCode', { description: '"VN" for the nation.' }) unitCode: string,
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Ctx() ctx: HubContext,
  ): Promise<ApprovalState> {
    return approvalState(ctx, { structure, unitCode, from, to });
  }
}

@Resolver(() => Approval)
export class ApprovalFieldsResolver {
  @FieldResolver(() => AdministrativeUnit, { description: 'The unit approved.' })
  unit(@Root() approval: Approval, @Ctx() ctx: HubContext): AdministrativeUnit | undefined {
    return findUnit(ctx.units, approval.structure, approval.unitCode);
  }
}
