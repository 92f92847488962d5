import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';
import { Checks } from '../shared/checks';
import { Fund } from './fund.entity';
import { ContributionSource, TransactionKind } from './fund.enums';

/** Entries recorded directly; disbursements and repayments go with a loan (disburseLoan, recordRepayment). */
export const DIRECT_KINDS: readonly TransactionKind[] = [
  TransactionKind.CONTRIBUTION,
  TransactionKind.MEMBER_FEE,
  TransactionKind.INTEREST,
  TransactionKind.EXPENSE,
];

const SOURCED_KINDS: readonly TransactionKind[] = [TransactionKind.CONTRIBUTION, TransactionKind.MEMBER_FEE];

export interface TransactionFields {
  occurredOn: string;
  kind: TransactionKind;
  amount: bigint;
  source?: ContributionSource | null;
  member?: Member | null;
  note?: string | null;
  externalRef?: string | null;
}

/**
 * A direct ledger entry: a direct kind, a positive amount, a date from the fund's opening to today (and not
 * after the club's dissolution), a source only for money coming in, a member only of the same club.
 */
export function checkTransactionFields(checks: Checks, input: TransactionFields, fund: Fund, club: Club): TransactionFields {
  if (!DIRECT_KINDS.includes(input.kind)) {
    checks.add('kind', `${input.kind} entries are recorded with their loan (disburseLoan, recordRepayment); here: ${DIRECT_KINDS.join(', ')}`);
  }
  checks.positiveMoney('amount', input.amount);
  checks.pastDate('occurredOn', input.occurredOn);
  checks.notBefore('occurredOn', input.occurredOn, fund.openedOn, 'the opening of the fund');
  if (club.dissolvedOn && input.occurredOn > club.dissolvedOn) checks.add('occurredOn', `The club was dissolved on ${club.dissolvedOn}`);
  if (input.source && !SOURCED_KINDS.includes(input.kind)) checks.add('source', `A source goes with ${SOURCED_KINDS.join(' or ')} only`);
  if (input.member && input.member.club.id !== club.id) checks.add('memberId', 'The member belongs to another club');
  return {
    ...input,
    note: checks.text('note', input.note, { max: 500, multiline: true }),
    externalRef: checks.text('externalRef', input.externalRef, { max: 64 }),
  };
}
