import { MikroORM } from '@mikro-orm/postgresql';
import { Club } from '../../src/modules/club/club.entity';
import { FundKind } from '../../src/modules/fund/fund.enums';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { errorOf, ok, tableState } from './support';

let hub: TestHub;
let orm: MikroORM;
// March 2024 of the PRE_2025 commune 18769 is approved: every club there is locked for that month.
const LOCKED = '2024-03-12';
const AFTER = '2024-04-02';
beforeAll(async () => {
  hub = await startTestHub();
  orm = hub.orm;
  await orm.em.getConnection().execute(`insert into approval (structure, unit_code, level, month, approved_by) values ('PRE_2025', '18769', 'COMMUNE', '2024-03-01', 'test')`);
});
afterAll(async () => {
  await hub?.stop();
});

const club = (fields: Record<string, unknown> = {}) => given(orm).club({ pre2025: '18769', foundedOn: '2021-01-10', ...fields });

/** Runs a mutation that must be refused with PERIOD_LOCKED and leave every table (and the audit log) as it was. */
async function refused(file: string, input: Record<string, unknown>) {
  const before = await tableState(hub);
  const error = errorOf(await hub.operation(file, { input }), 'PERIOD_LOCKED');
  expect(error.extensions!.locks).toEqual([expect.objectContaining({ month: '2024-03', unit: 'PRE_2025:18769', approvedBy: 'test' })]);
  expect(await tableState(hub)).toEqual(before);
  return error;
}

async function upload(kind: string, body: string, dryRun: boolean) {
  const res = await fetch(`${hub.url}/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${hub.adminKey}` },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('a write into an approved month', () => {
  it('members: add, change a category, leave — refused; a name change or a later date passes', async () => {
    const c = await club();
    const m = await given(orm).member(c, { joinedOn: '2022-05-01' });
    await refused('member/AddMember.graphql', { clubCode: c.code, fullName: 'Lê Thị Khóa', sex: 'FEMALE', birthYear: 1950, povertyStatus: 'POOR', joinedOn: LOCKED });
    // Poverty is a category the indicators split by: it claims the whole membership, from 2022.
    await refused('member/UpdateMember.graphql', { id: m.globalId, expectedVersion: 1, povertyStatus: 'POOR' });
    await refused('member/RecordMemberLeaving.graphql', { id: m.globalId, expectedVersion: 1, leftOn: LOCKED, reason: 'MOVED_AWAY' });
    // A name is read by no figure; a date after the approved month claims only later months.
    ok(await hub.operation('member/UpdateMember.graphql', { input: { id: m.globalId, expectedVersion: 1, fullName: 'Lê Thị Đổi Tên' } }));
    ok(await hub.operation('member/AddMember.graphql', { input: { clubCode: c.code, fullName: 'Lê Thị Sau', sex: 'FEMALE', birthYear: 1950, povertyStatus: 'POOR', joinedOn: AFTER } }));
  });

  it('clubs: create, refound, suspend, dissolve, move out of and into a locked month — refused', async () => {
    const c = await club();
    await refused('club/CreateClub.graphql', { code: 'LOCK-NEW-1', name: 'CLB mới', communePre2025: '18769', foundedOn: LOCKED, programme: 'DECISION_1336' });
    await refused('club/UpdateClub.graphql', { code: c.code, expectedVersion: 1, foundedOn: '2020-01-01' });
    await refused('club/SuspendClub.graphql', { code: c.code, expectedVersion: 1, suspendedOn: LOCKED });
    await refused('club/DissolveClub.graphql', { code: c.code, expectedVersion: 1, dissolvedOn: LOCKED });
    // Out of the locked commune in March 2024.
    await refused('club/MoveClub.graphql', { code: c.code, expectedVersion: 1, communePre2025: '18766', movedOn: LOCKED });
    // Into it: a club elsewhere moving into 18769 in March 2024.
    const elsewhere = await given(orm).club({ pre2025: '18766', foundedOn: '2021-01-10' });
    await refused('club/MoveClub.graphql', { code: elsewhere.code, expectedVersion: 1, communePre2025: '18769', movedOn: LOCKED });
    // After the approved month both pass, and the move is stored with its day.
    const moved = ok(await hub.operation('club/MoveClub.graphql', { input: { code: c.code, expectedVersion: 1, communePre2025: '18766', movedOn: AFTER } }));
    expect(moved.moveClub.club.communeBefore2025.code).toBe('18766');
    const [row] = await orm.em.getConnection().execute(`select placed_on::text from club where code = ?`, [c.code]);
    expect(row.placed_on).toBe(AFTER);
    errorOf(await hub.operation('club/MoveClub.graphql', { input: { code: c.code, expectedVersion: 2, communePre2025: '18769', movedOn: '2024-04-01' } }), 'BAD_USER_INPUT', 'input.movedOn');
  });

  it('meetings, funds, ledger entries, loans, repayments, trainees and awards — refused', async () => {
    const c = await club();
    const m = await given(orm).member(c, { joinedOn: '2022-05-01' });
    const fund = await given(orm).fund(c, { kind: FundKind.INCOME_GENERATION, openedOn: '2022-01-01' });
    const loan = await given(orm).loan(fund, m, { disbursedOn: '2023-01-01', dueOn: '2025-01-01', principal: 1_000_000n as never });
    const course = await given(orm).course({ startsOn: LOCKED, endsOn: LOCKED });
    await refused('club/RecordMeeting.graphql', { clubCode: c.code, heldOn: LOCKED, attendance: 10, activityAreas: [] });
    await refused('fund/OpenFund.graphql', { clubCode: c.code, kind: 'ACTIVITY', openedOn: LOCKED });
    await refused('fund/RecordFundTransaction.graphql', { fundId: fund.globalId, occurredOn: LOCKED, kind: 'CONTRIBUTION', amount: '50000', source: 'MEMBERS' });
    await refused('fund/DisburseLoan.graphql', { fundId: fund.globalId, borrowerId: m.globalId, principal: '100000', disbursedOn: LOCKED, dueOn: '2024-12-01', instalments: 6 });
    await refused('fund/RecordRepayment.graphql', { loanId: loan.globalId, amount: '10000', paidOn: LOCKED });
    await refused('training/AddTrainees.graphql', { courseId: course.globalId, memberIds: [m.globalId] });
    await refused('award/GrantAward.graphql', { kind: 'GIAY_KHEN', issuer: 'Hội NCT tỉnh', grantedOn: LOCKED, clubCode: c.code });
    await refused('award/GrantAward.graphql', { kind: 'GIAY_KHEN', issuer: 'Hội NCT tỉnh', grantedOn: LOCKED, memberId: m.globalId });
    ok(await hub.operation('club/RecordMeeting.graphql', { input: { clubCode: c.code, heldOn: AFTER, attendance: 10, activityAreas: [] } }));
    ok(await hub.operation('fund/RecordRepayment.graphql', { input: { loanId: loan.globalId, amount: '10000', paidOn: AFTER } }));
  });
});

describe('an import into an approved month', () => {
  it('members: the dry run names the locked rows, a real run writes nothing; the lock check is one statement', async () => {
    const c = await club();
    const HEADER = 'club_code,member_ref,full_name,sex,birth_year,poverty_status,joined_on';
    const rows = Array.from({ length: 40 }, (_, i) => `${c.code},L-${i},Người ${i},Nữ,1950,POOR,${i % 2 ? AFTER : LOCKED}`);
    const before = await tableState(hub);
    hub.sql.reset();
    const dry = await upload('members', csv(HEADER, ...rows), true);
    expect(dry.status).toBe(422);
    const locked = dry.body.problems.filter((p: any) => p.code === 'PERIOD_LOCKED');
    expect(locked.map((p: any) => p.row)).toEqual(Array.from({ length: 20 }, (_, i) => 2 + 2 * i));
    expect(locked[0].message).toMatch(/2024-03 of club .* is approved/);
    expect(hub.sql.statements.filter((s) => s.includes('club_place_history')).length).toBe(1);
    // Ten times the rows: still one statement.
    hub.sql.reset();
    const many = Array.from({ length: 400 }, (_, i) => `${c.code},L-${i},Người ${i},Nữ,1950,POOR,${LOCKED}`);
    expect((await upload('members', csv(HEADER, ...many), true)).body.problems).toHaveLength(400);
    expect(hub.sql.statements.filter((s) => s.includes('club_place_history')).length).toBe(1);
    const real = await upload('members', csv(HEADER, ...rows), false);
    expect(real.body.applied).toBe(false);
    expect(await tableState(hub)).toEqual(before);
    // Without the locked rows the file goes in.
    expect((await upload('members', csv(HEADER, ...rows.filter((_, i) => i % 2)), false)).body.applied).toBe(true);
  });

  it('fund transactions and clubs: locked rows by number, nothing written', async () => {
    const c = await club();
    await given(orm).fund(c, { kind: FundKind.ACTIVITY, openedOn: '2022-01-01' });
    const TX = 'club_code,fund_kind,transaction_ref,occurred_on,kind,amount,source';
    const txFile = csv(TX, `${c.code},ACTIVITY,R-1,${AFTER},CONTRIBUTION,1000,MEMBERS`, `${c.code},ACTIVITY,R-2,${LOCKED},CONTRIBUTION,1000,MEMBERS`);
    const before = await tableState(hub);
    const dry = await upload('fund-transactions', txFile, true);
    expect(dry.body.problems.map((p: any) => [p.row, p.code])).toEqual([[3, 'PERIOD_LOCKED']]);
    expect((await upload('fund-transactions', txFile, false)).body.applied).toBe(false);
    const CLUBS = 'code,name,commune_pre2025,founded_on,programme';
    const clubFile = csv(CLUBS, `${c.code},${c.name},18769,2020-06-01,DECISION_1336`, `${c.code}X,CLB khác,18766,2021-01-01,DECISION_1336`);
    const clubsDry = await upload('clubs', clubFile, true);
    expect(clubsDry.body.problems.map((p: any) => [p.row, p.code])).toEqual([[2, 'PERIOD_LOCKED']]);
    expect((await upload('clubs', clubFile, false)).body.applied).toBe(false);
    expect(await tableState(hub)).toEqual(before);
  });

  it('a change no figure reads (a ledger note) passes in an approved month; its amount does not', async () => {
    const c = await club();
    const fund = await given(orm).fund(c, { kind: FundKind.ACTIVITY, openedOn: '2022-01-01' });
    await given(orm).transaction(fund, { externalRef: 'R-OLD', occurredOn: LOCKED, amount: 1000n as never, source: 'MEMBERS' as never });
    const TX = 'club_code,fund_kind,transaction_ref,occurred_on,kind,amount,source,note';
    const amount = await upload('fund-transactions', csv(TX, `${c.code},ACTIVITY,R-OLD,${LOCKED},CONTRIBUTION,2000,MEMBERS,`), true);
    expect(amount.body.problems.map((p: any) => [p.row, p.code])).toEqual([[2, 'PERIOD_LOCKED']]);
    const note = await upload('fund-transactions', csv(TX, `${c.code},ACTIVITY,R-OLD,${LOCKED},CONTRIBUTION,1000,MEMBERS,Ghi chú`), false);
    expect(note.body).toMatchObject({ applied: true, updated: 1 });
  });
});

// Keep the entity import used for typing the builders.
void Club;
