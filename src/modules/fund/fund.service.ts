import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../context';
import { Club } from '../club/club.entity';
import { clubUnits, lockClub, requireOpen } from '../club/club.service';
import { Member } from '../member/member.entity';
import { Checks } from '../shared/checks';
import { decodeId, found, foundInArea, insert, runWrite } from '../shared/write';
import { InvalidInputError } from '../shared/write-errors';
import { ownerOf } from '../shared/record-owner';
import { changedFrom, requireUnlockedWrite } from '../shared/write-check';
import { Fund, FundTransaction, Loan } from './fund.entity';
import { FundKind, LoanStatus, TransactionKind } from './fund.enums';
import { checkTransactionFields } from './fund.rules';
import { DisburseLoanInput, OpenFundInput, RecordFundTransactionInput, RecordRepaymentInput } from './fund.write-inputs';

/** Kinds a club holds at most one of. */
const SINGLE_KINDS: readonly FundKind[] = [FundKind.INCOME_GENERATION, FundKind.ACTIVITY];

function idOf(field: string, id: string | null | undefined, type: string): number | undefined {
  const checks = new Checks();
  const dbId = decodeId(checks, field, id, type);
  checks.throwIfAny();
  return dbId;
}

/** A fund by global id, with its club; a fund outside the caller's area is not found. */
async function fundOf(ctx: HubContext, em: EntityManager, field: string, id: string): Promise<{ fund: Fund; club: Club }> {
  const fund = foundInArea(ctx, await em.findOne(Fund, idOf(field, id, 'Fund')!, { populate: ['club'] }), (f) => f.club.place, field, `No fund has the id "${id}"`);
  return { fund, club: fund.club };
}

/** A member by global id, with its club; a member outside the caller's area is not found. */
async function memberOf(ctx: HubContext, em: EntityManager, field: string, id: string): Promise<Member> {
  const member = await em.findOne(Member, idOf(field, id, 'Member')!, { populate: ['club'] });
  return foundInArea(ctx, member, (m) => m.club.place, field, `No member has the id "${id}"`);
}

/** Repaid so far on a loan. */
async function repaidOn(em: EntityManager, loan: Loan): Promise<bigint> {
  const [row] = await em
    .getConnection('read')
    .execute<Array<{ repaid: string }>>(`select coalesce(sum(amount), 0)::text as repaid from fund_transaction where loan_id = ? and kind = 'REPAYMENT'`, [loan.id]);
  return BigInt(row.repaid);
}

export function openFund(ctx: HubContext, input: OpenFundInput): Promise<Fund> {
  return runWrite(ctx, 'openFund', async ({ em, audit }) => {
    const club = await lockClub(em, input.clubCode, 'clubCode');
    ctx.access.requireWrite(club.place);
    requireOpen(club, 'clubCode');
    const checks = new Checks();
    checks.pastDate('openedOn', input.openedOn);
    checks.notBefore('openedOn', input.openedOn, club.foundedOn, 'the founding of the club');
    if (SINGLE_KINDS.includes(input.kind) && (await em.count(Fund, { club, kind: input.kind }))) {
      checks.add('kind', `The club ${club.code} already has an ${input.kind} fund`);
    }
    checks.throwIfAny();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), input.openedOn)], 'openedOn');
    const fund = insert(em, Fund, { club, kind: input.kind, openedOn: input.openedOn });
    audit.track(fund, () => clubUnits(ctx.units, club));
    return fund;
  });
}

export function recordFundTransaction(ctx: HubContext, input: RecordFundTransactionInput): Promise<FundTransaction> {
  return runWrite(ctx, 'recordFundTransaction', async ({ em, audit }) => {
    const { fund, club } = await fundOf(ctx, em, 'fundId', input.fundId);
    const member = input.memberId ? await memberOf(ctx, em, 'memberId', input.memberId) : null;
    const checks = new Checks();
    const fields = checkTransactionFields(checks, { ...input, member }, fund, club);
    if (fields.externalRef && (await em.count(FundTransaction, { fund, externalRef: fields.externalRef }))) {
      checks.add('externalRef', `Another entry of this fund has the reference "${fields.externalRef}"`);
    }
    checks.throwIfAny();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), fields.occurredOn)], 'occurredOn');
    const transaction = insert(em, FundTransaction, {
      fund,
      occurredOn: fields.occurredOn,
      kind: fields.kind,
      amount: fields.amount,
      source: fields.source ?? undefined,
      member: member ?? undefined,
      note: fields.note ?? undefined,
      externalRef: fields.externalRef ?? undefined,
    });
    audit.track(transaction, () => clubUnits(ctx.units, club));
    return transaction;
  });
}

/** Lends from a club's INCOME_GENERATION fund to a current member of the same club: the loan and its disbursement. */
export function disburseLoan(ctx: HubContext, input: DisburseLoanInput): Promise<{ loan: Loan; transaction: FundTransaction }> {
  return runWrite(ctx, 'disburseLoan', async ({ em, audit }) => {
    const { fund, club } = await fundOf(ctx, em, 'fundId', input.fundId);
    requireOpen(club, 'fundId');
    const borrower = await memberOf(ctx, em, 'borrowerId', input.borrowerId);
    const checks = new Checks();
    if (fund.kind !== FundKind.INCOME_GENERATION) checks.add('fundId', `Loans come from an INCOME_GENERATION fund, not an ${fund.kind} fund`);
    if (borrower.club.id !== club.id) checks.add('borrowerId', 'The borrower is a member of another club: a club lends only to its own members');
    else if (borrower.leftOn) checks.add('borrowerId', `The borrower left the club on ${borrower.leftOn}`);
    else checks.notBefore('disbursedOn', input.disbursedOn, borrower.joinedOn, 'the day the borrower joined');
    checks.positiveMoney('principal', input.principal);
    checks.pastDate('disbursedOn', input.disbursedOn);
    checks.notBefore('disbursedOn', input.disbursedOn, fund.openedOn, 'the opening of the fund');
    checks.notBefore('dueOn', input.dueOn, input.disbursedOn, 'the disbursement date');
    checks.integer('instalments', input.instalments, 1, 120);
    checks.throwIfAny();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), input.disbursedOn, input.dueOn)], 'disbursedOn');
    const loan = insert(em, Loan, {
      fund,
      borrower,
      principal: input.principal,
      disbursedOn: input.disbursedOn,
      dueOn: input.dueOn,
      instalments: input.instalments,
      status: LoanStatus.CURRENT,
    });
    const transaction = insert(em, FundTransaction, {
      fund,
      occurredOn: input.disbursedOn,
      kind: TransactionKind.LOAN_DISBURSEMENT,
      amount: input.principal,
      loan,
      member: borrower,
    });
    audit.track(loan, () => clubUnits(ctx.units, club));
    audit.track(transaction, () => clubUnits(ctx.units, club));
    return { loan, transaction };
  });
}

/** A repayment, never above what is outstanding; the loan is REPAID (closed that day) when nothing is left. */
export function recordRepayment(ctx: HubContext, input: RecordRepaymentInput): Promise<{ loan: Loan; transaction: FundTransaction }> {
  return runWrite(ctx, 'recordRepayment', async ({ em, audit }) => {
    const loanId = idOf('loanId', input.loanId, 'Loan')!;
    // The loan row is locked so two repayments cannot both pass the outstanding check.
    const notFound = `No loan has the id "${input.loanId}"`;
    const loan = found(await em.findOne(Loan, loanId, { lockMode: LockMode.PESSIMISTIC_WRITE }), 'loanId', notFound);
    const fund = await em.findOneOrFail(Fund, loan.fund.id, { populate: ['club'] });
    foundInArea(ctx, loan, () => fund.club.place, 'loanId', notFound);
    if (loan.status === LoanStatus.REPAID || loan.status === LoanStatus.WRITTEN_OFF) {
      throw new InvalidInputError([{ field: 'input.loanId', message: `This loan is ${loan.status.replace('_', ' ').toLowerCase()} (closed on ${loan.closedOn ?? 'an unknown day'})` }]);
    }
    const outstanding = BigInt(loan.principal) - (await repaidOn(em, loan));
    const checks = new Checks();
    checks.positiveMoney('amount', input.amount);
    if (input.amount > outstanding) checks.add('amount', `The amount (${input.amount} đồng) is more than what is outstanding on the loan (${outstanding} đồng)`);
    checks.pastDate('paidOn', input.paidOn);
    checks.notBefore('paidOn', input.paidOn, loan.disbursedOn, 'the disbursement of the loan');
    checks.throwIfAny();
    // The repayment, and the loan's closing on the same day when it is the last.
    await requireUnlockedWrite(em, [changedFrom(ownerOf(fund.club), input.paidOn)], 'paidOn');
    audit.track(loan, () => clubUnits(ctx.units, fund.club));
    const transaction = insert(em, FundTransaction, {
      fund,
      occurredOn: input.paidOn,
      kind: TransactionKind.REPAYMENT,
      amount: input.amount,
      loan,
      member: loan.borrower,
    });
    audit.track(transaction, () => clubUnits(ctx.units, fund.club));
    if (input.amount === outstanding) {
      loan.status = LoanStatus.REPAID;
      loan.closedOn = input.paidOn;
    }
    return { loan, transaction };
  });
}
