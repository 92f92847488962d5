import { Connection } from '../../graphql/pagination';
import { FundTransaction, Loan } from './fund.entity';

export const FundTransactionConnection = Connection(FundTransaction, 'FundTransaction');
export const LoanConnection = Connection(Loan, 'Loan');
