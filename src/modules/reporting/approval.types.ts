import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { Approval } from './approval.entity';

@InputType({ description: 'A unit and a period to approve: a month ("2024-03"), a quarter ("2024-Q1") or a year ("2024"), i.e. every month in it.' })
export class ApproveDataInput {
  @Field(() => AdminStructure, { description: 'The structure of the unit: PRE_2025 for months before July 2025, POST_2025 from then on.' })
  structure!: AdminStructure;

  @Field({ description: 'The unit\'s code ("VN" for the nation).' })
  unitCode!: string;

  @Field({ description: '"2024-03", "2024-Q1" or "2024".' })
  period!: string;
}

@InputType({ description: 'A unit and a period to unapprove, and why.' })
export class UnapproveDataInput extends ApproveDataInput {
  @Field({ description: 'Why (required; kept in the audit log with each approval removed).' })
  reason!: string;
}

@ObjectType()
export class ApproveDataPayload {
  @Field(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Field(() => [Approval], { description: 'The approvals made, one per month.' })
  approved!: Approval[];

  @Field(() => [String], { description: 'Months of the period that were approved already (left as they were), e.g. "2024-02".' })
  alreadyApproved!: string[];
}

@ObjectType()
export class UnapproveDataPayload {
  @Field(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Field(() => [Approval], { description: "The approvals removed: the unit's, and those of the units above it in the same months." })
  removed!: Approval[];
}

@ObjectType({ description: "One month of a unit's approval state." })
export class ApprovalMonth {
  @Field({ description: 'e.g. "2024-03".' })
  month!: string;

  @Field(() => AdminStructure, { description: 'The structure whose units approve this month (PRE_2025 before July 2025).' })
  structureInForce!: AdminStructure;

  @Field({ description: 'The unit itself is approved for the month.' })
  approved!: boolean;

  @Field(() => Approval, { nullable: true, description: "The unit's approval: its level, who and when." })
  approval!: Approval | null;

  @Field(() => [Approval], { description: 'Approvals of the units above it for the month, nearest first.' })
  approvedAbove!: Approval[];

  @Field(() => Int, { description: 'Club reports expected in the unit this month.' })
  reportsExpected!: number;

  @Field(() => Int, { description: 'Units directly below with at least one expected report (they must be approved before this unit).' })
  unitsBelowExpected!: number;

  @Field(() => Int, { description: 'Of those, how many are approved.' })
  unitsBelowApproved!: number;

  @Field({ description: 'The unit may be approved now: the month is over, the structure is in force, the units below are approved, and it is not approved yet.' })
  ready!: boolean;
}

@ObjectType({ description: "A unit's approval state, month by month." })
export class ApprovalState {
  @Field(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Field(() => [ApprovalMonth])
  months!: ApprovalMonth[];
}
