import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { ContributionSource, FundKind, TransactionKind } from './fund.enums';

@InputType({ description: "A club's fund (one INCOME_GENERATION and one ACTIVITY fund per club)." })
export class OpenFundInput {
  @Field()
  clubCode!: string;

  @Field(() => FundKind)
  kind!: FundKind;

  @Field(() => DateScalar)
  openedOn!: string;
}

@InputType({ description: 'A ledger entry other than a loan (loans: disburseLoan and recordRepayment).' })
export class RecordFundTransactionInput {
  @Field(() => ID)
  fundId!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => TransactionKind, { description: 'CONTRIBUTION, MEMBER_FEE, INTEREST or EXPENSE.' })
  kind!: TransactionKind;

  @Field(() => MoneyScalar, { description: 'Positive whole đồng; the kind gives the direction.' })
  amount!: bigint;

  @Field(() => ContributionSource, { nullable: true, description: 'For CONTRIBUTION and MEMBER_FEE.' })
  source?: ContributionSource | null;

  @Field(() => ID, { nullable: true, description: 'The member who paid or received it (of the same club).' })
  memberId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Your own id of this entry, unique within the fund (CSV transaction_ref).' })
  externalRef?: string | null;
}

@InputType({ description: "A loan from a club's INCOME_GENERATION fund to a current member of the same club." })
export class DisburseLoanInput {
  @Field(() => ID)
  fundId!: string;

  @Field(() => ID)
  borrowerId!: string;

  @Field(() => MoneyScalar)
  principal!: bigint;

  @Field(() => DateScalar)
  disbursedOn!: string;

  @Field(() => DateScalar)
  dueOn!: string;

  @Field(() => Int, { defaultValue: 1 })
  instalments: number = 1;
}

@InputType({ description: 'A repayment of a loan, never above what is outstanding.' })
export class RecordRepaymentInput {
  @Field(() => ID)
  loanId!: string;

  @Field(() => MoneyScalar)
  amount!: bigint;

  @Field(() => DateScalar)
  paidOn!: string;
}
