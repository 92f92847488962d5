import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { Fund } from '../../src/modules/fund/fund.entity';
import { Member } from '../../src/modules/member/member.entity';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { auditOf, DAK_LAK_PRE, errorOf, HA_TINH_PRE, ok, tableState } from './support';

let hub: TestHub;
let club: Club;
let income: Fund;
let activity: Fund;
let borrower: Member;
beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  club = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-05-01' });
  borrower = await g.member(club, { joinedOn: '2016-01-01' });
  income = await g.fund(club, { kind: 'INCOME_GENERATION' as never, openedOn: '2016-01-01' });
  activity = await g.fund(club, { kind: 'ACTIVITY' as never, openedOn: '2016-01-01' });
});
afterAll(async () => {
  await hub?.stop();
});

const record = (input: Record<string, unknown>, key?: string) =>
  hub.operation('fund/RecordFundTransaction.graphql', { input: { fundId: activity.globalId, occurredOn: '2024-01-05', kind: 'MEMBER_FEE', amount: '150000', ...input } }, key);
const disburse = (input: Record<string, unknown>, key?: string) =>
  hub.operation('fund/DisburseLoan.graphql', {
    input: { fundId: income.globalId, borrowerId: borrower.globalId, principal: '10000000', disbursedOn: '2024-01-10', dueOn: '2025-01-10', ...input },
  }, key);
const repay = (loanId: string, amount: string, paidOn = '2024-06-01') => hub.operation('fund/RecordRepayment.graphql', { input: { loanId, amount, paidOn } });

describe('openFund', () => {
  it('opens a fund, one of each main kind per club', async () => {
    const other = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2020-01-01' });
    const open = (kind: string, openedOn = '2020-02-01') => hub.operation('fund/OpenFund.graphql', { input: { clubCode: other.code, kind, openedOn } });
    const { fund } = ok(await open('INCOME_GENERATION')).openFund;
    expect(fund).toMatchObject({ kind: 'INCOME_GENERATION', openedOn: '2020-02-01', version: 1, capital: '0', club: { code: other.code } });
    errorOf(await open('INCOME_GENERATION'), 'BAD_USER_INPUT', 'input.kind');
    errorOf(await open('ACTIVITY', '2019-12-31'), 'BAD_USER_INPUT', 'input.openedOn');
    ok(await open('OTHER'));
    ok(await open('OTHER'));
    expect((await auditOf(hub, fund.id))[0]).toMatchObject({ operation: 'openFund', entityType: 'Fund' });
  });
});

describe('recordFundTransaction', () => {
  it('records an entry in whole đồng; the capital follows', async () => {
    const res = ok(await record({ source: 'MEMBERS', note: '  Phí tháng 1 ', memberId: borrower.globalId }));
    expect(res.recordFundTransaction.transaction).toMatchObject({ kind: 'MEMBER_FEE', amount: '150000', source: 'MEMBERS', note: 'Phí tháng 1', member: { id: borrower.globalId } });
    expect(BigInt(res.recordFundTransaction.transaction.fund.capital)).toBeGreaterThanOrEqual(150000n);
  });

  it.each([
    ['input.amount', { amount: '0' }, /positive whole number/],
    ['input.occurredOn', { occurredOn: '2015-12-31' }, /opening of the fund/],
    ['input.occurredOn', { occurredOn: '2999-01-01' }, /future/],
    ['input.kind', { kind: 'LOAN_DISBURSEMENT' }, /disburseLoan/],
    ['input.source', { kind: 'EXPENSE', source: 'MEMBERS' }, /source goes with/],
    ['input.fundId', { fundId: 'nonsense' }, /not the id of a Fund/],
  ])('refuses %s (%j)', async (field, fields, message) => {
    const state = await tableState(hub);
    expect(errorOf(await record(fields), 'BAD_USER_INPUT', field).message).toMatch(message);
    expect(await tableState(hub)).toEqual(state);
  });

  it('refuses fractions of a đồng before anything runs', async () => {
    const res = await record({ amount: '1000.5' });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a member of another club', async () => {
    const stranger = await given(hub.orm).member(await given(hub.orm).club({ pre2025: '18769', post2025: '18775' }));
    errorOf(await record({ memberId: stranger.globalId }), 'BAD_USER_INPUT', 'input.memberId');
  });
});

describe('loans', () => {
  it('disburses from the income-generation fund and is repaid to REPAID, never above the outstanding amount', async () => {
    const { loan, transaction } = ok(await disburse({ instalments: 2 })).disburseLoan;
    expect(loan).toMatchObject({ principal: '10000000', status: 'CURRENT', outstanding: '10000000', instalments: 2, version: 1, borrower: { id: borrower.globalId } });
    expect(transaction).toMatchObject({ kind: 'LOAN_DISBURSEMENT', amount: '10000000', occurredOn: '2024-01-10' });
    const first = ok(await repay(loan.id, '4000000')).recordRepayment;
    expect(first.loan).toMatchObject({ status: 'CURRENT', repaid: '4000000', outstanding: '6000000' });
    expect(first.transaction).toMatchObject({ kind: 'REPAYMENT', amount: '4000000' });
    expect(errorOf(await repay(loan.id, '6000001'), 'BAD_USER_INPUT', 'input.amount').message).toMatch(/more than what is outstanding .*6000000/);
    errorOf(await repay(loan.id, '100', '2024-01-09'), 'BAD_USER_INPUT', 'input.paidOn');
    const last = ok(await repay(loan.id, '6000000', '2024-12-01')).recordRepayment;
    expect(last.loan).toMatchObject({ status: 'REPAID', closedOn: '2024-12-01', outstanding: '0', version: 2 });
    errorOf(await repay(loan.id, '1'), 'BAD_USER_INPUT', 'input.loanId');
    const entries = await auditOf(hub, loan.id);
    expect(entries.map((e) => e.operation)).toEqual(['recordRepayment', 'disburseLoan']);
    expect(entries[0]).toMatchObject({ before: { status: 'CURRENT', closedOn: null }, after: { status: 'REPAID', closedOn: '2024-12-01' } });
  });

  it('two repayments at once never pass the outstanding amount together', async () => {
    const { loan } = ok(await disburse({ principal: '1000000' })).disburseLoan;
    const results = await Promise.all([repay(loan.id, '700000'), repay(loan.id, '700000')]);
    expect(results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['BAD_USER_INPUT', 'OK']);
  });

  it.each([
    ['input.dueOn', { dueOn: '2024-01-09' }, /before the disbursement date/],
    ['input.principal', { principal: '-5' }, /positive/],
    ['input.disbursedOn', { disbursedOn: '2999-01-01', dueOn: '2999-02-01' }, /future/],
    ['input.fundId', () => ({ fundId: activity.globalId }), /INCOME_GENERATION/],
  ])('refuses %s', async (field, fields, message) => {
    const input = typeof fields === 'function' ? fields() : fields;
    expect(errorOf(await disburse(input), 'BAD_USER_INPUT', field).message).toMatch(message);
  });

  it('lends only to a current member of the same club', async () => {
    const g = given(hub.orm);
    const outsider = await g.member(await g.club({ pre2025: '18769', post2025: '18775' }));
    const former = await g.member(club, { joinedOn: '2016-01-01', leftOn: '2023-01-01', leaveReason: 'HEALTH' as never });
    expect(errorOf(await disburse({ borrowerId: outsider.globalId }), 'BAD_USER_INPUT', 'input.borrowerId').message).toMatch(/another club/);
    expect(errorOf(await disburse({ borrowerId: former.globalId }), 'BAD_USER_INPUT', 'input.borrowerId').message).toMatch(/left the club/);
  });

  it('an association of the area may lend; another may not', async () => {
    ok(await disburse({ principal: '500000' }, await hub.key(Role.ASSOCIATION, HA_TINH_PRE)));
    // Another area's association is told what it would be told of a missing fund.
    errorOf(await disburse({ principal: '500000' }, await hub.key(Role.ASSOCIATION, DAK_LAK_PRE)), 'BAD_USER_INPUT', 'input.fundId');
    errorOf(await record({}, await hub.key(Role.PARTNER)), 'FORBIDDEN');
  });
});
