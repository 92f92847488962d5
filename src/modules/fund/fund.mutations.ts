import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { FundPayload, FundTransactionPayload, LoanPayload } from './fund.payloads';
import { disburseLoan, openFund, recordFundTransaction, recordRepayment } from './fund.service';
import { DisburseLoanInput, OpenFundInput, RecordFundTransactionInput, RecordRepaymentInput } from './fund.write-inputs';

/** Fund and loan writes: ADMIN, or an association for the clubs of its scope. */
@Resolver()
export class FundMutations {
  @Mutation(() => FundPayload, { description: 'Opens a fund of a club.' })
  async openFund(@Arg('input') input: OpenFundInput, @Ctx() ctx: HubContext): Promise<FundPayload> {
    return { fund: await openFund(ctx, input) };
  }

  @Mutation(() => FundTransactionPayload, { description: 'Records a contribution, member fee, interest or expense.' })
  async recordFundTransaction(@Arg('input') input: RecordFundTransactionInput, @Ctx() ctx: HubContext): Promise<FundTransactionPayload> {
    return { transaction: await recordFundTransaction(ctx, input) };
  }

  @Mutation(() => LoanPayload, { description: 'Lends to a member: the loan and its LOAN_DISBURSEMENT entry.' })
  disburseLoan(@Arg('input') input: DisburseLoanInput, @Ctx() ctx: HubContext): Promise<LoanPayload> {
    return disburseLoan(ctx, input);
  }

  @Mutation(() => LoanPayload, { description: 'Records a repayment (a REPAYMENT entry); a loan repaid in full becomes REPAID.' })
  recordRepayment(@Arg('input') input: RecordRepaymentInput, @Ctx() ctx: HubContext): Promise<LoanPayload> {
    return recordRepayment(ctx, input);
  }
}
