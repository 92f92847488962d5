import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { ConnectionArgs } from '../../graphql/connection-args';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { Club } from '../club/club.entity';
import { Personal } from '../../auth/personal-data';
import { Member } from '../member/member.entity';
import { Fund, FundTransaction, Loan } from './fund.entity';
import { FundTransactionConnection, LoanConnection } from './fund.types';

@Resolver(() => Fund)
export class FundResolver {
  @FieldResolver(() => Club)
  async club(@Root() fund: Fund, @Ctx() ctx: HubContext): Promise<Club> {
    return (await ctx.loaders.clubs.clubById.load(fund.club.id))!;
  }

  @FieldResolver(() => MoneyScalar, {
    description: 'Capital at the end of the day (default today): contributions, member fees and interest, less expenses.',
  })
  capital(
    @Root() fund: Fund,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<bigint> {
    return ctx.loaders.funds.capitalOf(fund.id, asOf ?? null);
  }

  @FieldResolver(() => FundTransactionConnection, { description: 'The ledger, newest first.' })
  transactions(@Root() fund: Fund, @Args() page: ConnectionArgs, @Ctx() ctx: HubContext) {
    return ctx.loaders.funds.transactionsOf(fund.id, { ...page });
  }

  @FieldResolver(() => LoanConnection, { description: 'Loans from this fund, newest first.' })
  loans(@Root() fund: Fund, @Args() page: ConnectionArgs, @Ctx() ctx: HubContext) {
    return ctx.loaders.funds.loansOf(fund.id, { ...page });
  }
}

@Resolver(() => Loan)
export class LoanResolver {
  @FieldResolver(() => Fund)
  async fund(@Root() loan: Loan, @Ctx() ctx: HubContext): Promise<Fund> {
    return (await ctx.loaders.funds.fundById.load(loan.fund.id))!;
  }

  @Personal()
  @FieldResolver(() => Member, { nullable: true, description: 'Personal data: the member who borrowed.' })
  async borrower(@Root() loan: Loan, @Ctx() ctx: HubContext): Promise<Member> {
    return (await ctx.loaders.members.memberById.load(loan.borrower.id))!;
  }

  @FieldResolver(() => MoneyScalar, { description: 'Repaid so far.' })
  repaid(@Root() loan: Loan, @Ctx() ctx: HubContext): Promise<bigint> {
    return ctx.loaders.funds.repaidByLoan.load(loan.id);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Principal not yet repaid (a written-off loan keeps its unpaid principal here).' })
  async outstanding(@Root() loan: Loan, @Ctx() ctx: HubContext): Promise<bigint> {
    return BigInt(loan.principal) - (await ctx.loaders.funds.repaidByLoan.load(loan.id));
  }
}

@Resolver(() => FundTransaction)
export class FundTransactionResolver {
  @FieldResolver(() => Fund)
  async fund(@Root() transaction: FundTransaction, @Ctx() ctx: HubContext): Promise<Fund> {
    return (await ctx.loaders.funds.fundById.load(transaction.fund.id))!;
  }

  @FieldResolver(() => Loan, { nullable: true, description: 'The loan a disbursement or repayment belongs to.' })
  async loan(@Root() transaction: FundTransaction, @Ctx() ctx: HubContext): Promise<Loan | null> {
    return transaction.loan ? ctx.loaders.funds.loanById.load(transaction.loan.id) : null;
  }

  @Personal()
  @FieldResolver(() => Member, { nullable: true, description: 'Personal data: the member who paid or received it.' })
  async member(@Root() transaction: FundTransaction, @Ctx() ctx: HubContext): Promise<Member | null> {
    return transaction.member ? ctx.loaders.members.memberById.load(transaction.member.id) : null;
  }
}
