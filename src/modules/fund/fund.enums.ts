import { registerEnumType } from 'type-graphql';

export enum FundKind {
  /** Lent to members on a revolving basis. */
  INCOME_GENERATION = 'INCOME_GENERATION',
  /** Member fees, grants and fundraising that pay for activities. */
  ACTIVITY = 'ACTIVITY',
  OTHER = 'OTHER',
}

/** Ledger entry kinds. Amounts are always positive; the kind says which way money moves. */
export enum TransactionKind {
  CONTRIBUTION = 'CONTRIBUTION',
  MEMBER_FEE = 'MEMBER_FEE',
  INTEREST = 'INTEREST',
  LOAN_DISBURSEMENT = 'LOAN_DISBURSEMENT',
  REPAYMENT = 'REPAYMENT',
  EXPENSE = 'EXPENSE',
}

export enum ContributionSource {
  MEMBERS = 'MEMBERS',
  COMMUNE_BUDGET = 'COMMUNE_BUDGET',
  ASSOCIATION = 'ASSOCIATION',
  DONOR_OR_PROJECT = 'DONOR_OR_PROJECT',
  FUNDRAISING = 'FUNDRAISING',
}

export enum LoanStatus {
  CURRENT = 'CURRENT',
  OVERDUE = 'OVERDUE',
  REPAID = 'REPAID',
  WRITTEN_OFF = 'WRITTEN_OFF',
}

/** Kinds that add money to a fund; the others take it out. */
export const INFLOW_KINDS: readonly TransactionKind[] = [
  TransactionKind.CONTRIBUTION,
  TransactionKind.MEMBER_FEE,
  TransactionKind.INTEREST,
  TransactionKind.REPAYMENT,
];

registerEnumType(FundKind, { name: 'FundKind' });
registerEnumType(TransactionKind, { name: 'TransactionKind' });
registerEnumType(ContributionSource, { name: 'ContributionSource' });
registerEnumType(LoanStatus, { name: 'LoanStatus' });
