import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { intArray, sql } from '../../db/sql';
import { byId, listBy } from '../../graphql/entity-loaders';
import { connectionLoader, rowMapper } from '../../graphql/paged-query';
import { PageArgs } from '../../graphql/pagination';
import { todayInVietnam } from '../../time';
import { Fund, FundTransaction, Loan } from './fund.entity';

/**
 * Capital of a fund at a date: what was put in (contributions, member fees, interest) less expenses.
 * Disbursements and repayments only move money between cash and loans.
 */
const CAPITAL_SQL = `select fund_id as key,
    coalesce(sum(case when kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST') then amount when kind = 'EXPENSE' then -amount else 0 end), 0)::text as value
  from fund_transaction where fund_id = any(?::int[]) and occurred_on <= ?::date group by 1`;

/** Repaid so far on each loan. */
const REPAID_SQL = `select loan_id as key, coalesce(sum(amount), 0)::text as value
  from fund_transaction where loan_id = any(?::int[]) and kind = 'REPAYMENT' group by 1`;

function sumLoader(em: EntityManager, query: string, extra: () => unknown[] = () => []) {
  return new DataLoader<number, bigint>(async (ids) => {
    const rows = await em.getConnection('read').execute<Array<{ key: number; value: string }>>(query, [intArray(ids), ...extra()]);
    const sums = new Map(rows.map((r) => [r.key, BigInt(r.value)]));
    return ids.map((id) => sums.get(id) ?? 0n);
  });
}

/** Request-scoped reads of funds, their ledgers and loans. */
export function createFundLoaders(em: EntityManager) {
  const transactions = connectionLoader<{ page: PageArgs }, FundTransaction>(
    em,
    () => ({ from: 'fund_transaction t', select: 't.*', parent: 't.fund_id', where: sql('true'), sort: { expr: 't.occurred_on::text', direction: 'desc' }, id: 't.id' }),
    rowMapper(em, FundTransaction),
  );
  const loans = connectionLoader<{ page: PageArgs }, Loan>(
    em,
    () => ({ from: 'loan l', select: 'l.*', parent: 'l.fund_id', where: sql('true'), sort: { expr: 'l.disbursed_on::text', direction: 'desc' }, id: 'l.id' }),
    rowMapper(em, Loan),
  );
  const capitalAt = new Map<string, DataLoader<number, bigint>>();
  return {
    fundById: byId(em, Fund),
    loanById: byId(em, Loan),
    transactionById: byId(em, FundTransaction),
    fundsByClub: listBy(em, Fund, 'club', { kind: 'asc', id: 'asc' }),
    loansByBorrower: listBy(em, Loan, 'borrower', { disbursedOn: 'desc', id: 'desc' }),
    repaidByLoan: sumLoader(em, REPAID_SQL),
    /** Fund capital at a date (default today), one statement per date asked. */
    capitalOf(fundId: number, asOf: string | null): Promise<bigint> {
      const date = asOf ?? todayInVietnam();
      let loader = capitalAt.get(date);
      if (!loader) {
        loader = sumLoader(em, CAPITAL_SQL, () => [date]);
        capitalAt.set(date, loader);
      }
      return loader.load(fundId);
    },
    transactionsOf: (fundId: number, page: PageArgs) => transactions(fundId, { page }),
    loansOf: (fundId: number, page: PageArgs) => loans(fundId, { page }),
  };
}
