import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { errorOf, ok } from '../write/support';

/**
 * Association keys scoped in one structure reach the clubs of their area that have a commune only in the other.
 * The places, from the official 2025 crosswalk (Hà Tĩnh, PRE_2025 province 42, kept its borders as POST_2025 42):
 * - POST 18775 Kỳ Anh came wholly from old district 447 (Kỳ Anh), among others from old commune 18769 Kỳ Tiến;
 * - POST 18754 Sông Trí was merged from communes of old districts 447 (18811 Kỳ Châu) and 449;
 * - old 18796 Kỳ Lợi (district 449) was split into Sông Trí, Vũng Áng (18823) and Hoành Sơn;
 * - old 18835 Kỳ Long went wholly into Vũng Áng;
 * - Nghệ An next door: old 16663 went wholly into POST 16681 Thành Vinh.
 */
let hub: TestHub;
const keys: Record<string, string> = {};
const clubs: Record<string, Club> = {};
beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  const founded = { foundedOn: '2025-09-01', programme: 'DECISION_1648' as never };
  Object.assign(clubs, {
    newKyAnh: await g.club({ post2025: '18775', ...founded }),
    newSongTri: await g.club({ post2025: '18754', ...founded }),
    kyChau: await g.club({ pre2025: '18811', post2025: '18754' }),
    // Clubs recorded with their old commune only (a register kept before the reform).
    oldKyTien: await g.club({ pre2025: '18769' }),
    oldKyLoi: await g.club({ pre2025: '18796' }),
    oldKyLong: await g.club({ pre2025: '18835' }),
    newVinh: await g.club({ post2025: '16681', ...founded }),
    oldVinh: await g.club({ pre2025: '16663' }),
  });
  for (const club of Object.values(clubs)) await g.member(club, { joinedOn: club.foundedOn });
  const association = (structure: string, code: string) => hub.key(Role.ASSOCIATION, { structure: structure as never, code });
  Object.assign(keys, {
    haTinhPre: await association('PRE_2025', '42'),
    kyAnhPre: await association('PRE_2025', '447'),
    haTinhPost: await association('POST_2025', '42'),
    vungAngPost: await association('POST_2025', '18823'),
  });
});
afterAll(async () => {
  await hub?.stop();
});

const codesOf = (connection: any): string[] => connection.edges.map((e: any) => e.node.code).sort();
const expectCodes = (names: string[]) => names.map((name) => clubs[name].code).sort();
const readClub = (name: string, key: string) => hub.graphql<any>(`{ club(code: "${clubs[name].code}") { code members { totalCount } } }`, {}, key);
const listClubs = async (key: string, variables: Record<string, unknown> = {}) => codesOf(ok(await hub.operation('club/Clubs.graphql', { first: 50, ...variables }, key)).clubs);
const version = async (name: string) => ok(await hub.graphql<any>(`{ club(code: "${clubs[name].code}") { version } }`)).club.version;
const updateClub = async (name: string, key: string) =>
  hub.operation('club/UpdateClub.graphql', { input: { code: clubs[name].code, expectedVersion: await version(name), village: 'Thôn Mới' } }, key);
let added = 0;
const addMember = (name: string, key: string) =>
  hub.operation(
    'member/AddMember.graphql',
    { input: { clubCode: clubs[name].code, fullName: `Nguyễn Thị Sau Sáp Nhập ${++added}`, sex: 'FEMALE', birthYear: 1958, povertyStatus: 'NOT_POOR', joinedOn: '2025-10-01' } },
    key,
  );

/** Every way in: the club itself, its members, and both writes; all allowed or all FORBIDDEN. */
async function expectReach(name: string, key: string, reached: boolean): Promise<void> {
  const attempts = [await readClub(name, key), await updateClub(name, key), await addMember(name, key)];
  for (const res of attempts) {
    if (reached) ok(res);
    else errorOf(res, 'FORBIDDEN');
  }
}

describe('a key scoped to a PRE_2025 unit', () => {
  it('reads, writes and lists a club founded after the reform in its area (only a POST_2025 commune)', async () => {
    await expectReach('newKyAnh', keys.haTinhPre, true);
    await expectReach('newKyAnh', keys.kyAnhPre, true);
    expect(await listClubs(keys.haTinhPre)).toEqual(expectCodes(['newKyAnh', 'newSongTri', 'kyChau', 'oldKyTien', 'oldKyLoi', 'oldKyLong']));
    const members = ok(await hub.operation('member/Members.graphql', { first: 50 }, keys.kyAnhPre)).members;
    expect(members.edges.map((e: any) => e.node.club.code)).toContain(clubs.newKyAnh.code);
    // Its own area seen as POST_2025 units: Hà Tĩnh kept its borders, so POST 42 lies inside PRE 42.
    expect(await listClubs(keys.haTinhPre, { under: { structure: 'POST_2025', code: '42' } })).toEqual(
      expectCodes(['newKyAnh', 'newSongTri', 'kyChau', 'oldKyTien', 'oldKyLoi', 'oldKyLong']),
    );
  });

  it('finds the audit entries and imports the members of such a club', async () => {
    const entries = ok(await hub.operation('audit/AuditLog.graphql', { entityType: 'Member', first: 100 }, keys.kyAnhPre)).auditLog.edges;
    expect(entries.some((e: any) => e.node.operation === 'addMember' && e.node.units.includes('POST_2025:18775'))).toBe(true);
    const file = `club_code,member_ref,full_name,sex,birth_year,poverty_status,joined_on\r\n${clubs.newKyAnh.code},SN-1,Lê Thị Nhập,Nữ,1957,NOT_POOR,2025-11-01\r\n`;
    const res = await fetch(`${hub.url}/imports/members`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${keys.kyAnhPre}` }, body: file });
    expect(await res.json()).toMatchObject({ applied: true, created: 1, problems: [] });
  });

  it('does not reach a new commune merged partly from outside its area, unless the club’s own old commune is inside', async () => {
    // Sông Trí came from old districts 447 and 449: a club founded there after the reform is not Kỳ Anh's (447)…
    await expectReach('newSongTri', keys.kyAnhPre, false);
    // …but it lies wholly inside the province, and a club whose old commune (Kỳ Châu) was in 447 stays 447's.
    await expectReach('newSongTri', keys.haTinhPre, true);
    await expectReach('kyChau', keys.kyAnhPre, true);
    expect(await listClubs(keys.kyAnhPre)).toEqual(expectCodes(['newKyAnh', 'kyChau', 'oldKyTien']));
  });

  it('does not reach the clubs of a neighbouring province in either structure', async () => {
    await expectReach('newVinh', keys.haTinhPre, false);
    await expectReach('oldVinh', keys.haTinhPre, false);
    // Writing about a unit: inside the area in the other structure, yes; next door, no.
    const course = (code: string) =>
      hub.operation(
        'training/CreateTrainingCourse.graphql',
        { input: { title: 'Tập huấn Ban chủ nhiệm', organiser: { structure: 'POST_2025', code }, startsOn: '2025-10-01', endsOn: '2025-10-02' } },
        keys.kyAnhPre,
      );
    ok(await course('18775'));
    errorOf(await course('18754'), 'FORBIDDEN');
    errorOf(await course('16681'), 'FORBIDDEN');
    const listed = ok(await hub.graphql<any>('{ trainingCourses(first: 50) { edges { node { organiser { structure code } } } } }', {}, keys.kyAnhPre));
    expect(listed.trainingCourses.edges.map((e: any) => e.node.organiser)).toEqual([{ structure: 'POST_2025', code: '18775' }]);
  });
});

describe('a key scoped to a POST_2025 unit', () => {
  it('reads, writes and lists a pre-reform club with only a PRE_2025 commune in its area', async () => {
    await expectReach('oldKyTien', keys.haTinhPost, true);
    await expectReach('oldKyLoi', keys.haTinhPost, true);
    expect(await listClubs(keys.haTinhPost)).toEqual(expectCodes(['newKyAnh', 'newSongTri', 'kyChau', 'oldKyTien', 'oldKyLoi', 'oldKyLong']));
    await expectReach('oldVinh', keys.haTinhPost, false);
    await expectReach('newVinh', keys.haTinhPost, false);
  });

  it('reaches an old commune that went wholly into its area, not one split with its neighbours', async () => {
    await expectReach('oldKyLong', keys.vungAngPost, true);
    await expectReach('oldKyLoi', keys.vungAngPost, false);
    expect(await listClubs(keys.vungAngPost)).toEqual(expectCodes(['oldKyLong']));
    const search = ok(await hub.graphql<any>('{ searchClubs(text: "liên thế hệ", first: 50) { code } }', {}, keys.vungAngPost)).searchClubs;
    expect(search.map((c: any) => c.code)).toEqual(expectCodes(['oldKyLong']));
  });
});
