import { buildFixture, Fixture } from './fixture';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
let fx: Fixture;
beforeAll(async () => {
  hub = await startTestHub();
  fx = await buildFixture(hub);
});
afterAll(async () => {
  await hub?.stop();
});

const codes = (connection: { edges: Array<{ node: { code: string } }> }) => connection.edges.map((e) => e.node.code);

describe('club by code', () => {
  it('returns the club with communes in both structures, counts, board (chair first) and fund capital', async () => {
    const res = await hub.operation('club/ClubByCode.graphql', { code: 'HT-18769-01' });
    expect(res.errors).toBeUndefined();
    const club = res.data!.club;
    expect(club).toMatchObject({
      code: 'HT-18769-01',
      village: 'Thôn Hưng Phú',
      foundedOn: '2015-05-01',
      programme: 'NGO_PROJECT',
      memberCount: 6,
      olderMemberCount: 4,
      communeBefore2025: { code: '18769', district: { code: '447', fullName: 'Huyện Kỳ Anh' }, province: { code: '42' } },
      communeNow: { code: '18775', province: { code: '42' } },
    });
    expect(club.board.map((m: { boardRole: string }) => m.boardRole)).toEqual(['CHAIR', 'VICE_CHAIR', 'TREASURER', 'SECRETARY']);
    expect(club.funds).toEqual([
      { kind: 'ACTIVITY', openedOn: '2015-06-01', capital: '130000' },
      { kind: 'INCOME_GENERATION', openedOn: '2015-06-01', capital: '201500000' },
    ]);
  });
});

describe('counts on units', () => {
  it('counts clubs, members, older members and communes at or below a unit, today by default', async () => {
    const res = await hub.operation('admin-unit/UnitCounts.graphql', { structure: 'PRE_2025', code: '42' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.province).toEqual({ clubCount: 2, memberCount: 8, olderMemberCount: 5, communeCount: 209, communesWithClubCount: 1 });
    // The post-2025 club has no PRE_2025 commune; the dissolved club counts no more.
    expect(res.data!.nation).toEqual({ clubCount: 2, memberCount: 8, olderMemberCount: 5, communeCount: 10035, communesWithClubCount: 1 });
    const post = await hub.operation('admin-unit/UnitCounts.graphql', { structure: 'POST_2025', code: '66' });
    expect(post.data!.nation).toMatchObject({ clubCount: 3, memberCount: 9, olderMemberCount: 6, communeCount: 3321 });
    expect(post.data!.province).toMatchObject({ clubCount: 1, memberCount: 1, olderMemberCount: 1 });
  });

  it('counts as at a date: clubs not yet founded or already dissolved, memberships open that day, age that day', async () => {
    const before = await hub.operation('admin-unit/UnitCounts.graphql', { structure: 'PRE_2025', code: '42', asOf: '2023-12-30' });
    // Hưng Phú had 5 members that day (one joined in 2024, one had died); Phạm Thị Mai turns 60 on 31 Dec 2023.
    expect(before.data!.province).toEqual({ clubCount: 2, memberCount: 7, olderMemberCount: 3, communeCount: 209, communesWithClubCount: 1 });
    const birthday = await hub.operation('admin-unit/UnitCounts.graphql', { structure: 'PRE_2025', code: '42', asOf: '2023-12-31' });
    expect(birthday.data!.province.olderMemberCount).toBe(4);
    const dakLak = await hub.operation('admin-unit/UnitCounts.graphql', { structure: 'PRE_2025', code: '66', asOf: '2023-12-31' });
    expect(dakLak.data!.province).toMatchObject({ clubCount: 1, memberCount: 1, communesWithClubCount: 1 });
    const early = await hub.operation('admin-unit/UnitCounts.graphql', { structure: 'PRE_2025', code: '42', asOf: '2014-01-01' });
    expect(early.data!.province).toMatchObject({ clubCount: 0, memberCount: 0 });
  });

  it('agrees between the summary (today) and counting memberships at today', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const a = await hub.operation('admin-unit/ProvinceCounts.graphql', { structure: 'POST_2025' });
    const b = await hub.operation('admin-unit/ProvinceCounts.graphql', { structure: 'POST_2025', asOf: today });
    expect(a.data).toEqual(b.data);
  });

  it('counts per club at a date', async () => {
    const res = await hub.graphql(`{ club(code: "HT-18769-01") { now: memberCount then: memberCount(asOf: "2016-01-01") older: olderMemberCount(asOf: "2023-12-31") } }`);
    expect(res.data!.club).toEqual({ now: 6, then: 4, older: 3 });
  });
});

describe('club connections', () => {
  it('lists the clubs of the nation or under a unit of either structure, ordered by code', async () => {
    const all = await hub.operation('club/Clubs.graphql', {});
    expect(codes(all.data!.clubs)).toEqual(['DL-24166-01', 'HT-18769-01', 'HT-18769-02', 'N24121-01']);
    expect(all.data!.clubs.totalCount).toBe(4);
    const haTinh = await hub.operation('club/Clubs.graphql', { under: { structure: 'PRE_2025', code: '42' } });
    expect(codes(haTinh.data!.clubs)).toEqual(['HT-18769-01', 'HT-18769-02']);
    const commune = await hub.operation('club/CommuneClubs.graphql', { structure: 'POST_2025', code: '24121' });
    expect(codes(commune.data!.commune.clubs)).toEqual(['DL-24166-01', 'N24121-01']);
    expect(commune.data!.commune.clubCount).toBe(1);
  });

  it('pages forward and backward with cursors', async () => {
    const first = await hub.operation('club/Clubs.graphql', { first: 2 });
    expect(codes(first.data!.clubs)).toEqual(['DL-24166-01', 'HT-18769-01']);
    expect(first.data!.clubs.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await hub.operation('club/Clubs.graphql', { first: 2, after: first.data!.clubs.pageInfo.endCursor });
    expect(codes(second.data!.clubs)).toEqual(['HT-18769-02', 'N24121-01']);
    expect(second.data!.clubs.pageInfo.hasNextPage).toBe(false);

    const last = await hub.operation('club/Clubs.graphql', { last: 2 });
    expect(codes(last.data!.clubs)).toEqual(['HT-18769-02', 'N24121-01']);
    expect(last.data!.clubs.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const earlier = await hub.operation('club/Clubs.graphql', { last: 2, before: last.data!.clubs.pageInfo.startCursor });
    expect(codes(earlier.data!.clubs)).toEqual(['DL-24166-01', 'HT-18769-01']);
    expect(earlier.data!.clubs.pageInfo.hasPreviousPage).toBe(false);
  });

  it('filters by status, programme, founding dates and fund kind', async () => {
    const run = async (filter: object) => codes((await hub.operation('club/Clubs.graphql', { filter })).data!.clubs);
    expect(await run({ status: ['ACTIVE'] })).toEqual(['HT-18769-01', 'HT-18769-02', 'N24121-01']);
    expect(await run({ programme: ['DECISION_1336'] })).toEqual(['HT-18769-02']);
    expect(await run({ foundedFrom: '2019-01-01', foundedTo: '2021-12-31' })).toEqual(['DL-24166-01', 'HT-18769-02']);
    expect(await run({ hasFundKind: 'INCOME_GENERATION' })).toEqual(['HT-18769-01']);
    expect(await run({ hasFundKind: 'ACTIVITY', status: ['ACTIVE', 'SUSPENDED'] })).toEqual(['HT-18769-01', 'HT-18769-02']);
  });

  it('orders by name or founding date, both ways, and pages in that order', async () => {
    const byDate = await hub.operation('club/Clubs.graphql', { orderBy: { field: 'FOUNDED_ON' }, first: 3 });
    expect(codes(byDate.data!.clubs)).toEqual(['HT-18769-01', 'DL-24166-01', 'HT-18769-02']);
    const next = await hub.operation('club/Clubs.graphql', { orderBy: { field: 'FOUNDED_ON' }, first: 3, after: byDate.data!.clubs.pageInfo.endCursor });
    expect(codes(next.data!.clubs)).toEqual(['N24121-01']);
    const asc = codes((await hub.operation('club/Clubs.graphql', { orderBy: { field: 'NAME' } })).data!.clubs);
    const desc = codes((await hub.operation('club/Clubs.graphql', { orderBy: { field: 'NAME', direction: 'DESC' } })).data!.clubs);
    expect(desc).toEqual([...asc].reverse());
  });
});

describe('bad arguments', () => {
  it('refuses a page larger than 100 with BAD_USER_INPUT naming the argument, before any SQL', async () => {
    hub.sql.reset();
    const res = await hub.operation('club/Clubs.graphql', { first: 101 });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(hub.sql.count).toBe(0);
    expect(res.errors![0].message).toContain('at most 100');
    const nested = await hub.graphql('{ province(code: "42", structure: PRE_2025) { clubs { edges { node { members(last: 500) { totalCount } } } } } }');
    expect(nested.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'last' });
  });

  it('rejects first with last, a forged cursor, an unknown unit and inverted ranges', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ first: 2, last: 2 }, 'last'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ under: { structure: 'PRE_2025', code: '99' } }, 'under'],
      [{ filter: { foundedFrom: '2022-01-01', foundedTo: '2021-01-01' } }, 'filter'],
    ];
    for (const [variables, argument] of cases) {
      const res = await hub.operation('club/Clubs.graphql', variables);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const age = await hub.operation('member/Members.graphql', { filter: { ageMin: 70, ageMax: 60 } });
    expect(age.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });
  });

  it('answers null without an error for codes that do not exist', async () => {
    const res = await hub.graphql('{ club(code: "NOPE") { code } commune(code: "99999") { code } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ club: null, commune: null });
  });
});

describe('members', () => {
  const names = (res: { data?: { members: { edges: Array<{ node: { fullName: string } }> } } }) =>
    res.data!.members.edges.map((e) => e.node.fullName).sort();
  const haTinh = { structure: 'PRE_2025', code: '42' };

  it('lists current members under a unit, or those open at a date, or former ones too', async () => {
    const current = await hub.operation('member/Members.graphql', { under: haTinh });
    expect(current.data!.members.totalCount).toBe(8);
    const all = await hub.operation('member/Members.graphql', { under: haTinh, filter: { includeFormer: true } });
    expect(all.data!.members.totalCount).toBe(9);
    const then = await hub.operation('member/Members.graphql', { under: haTinh, filter: { activeAt: '2023-12-31' } });
    expect(then.data!.members.totalCount).toBe(7);
  });

  it('filters by sex, age at a date, poverty status and board role', async () => {
    expect(names(await hub.operation('member/Members.graphql', { under: haTinh, filter: { sex: 'MALE' } }))).toEqual(['Hoàng Văn Nam', 'Lê Văn Bình', 'Đỗ Văn Hùng'].sort());
    expect(names(await hub.operation('member/Members.graphql', { under: haTinh, filter: { ageMin: 60, ageAt: '2023-12-30' } }))).toEqual(
      ['Trần Thị Hoa', 'Nguyễn Thị Lan', 'Hoàng Văn Nam', 'Võ Thị Hạnh'].sort(),
    );
    expect(names(await hub.operation('member/Members.graphql', { under: haTinh, filter: { ageMax: 59 } }))).toEqual(['Lê Văn Bình', 'Đặng Thị Yến', 'Đỗ Văn Hùng'].sort());
    expect(names(await hub.operation('member/Members.graphql', { under: haTinh, filter: { povertyStatus: ['POOR'] } }))).toEqual(['Nguyễn Thị Lan', 'Hoàng Văn Nam'].sort());
    expect(names(await hub.operation('member/Members.graphql', { under: haTinh, filter: { boardRole: ['CHAIR'] } }))).toEqual(['Trần Thị Hoa', 'Võ Thị Hạnh'].sort());
  });

  it('navigates member → club, loans, trainings and awards', async () => {
    const res = await hub.operation('member/MemberDetail.graphql', { id: fx.members[3].globalId });
    expect(res.data!.node).toEqual({
      __typename: 'Member',
      fullName: 'Phạm Thị Mai',
      club: { code: 'HT-18769-01' },
      loans: [{ principal: '20000000', status: 'CURRENT', repaid: '8000000', outstanding: '12000000', fund: { kind: 'INCOME_GENERATION' } }],
      trainings: [],
      awards: [],
    });
    const chair = await hub.operation('member/MemberDetail.graphql', { id: fx.chair.globalId });
    expect(chair.data!.node.trainings).toEqual([{ title: 'Tập huấn quản lý quỹ', organiser: { fullName: 'Tỉnh Hà Tĩnh' } }]);
    expect(chair.data!.node.awards).toEqual([{ kind: 'GIAY_KHEN', issuer: 'UBND huyện Kỳ Anh' }]);
  });
});

describe('funds, meetings, training and awards', () => {
  it('reads a fund ledger and its loans, newest first, with capital at a date', async () => {
    const res = await hub.operation('fund/ClubFunds.graphql', { code: 'HT-18769-01', asOf: '2023-12-30' });
    const income = res.data!.club.funds.find((f: { kind: string }) => f.kind === 'INCOME_GENERATION');
    expect(income.capital).toBe('200000000');
    expect(income.transactions.totalCount).toBe(4);
    expect(income.transactions.edges.map((e: any) => e.node.occurredOn)).toEqual(['2023-12-31', '2023-09-01', '2023-03-01', '2015-06-01']);
    expect(income.loans.edges.map((e: any) => e.node)).toEqual([
      { principal: '5000000', status: 'REPAID', repaid: '0', outstanding: '5000000', borrower: { fullName: 'Hoàng Văn Nam' } },
      { principal: '20000000', status: 'CURRENT', repaid: '8000000', outstanding: '12000000', borrower: { fullName: 'Phạm Thị Mai' } },
    ]);
  });

  it('lists meetings within dates', async () => {
    const res = await hub.operation('club/ClubMeetings.graphql', { code: 'HT-18769-01', from: '2023-01-01', to: '2023-12-31' });
    expect(res.data!.club.meetings.totalCount).toBe(3);
    expect(res.data!.club.meetings.edges.map((e: any) => e.node.heldOn)).toEqual(['2023-04-10', '2023-02-10', '2023-01-10']);
  });

  it('lists training courses organised within a unit, with trainees', async () => {
    const haTinh = await hub.operation('training/TrainingCourses.graphql', { under: { structure: 'PRE_2025', code: '42' } });
    expect(haTinh.data!.trainingCourses.totalCount).toBe(1);
    expect(haTinh.data!.trainingCourses.edges[0].node).toMatchObject({
      title: 'Tập huấn quản lý quỹ',
      organiserLevel: 'PROVINCE',
      organiser: { code: '42', fullName: 'Tỉnh Hà Tĩnh' },
      trainees: { totalCount: 1, edges: [{ node: { fullName: 'Trần Thị Hoa', boardRole: 'CHAIR' } }] },
    });
    const all = await hub.operation('training/TrainingCourses.graphql', { filter: { startsFrom: '2022-01-01', startsTo: '2022-12-31' } });
    expect(all.data!.trainingCourses.edges.map((e: any) => e.node.title)).toEqual(['Tập huấn chăm sóc tại nhà']);
  });

  it('lists awards within a unit: to its clubs, their members and its associations', async () => {
    const kyAnh = await hub.operation('award/Awards.graphql', { under: { structure: 'PRE_2025', code: '447' } });
    expect(kyAnh.data!.awards.edges.map((e: any) => e.node.recipientKind)).toEqual(['CLUB', 'MEMBER', 'ASSOCIATION']);
    expect(kyAnh.data!.awards.edges[1].node.member).toEqual({ fullName: 'Trần Thị Hoa' });
    expect(kyAnh.data!.awards.edges[2].node.association).toEqual({ fullName: 'Huyện Kỳ Anh' });
    const bangKhen = await hub.operation('award/Awards.graphql', { filter: { kind: ['BANG_KHEN'] } });
    expect(bangKhen.data!.awards.edges).toEqual([
      { node: expect.objectContaining({ issuer: 'UBND tỉnh Hà Tĩnh', decisionNumber: '1234/QĐ-UBND', club: { code: 'HT-18769-01' } }) },
    ]);
  });
});

describe('search', () => {
  it('finds units without diacritics, ranked', async () => {
    for (const text of ['ha tinh', 'Ha Tinh', 'HÀ TĨNH', 'Hà Tĩnh']) {
      const res = await hub.operation('admin-unit/SearchUnits.graphql', { text, structure: 'PRE_2025', first: 5 });
      expect(res.data!.searchUnits[0]).toMatchObject({ __typename: 'Province', code: '42', fullName: 'Tỉnh Hà Tĩnh' });
    }
    const kyTien = await hub.operation('admin-unit/SearchUnits.graphql', { text: 'ky tien', structure: 'PRE_2025' });
    expect(kyTien.data!.searchUnits[0]).toMatchObject({ __typename: 'Commune', code: '18769', path: '42/447/18769' });
    const dak = await hub.operation('admin-unit/SearchUnits.graphql', { text: 'dak lak', structure: 'POST_2025', first: 1 });
    expect(dak.data!.searchUnits).toEqual([expect.objectContaining({ code: '66', fullName: 'Tỉnh Đắk Lắk' })]);
  });

  it('finds clubs without diacritics, ranked', async () => {
    for (const text of ['hung phu', 'HƯNG PHÚ', 'thon hung phu']) {
      const res = await hub.operation('club/SearchClubs.graphql', { text });
      expect(res.data!.searchClubs[0]).toMatchObject({ code: 'HT-18769-01', commune: { fullName: 'Xã Kỳ Tiến' } });
    }
    const none = await hub.operation('club/SearchClubs.graphql', { text: 'zzzz qqqq' });
    expect(none.data!.searchClubs).toEqual([]);
    const tooShort = await hub.operation('club/SearchClubs.graphql', { text: ' a ' });
    expect(tooShort.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
  });
});

describe('global ids', () => {
  it('round-trips every kind of object through node(id:)', async () => {
    const club = (await hub.operation('club/ClubByCode.graphql', { code: 'HT-18769-01' })).data!.club;
    const funds = (await hub.operation('fund/ClubFunds.graphql', { code: 'HT-18769-01' })).data!.club.funds;
    const meeting = (await hub.operation('club/ClubMeetings.graphql', { code: 'HT-18769-01', first: 1 })).data!.club.meetings.edges[0].node;
    const units = await hub.graphql('{ nation(structure: PRE_2025) { id } province(structure: PRE_2025, code: "42") { id } district(code: "447") { id } commune(code: "18775") { id } }');
    const ids: Array<[string, string]> = [
      [club.id, 'Club'],
      [fx.chair.globalId, 'Member'],
      [funds[0].id, 'Fund'],
      [fx.loan.globalId, 'Loan'],
      [meeting.id, 'Meeting'],
      [fx.course.globalId, 'TrainingCourse'],
      [units.data!.nation.id, 'Nation'],
      [units.data!.province.id, 'Province'],
      [units.data!.district.id, 'District'],
      [units.data!.commune.id, 'Commune'],
    ];
    for (const [id, type] of ids) {
      const res = await hub.operation('node/Node.graphql', { id });
      expect(res.errors).toBeUndefined();
      expect(res.data!.node).toMatchObject({ __typename: type, id });
    }
  });

  it('fetches many ids in order with one statement per type, null for ids that no longer exist', async () => {
    const gone = Buffer.from('Club:999999').toString('base64url');
    const ids = [fx.kyTien2.globalId, fx.chair.globalId, gone, fx.hungPhu.globalId, fx.members[1].globalId, fx.newClub.globalId];
    hub.sql.reset();
    const res = await hub.operation('node/Nodes.graphql', { ids });
    expect(res.data!.nodes.map((n: any) => n && (n.code ?? n.memberName))).toEqual(['HT-18769-02', 'Trần Thị Hoa', null, 'HT-18769-01', 'Lê Văn Bình', 'N24121-01']);
    expect(hub.sql.count).toBe(2);
  });

  it('rejects ids it never issued', async () => {
    for (const id of ['garbage', Buffer.from('Spaceship:1').toString('base64url'), Buffer.from('Club:abc').toString('base64url')]) {
      const res = await hub.operation('node/Node.graphql', { id });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    }
  });
});
