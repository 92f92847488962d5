import { Field, ObjectType } from 'type-graphql';
import { Fund, FundTransaction, Loan } from './fund.entity';

@ObjectType()
export class FundPayload {
  @Field(() => Fund)
  fund!: Fund;
}

@ObjectType()
export class FundTransactionPayload {
  @Field(() => FundTransaction)
  transaction!: FundTransaction;
}

@ObjectType({ description: 'The loan and the ledger entry that moved its money.' })
export class LoanPayload {
  @Field(() => Loan)
  loan!: Loan;

  @Field(() => FundTransaction, { description: 'The LOAN_DISBURSEMENT or REPAYMENT entry.' })
  transaction!: FundTransaction;
}
