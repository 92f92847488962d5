import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the person-category splits of units below the nation (issue 18): a scope's borrowers' loans of a
 * series by disbursement day, and each loan's repayments by day with their amounts, both read without the
 * tables' rows.
 */
export class Migration20261207210000_split_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "loan_borrower_disbursed_idx" on "loan" ("borrower_id", "disbursed_on");`);

    this.addSql(`create index "fund_transaction_repayment_idx" on "fund_transaction" ("loan_id", "occurred_on") include ("amount") where "kind" = 'REPAYMENT';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "fund_transaction_repayment_idx";`);

    this.addSql(`drop index "loan_borrower_disbursed_idx";`);
  }

}
