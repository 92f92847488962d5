import { BigIntType, Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Rel } from '@mikro-orm/core';
import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';
import { ContributionSource, FundKind, LoanStatus, TransactionKind } from './fund.enums';

/** A club's fund; its balance is the sum of its ledger. */
@Entity({ tableName: 'fund' })
export class Fund {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Club, { index: true })
  club!: Rel<Club>;

  @Enum(() => FundKind)
  kind!: FundKind;

  @Property({ type: 'date' })
  openedOn!: string;

  @Property({ version: true })
  version!: number;
}

/** A loan from a club's income-generation fund to one of its members. Money is whole đồng. */
@Entity({ tableName: 'loan' })
@Check({ name: 'loan_principal_positive', expression: 'principal > 0' })
@Check({ name: 'loan_due_after_disbursed', expression: 'due_on >= disbursed_on' })
export class Loan {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Fund, { index: true })
  fund!: Rel<Fund>;

  @ManyToOne(() => Member, { index: true })
  borrower!: Rel<Member>;

  @Property({ type: new BigIntType('bigint') })
  principal!: bigint;

  @Property({ type: 'date' })
  disbursedOn!: string;

  @Property({ type: 'date' })
  dueOn!: string;

  /** Number of agreed instalments (1 = a single repayment at the due date). */
  @Property({ type: 'smallint', default: 1 })
  instalments: number = 1;

  @Enum(() => LoanStatus)
  status!: LoanStatus;

  /** When the loan was repaid in full or written off. */
  @Property({ type: 'date', nullable: true })
  closedOn?: string;

  @Property({ version: true })
  version!: number;
}

/** One ledger entry of a fund. The amount is positive whole đồng; the kind gives its direction. */
@Entity({ tableName: 'fund_transaction' })
@Index({ properties: ['fund', 'occurredOn'] })
@Check({ name: 'fund_transaction_amount_positive', expression: 'amount > 0' })
export class FundTransaction {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Fund)
  fund!: Rel<Fund>;

  @Property({ type: 'date' })
  occurredOn!: string;

  @Enum(() => TransactionKind)
  kind!: TransactionKind;

  /** Where a contribution came from. */
  @Enum({ items: () => ContributionSource, nullable: true })
  source?: ContributionSource;

  @Property({ type: new BigIntType('bigint') })
  amount!: bigint;

  @ManyToOne(() => Loan, { nullable: true, index: true })
  loan?: Rel<Loan>;

  @ManyToOne(() => Member, { nullable: true })
  member?: Rel<Member>;

  @Property({ length: 500, nullable: true })
  note?: string;
}
