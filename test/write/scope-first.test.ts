import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/graphql/global-id';
import { Club } from '../../src/modules/club/club.entity';
import { Fund, Loan } from '../../src/modules/fund/fund.entity';
import { Member } from '../../src/modules/member/member.entity';
import { given } from '../support/given';
import { GraphQLResponse, startTestHub, TestHub } from '../support/hub';
import { DAK_LAK_PRE, tableState } from './support';

/**
 * An association writing outside its area learns nothing of the records there: a record of another province
 * gets the answer a missing record gets (ids), or the import's plain FORBIDDEN (club codes), before any of
 * its details are compared with the input.
 */
let hub: TestHub;
let dakLak: string;
// Hà Tĩnh: outside the Đắk Lắk key's area.
let farClub: Club;
let farMember: Member;
let farFund: Fund;
let farLoan: Loan;
// Đắk Lắk: inside it.
let ownFund: Fund;
let ownCourse: string;
beforeAll(async () => {
  hub = await startTestHub();
  dakLak = await hub.key(Role.ASSOCIATION, DAK_LAK_PRE);
  const g = given(hub.orm);
  farClub = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-01-01' });
  farMember = await g.member(farClub, { joinedOn: '2016-04-02' });
  farFund = await g.fund(farClub, { kind: 'INCOME_GENERATION' as never, openedOn: '2016-01-01' });
  farLoan = await g.loan(farFund, farMember, { disbursedOn: '2023-01-01', principal: 1_000_000n as never });
  const ownClub = await g.club({ pre2025: '24166', post2025: '24121', foundedOn: '2015-01-01' });
  ownFund = await g.fund(ownClub, { kind: 'INCOME_GENERATION' as never, openedOn: '2016-01-01' });
  ownCourse = (await g.course({ organiser: { structure: 'PRE_2025' as never, code: '66' } })).globalId;
});
afterAll(async () => {
  await hub?.stop();
});

const MISSING_MEMBER = toGlobalId('Member', 999_999_999);

/** The error as a caller sees it, with the id it named replaced, to compare with the error of a missing id. */
function answer(res: GraphQLResponse, id: string) {
  expect(res.errors).toHaveLength(1);
  const { message, extensions } = res.errors![0];
  return { message: message.replace(id, '<id>'), code: extensions!.code, field: extensions!.field, problems: JSON.stringify(extensions!.problems ?? []).replace(id, '<id>') };
}

/** A mutation run with an id of another province and with an id that does not exist answers the same. */
async function sameAsMissing(run: (id: string) => Promise<GraphQLResponse>, far: string, missing: string) {
  const state = await tableState(hub);
  const outside = answer(await run(far), far);
  expect(outside).toEqual(answer(await run(missing), missing));
  expect(outside.code).toBe('BAD_USER_INPUT');
  expect(await tableState(hub)).toEqual(state);
}

describe('mutations naming a record of another province by id', () => {
  it('disburseLoan: a borrower of another province is not found', async () => {
    const disburse = (borrowerId: string) =>
      hub.operation('fund/DisburseLoan.graphql', { input: { fundId: ownFund.globalId, borrowerId, principal: '500000', disbursedOn: '2024-01-10', dueOn: '2025-01-10' } }, dakLak);
    await sameAsMissing(disburse, farMember.globalId, MISSING_MEMBER);
  });

  it('recordFundTransaction: a fund, or a member, of another province is not found', async () => {
    const record = (input: Record<string, unknown>) =>
      hub.operation('fund/RecordFundTransaction.graphql', { input: { fundId: ownFund.globalId, occurredOn: '2024-01-05', kind: 'MEMBER_FEE', amount: '1000', ...input } }, dakLak);
    await sameAsMissing((fundId) => record({ fundId }), farFund.globalId, toGlobalId('Fund', 999_999_999));
    await sameAsMissing((memberId) => record({ memberId }), farMember.globalId, MISSING_MEMBER);
  });

  it('recordRepayment: a loan of another province is not found', async () => {
    const repay = (loanId: string) => hub.operation('fund/RecordRepayment.graphql', { input: { loanId, amount: '1000', paidOn: '2024-06-01' } }, dakLak);
    await sameAsMissing(repay, farLoan.globalId, toGlobalId('Loan', 999_999_999));
  });

  it('updateMember and recordMemberLeaving: a member of another province is not found', async () => {
    const update = (id: string) => hub.operation('member/UpdateMember.graphql', { input: { id, expectedVersion: 1, fullName: 'Tên khác' } }, dakLak);
    const leave = (id: string) => hub.operation('member/RecordMemberLeaving.graphql', { input: { id, expectedVersion: 1, leftOn: '2016-01-01', reason: 'HEALTH' } }, dakLak);
    await sameAsMissing(update, farMember.globalId, MISSING_MEMBER);
    await sameAsMissing(leave, farMember.globalId, MISSING_MEMBER);
  });

  it('addTrainees and grantAward: a member of another province is not found', async () => {
    const train = (id: string) => hub.operation('training/AddTrainees.graphql', { input: { courseId: ownCourse, memberIds: [id] } }, dakLak);
    const grant = (memberId: string) => hub.operation('award/GrantAward.graphql', { input: { kind: 'GIAY_KHEN', issuer: 'Hội NCT', grantedOn: '2024-01-01', memberId } }, dakLak);
    await sameAsMissing(train, farMember.globalId, MISSING_MEMBER);
    await sameAsMissing(grant, farMember.globalId, MISSING_MEMBER);
  });
});

describe('CSV rows about a club of another province', () => {
  async function upload(kind: string, lines: string[]) {
    const res = await fetch(`${hub.url}/imports/${kind}?dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${dakLak}` },
      body: `${lines.join('\r\n')}\r\n`,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('clubs: refused as outside the area, without checking the row against the club (its first join date)', async () => {
    const res = await upload('clubs', ['code,name,commune_pre2025,founded_on,programme', `${farClub.code},Tên mới,,2017-01-01,DECISION_1336`]);
    expect(res.status).toBe(403);
    expect(res.body.problems).toEqual([{ row: 2, column: 'code', message: expect.stringMatching(/outside your area/), code: 'FORBIDDEN' }]);
    expect(JSON.stringify(res.body)).not.toContain('2016-04-02');
  });

  it('members and fund transactions: refused as outside the area, saying nothing of the club\'s members or funds', async () => {
    const members = await upload('members', [
      'club_code,member_ref,full_name,sex,birth_year,poverty_status,joined_on,board_role',
      `${farClub.code},M-1,Nguyễn Văn A,MALE,1950,POOR,2014-01-01,CHAIR`,
    ]);
    expect(members.body.problems).toEqual([{ row: 2, column: 'club_code', message: expect.stringMatching(/outside your area/), code: 'FORBIDDEN' }]);
    const ledger = await upload('fund-transactions', [
      'club_code,fund_kind,transaction_ref,occurred_on,kind,amount,member_ref',
      `${farClub.code},ACTIVITY,T-1,2024-01-01,MEMBER_FEE,1000,NO-SUCH-REF`,
    ]);
    expect(ledger.status).toBe(403);
    expect(ledger.body.problems).toEqual([{ row: 2, column: 'club_code', message: expect.stringMatching(/outside your area/), code: 'FORBIDDEN' }]);
  });
});
