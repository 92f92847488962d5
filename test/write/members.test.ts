import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { auditOf, DAK_LAK_PRE, errorOf, HA_TINH_PRE, ok, tableState } from './support';

let hub: TestHub;
let club: Club;
beforeAll(async () => {
  hub = await startTestHub();
  club = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-05-01' });
});
afterAll(async () => {
  await hub?.stop();
});

let n = 0;
const person = (fields: Record<string, unknown> = {}) => ({
  clubCode: club.code,
  fullName: `Nguyễn Thị Mới ${++n}`,
  sex: 'FEMALE',
  birthYear: 1956,
  povertyStatus: 'NEAR_POOR',
  joinedOn: '2024-03-01',
  ...fields,
});
const add = (input: Record<string, unknown>, key?: string) => hub.operation('member/AddMember.graphql', { input }, key);
const update = (input: Record<string, unknown>, key?: string) => hub.operation('member/UpdateMember.graphql', { input }, key);
const memberCount = async () => ok(await hub.graphql('{ province(structure: PRE_2025, code: "42") { memberCount } }')).province.memberCount as number;

describe('addMember', () => {
  it('adds a member, counted at once in the club and the province, with an audit entry', async () => {
    const before = await memberCount();
    const res = ok(await add(person({ fullName: ' Trần  Thị Bé '.normalize('NFD'), birthDate: '1956-02-03', ethnicity: ' Mường ', externalRef: 'HT-001' })));
    const member = res.addMember.member;
    expect(member).toMatchObject({ fullName: 'Trần Thị Bé', ethnicity: 'Mường', birthDate: '1956-02-03', externalRef: 'HT-001', version: 1, disability: false });
    expect(member.club.memberCount).toBeGreaterThan(0);
    expect(await memberCount()).toBe(before + 1);
    const [entry] = await auditOf(hub, member.id);
    expect(entry).toMatchObject({ operation: 'addMember', entityType: 'Member', before: null, after: { fullName: 'Trần Thị Bé', joinedOn: '2024-03-01' } });
  });

  it.each([
    ['input.joinedOn', { joinedOn: '2999-01-01' }, /future/],
    ['input.joinedOn', { joinedOn: '2015-04-30' }, /before the founding of the club/],
    ['input.birthYear', { birthYear: 1800 }, /1900/],
    ['input.birthDate', { birthDate: '1957-01-01' }, /not in the birth year/],
    ['input.fullName', { fullName: ' ' }, /required/],
    ['input.povertyYear', { povertyYear: 2999 }, /2000 to/],
    ['input.clubCode', { clubCode: 'NO-SUCH-CLUB' }, /No club has the code/],
  ])('refuses %s (%j), writing nothing', async (field, fields, message) => {
    const state = await tableState(hub);
    expect(errorOf(await add(person(fields)), 'BAD_USER_INPUT', field).message).toMatch(message);
    expect(await tableState(hub)).toEqual(state);
  });

  it('keeps one chair per club: refused, or the old chair made a board member with replaceChair', async () => {
    const g = given(hub.orm);
    const other = await g.club({ pre2025: '18769', post2025: '18775' });
    const chair = await g.member(other, { fullName: 'Phạm Thị Chủ Nhiệm', boardRole: 'CHAIR' as never });
    const refused = await add(person({ clubCode: other.code, boardRole: 'CHAIR' }));
    expect(errorOf(refused, 'BAD_USER_INPUT', 'input.boardRole').message).toMatch(/Phạm Thị Chủ Nhiệm is already the chair/);
    const res = ok(await add(person({ clubCode: other.code, boardRole: 'CHAIR', replaceChair: true })));
    expect(res.addMember.demotedChairs).toEqual([{ id: chair.globalId, fullName: 'Phạm Thị Chủ Nhiệm', boardRole: 'BOARD_MEMBER', version: 2 }]);
    const board = ok(await hub.graphql(`{ club(code: "${other.code}") { board { fullName boardRole } } }`)).club.board;
    expect(board.filter((m: any) => m.boardRole === 'CHAIR')).toHaveLength(1);
    expect((await auditOf(hub, chair.globalId))[0]).toMatchObject({ operation: 'addMember', before: { boardRole: 'CHAIR' }, after: { boardRole: 'BOARD_MEMBER' } });
  });

  it('keeps a person in one club at a time unless allowSecondClub says otherwise', async () => {
    const g = given(hub.orm);
    const neighbour = await g.club({ pre2025: '18769', post2025: '18775' });
    await g.member(neighbour, { fullName: 'Hồ Thị Sen', birthYear: 1949, sex: 'FEMALE' as never });
    const again = person({ fullName: 'hồ thị  sen', birthYear: 1949 });
    expect(errorOf(await add(again), 'BAD_USER_INPUT', 'input.fullName').message).toMatch(new RegExp(`member of club ${neighbour.code}`));
    ok(await add({ ...again, allowSecondClub: true }));
    // The same person twice in one club is never right.
    expect(errorOf(await add({ ...again, allowSecondClub: true }), 'BAD_USER_INPUT', 'input.fullName').message).toMatch(/already a current member of this club/);
    // Another commune: a different person as far as the hub can tell.
    const far = await g.club({ pre2025: '24166', post2025: '24121' });
    await g.member(far, { fullName: 'Lò Thị Hoa', birthYear: 1950 });
    ok(await add(person({ fullName: 'Lò Thị Hoa', birthYear: 1950 })));
  });

  it('refuses a member reference already used in the club', async () => {
    ok(await add(person({ externalRef: 'HT-777' })));
    errorOf(await add(person({ externalRef: 'HT-777' })), 'BAD_USER_INPUT', 'input.externalRef');
  });
});

describe('updateMember and recordMemberLeaving', () => {
  it('updates with the version read, and refuses a stale one', async () => {
    const { member } = ok(await add(person())).addMember;
    const res = ok(await update({ id: member.id, expectedVersion: 1, povertyStatus: 'NOT_POOR', homeCareVolunteer: true, birthDate: '1956-12-31' }));
    expect(res.updateMember.member).toMatchObject({ povertyStatus: 'NOT_POOR', homeCareVolunteer: true, birthDate: '1956-12-31', version: 2 });
    errorOf(await update({ id: member.id, expectedVersion: 1, povertyStatus: 'POOR' }), 'CONFLICT');
    const [entry] = await auditOf(hub, member.id);
    expect(entry.before).toMatchObject({ povertyStatus: 'NEAR_POOR', homeCareVolunteer: false, version: 1 });
    expect(entry.after).toMatchObject({ povertyStatus: 'NOT_POOR', homeCareVolunteer: true, version: 2 });
  });

  it('checks a change against the stored values it does not touch', async () => {
    const former = await given(hub.orm).member(club, { joinedOn: '2016-01-01', leftOn: '2020-01-01', leaveReason: 'HEALTH' as never, birthYear: 1950 });
    expect(errorOf(await update({ id: former.globalId, expectedVersion: 1, joinedOn: '2021-01-01' }), 'BAD_USER_INPUT', 'input.joinedOn').message).toMatch(/after the membership ended/);
    errorOf(await update({ id: former.globalId, expectedVersion: 1, birthDate: '1951-05-05' }), 'BAD_USER_INPUT', 'input.birthDate');
    ok(await update({ id: former.globalId, expectedVersion: 1, birthDate: '1950-05-05' }));
  });

  it('applies the chair rule to updates too', async () => {
    const g = given(hub.orm);
    const other = await g.club({ pre2025: '18769', post2025: '18775' });
    await g.member(other, { boardRole: 'CHAIR' as never });
    const vice = await g.member(other, { boardRole: 'VICE_CHAIR' as never });
    errorOf(await update({ id: vice.globalId, expectedVersion: 1, boardRole: 'CHAIR' }), 'BAD_USER_INPUT', 'input.boardRole');
    const res = ok(await update({ id: vice.globalId, expectedVersion: 1, boardRole: 'CHAIR', replaceChair: true }));
    expect(res.updateMember.member.boardRole).toBe('CHAIR');
    expect(res.updateMember.demotedChairs.map((m: any) => m.boardRole)).toEqual(['BOARD_MEMBER']);
  });

  it('records a leaving with date and reason; the count drops in the next request', async () => {
    const { member } = ok(await add(person({ joinedOn: '2020-01-01' }))).addMember;
    const before = await memberCount();
    const leave = (input: Record<string, unknown>) => hub.operation('member/RecordMemberLeaving.graphql', { input: { id: member.id, expectedVersion: 1, ...input } });
    errorOf(await leave({ leftOn: '2019-12-31', reason: 'HEALTH' }), 'BAD_USER_INPUT', 'input.leftOn');
    errorOf(await leave({ leftOn: '2999-01-01', reason: 'HEALTH' }), 'BAD_USER_INPUT', 'input.leftOn');
    errorOf(await leave({ leftOn: '2024-01-01', reason: 'CLUB_DISSOLVED' }), 'BAD_USER_INPUT', 'input.reason');
    const res = ok(await leave({ leftOn: '2024-01-01', reason: 'MOVED_AWAY' }));
    expect(res.recordMemberLeaving.member).toMatchObject({ leftOn: '2024-01-01', leaveReason: 'MOVED_AWAY', version: 2 });
    expect(await memberCount()).toBe(before - 1);
    errorOf(await hub.operation('member/RecordMemberLeaving.graphql', { input: { id: member.id, expectedVersion: 2, leftOn: '2024-02-01', reason: 'HEALTH' } }), 'BAD_USER_INPUT', 'input.id');
  });

  it('names a wrong id', async () => {
    errorOf(await update({ id: club.globalId, expectedVersion: 1, fullName: 'x' }), 'BAD_USER_INPUT', 'input.id');
  });
});

describe('who may write members', () => {
  it('an association of the area may; of another area, a partner or the ministry may not', async () => {
    const haTinh = await hub.key(Role.ASSOCIATION, HA_TINH_PRE);
    const { member } = ok(await add(person(), haTinh)).addMember;
    for (const key of [await hub.key(Role.ASSOCIATION, DAK_LAK_PRE), await hub.key(Role.PARTNER), await hub.key(Role.MINISTRY)]) {
      errorOf(await add(person(), key), 'FORBIDDEN');
    }
    for (const key of [await hub.key(Role.PARTNER), await hub.key(Role.MINISTRY)]) {
      errorOf(await update({ id: member.id, expectedVersion: 1, fullName: 'Tên khác' }, key), 'FORBIDDEN');
    }
    // Another area's association is told what it would be told of a missing member.
    const other = await update({ id: member.id, expectedVersion: 1, fullName: 'Tên khác' }, await hub.key(Role.ASSOCIATION, DAK_LAK_PRE));
    expect(errorOf(other, 'BAD_USER_INPUT', 'input.id').message).toBe(`No member has the id "${member.id}"`);
    const [entry] = await auditOf(hub, member.id, haTinh);
    expect(entry).toMatchObject({ role: 'ASSOCIATION', organisation: 'Test ASSOCIATION' });
    expect(entry.keyId).toEqual(expect.any(Number));
  });
});
