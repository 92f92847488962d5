import { BigIntType, Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Personal } from '../../auth/personal-data';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';
import { ContributionSource, FundKind, LoanStatus, TransactionKind } from './fund.enums';

/** A club's fund; its balance is the sum of its ledger. */
@ObjectType({ implements: Node, description: "A club's fund, with a ledger of transactions.", simpleResolvers: true })
@Entity({ tableName: 'fund' })
export class Fund extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('Fund', this.id);
  }

  @ManyToOne(() => Club, { index: true })
  club!: Rel<Club>;

  @Field(() => FundKind)
  @Enum(() => FundKind)
  kind!: FundKind;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  openedOn!: string;

  @Field(() => Int, { description: 'Increases with every change.' })
  @Property({ version: true })
  version!: number;
}

/** A loan from a club's income-generation fund to one of its members. Money is whole đồng. */
@ObjectType({ implements: Node, description: "A loan from a club's income-generation fund to one of its members.", simpleResolvers: true })
@Entity({ tableName: 'loan' })
// A member's disbursements by day (the person-category splits read a scope's borrowers' loans of a series from it alone).
@Index({ name: 'loan_borrower_disbursed_idx', expression: 'create index "loan_borrower_disbursed_idx" on "loan" ("borrower_id", "disbursed_on")' })
@Check({ name: 'loan_principal_positive', expression: 'principal > 0' })
@Check({ name: 'loan_due_after_disbursed', expression: 'due_on >= disbursed_on' })
export class Loan extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('Loan', this.id);
  }

  @ManyToOne(() => Fund, { index: true })
  fund!: Rel<Fund>;

  @ManyToOne(() => Member, { index: true })
  borrower!: Rel<Member>;

  @Field(() => MoneyScalar)
  @Property({ type: new BigIntType('bigint') })
  principal!: bigint;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  disbursedOn!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => Int, { description: 'Agreed instalments (1 = a single repayment at the due date).' })
  @Property({ type: 'smallint', default: 1 })
  instalments: number = 1;

  @Field(() => LoanStatus)
  @Enum(() => LoanStatus)
  status!: LoanStatus;

  @Field(() => DateScalar, { nullable: true, description: 'When the loan was repaid in full or written off.' })
  @Property({ type: 'date', nullable: true })
  closedOn?: string;

  @Field(() => Int, { description: 'Increases with every change (a repayment that clears the loan changes its status).' })
  @Property({ version: true })
  version!: number;
}

/** One ledger entry of a fund. The amount is positive whole đồng; the kind gives its direction. */
@ObjectType({ implements: Node, description: 'One ledger entry of a fund; the amount is positive, the kind gives its direction.', simpleResolvers: true })
@Entity({ tableName: 'fund_transaction' })
@Index({ properties: ['fund', 'occurredOn'] })
// A loan's repayments by day with their amounts, read without the table (what is owed at each period's end).
@Index({
  name: 'fund_transaction_repayment_idx',
  expression: `create index "fund_transaction_repayment_idx" on "fund_transaction" ("loan_id", "occurred_on") include ("amount") where "kind" = 'REPAYMENT'`,
})
@Check({ name: 'fund_transaction_amount_positive', expression: 'amount > 0' })
// The submitter's own transaction id is unique within a fund: re-uploading a ledger updates, never duplicates.
@Unique({
  name: 'fund_transaction_fund_external_ref_unique',
  expression:
    'create unique index "fund_transaction_fund_external_ref_unique" on "fund_transaction" ("fund_id", "external_ref") where "external_ref" is not null',
})
export class FundTransaction extends Node {
  @PrimaryKey()
  id!: number;

  override get globalId(): string {
    return toGlobalId('FundTransaction', this.id);
  }

  @ManyToOne(() => Fund)
  fund!: Rel<Fund>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  occurredOn!: string;

  @Field(() => TransactionKind)
  @Enum(() => TransactionKind)
  kind!: TransactionKind;

  @Field(() => ContributionSource, { nullable: true, description: 'Where a contribution came from.' })
  @Enum({ items: () => ContributionSource, nullable: true })
  source?: ContributionSource;

  @Field(() => MoneyScalar)
  @Property({ type: new BigIntType('bigint') })
  amount!: bigint;

  @ManyToOne(() => Loan, { nullable: true, index: true })
  loan?: Rel<Loan>;

  @ManyToOne(() => Member, { nullable: true })
  member?: Rel<Member>;

  @Field(() => String, { nullable: true, description: 'Personal data: free text that may speak of members (their health, their household).' })
  @Personal()
  @Property({ length: 500, nullable: true })
  note?: string;

  @Field(() => String, { nullable: true, description: "The submitting association's own id of this entry, unique within the fund (CSV transaction_ref)." })
  @Property({ length: 64, nullable: true })
  externalRef?: string | null;
}
