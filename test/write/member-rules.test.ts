import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/** A new person for a club: through addMember, or through a one-row member import; the outcome in common terms. */
type Person = { fullName: string; birthYear: number; boardRole?: 'CHAIR'; allowSecondClub?: boolean };
const FIELD_OF: Record<string, string> = { 'input.fullName': 'fullName', 'input.boardRole': 'boardRole', full_name: 'fullName', board_role: 'boardRole' };

async function byMutation(clubCode: string, p: Person): Promise<string> {
  const res = await hub.operation('member/AddMember.graphql', {
    input: { clubCode, fullName: p.fullName, sex: 'FEMALE', birthYear: p.birthYear, povertyStatus: 'POOR', joinedOn: '2023-01-05', boardRole: p.boardRole ?? null, allowSecondClub: p.allowSecondClub ?? false },
  });
  if (!res.errors) return 'written';
  expect(res.errors[0].extensions!.code).toBe('BAD_USER_INPUT');
  return `refused:${FIELD_OF[res.errors[0].extensions!.field as string]}`;
}

async function byImport(clubCode: string, p: Person): Promise<string> {
  const body = [
    'club_code,member_ref,full_name,sex,birth_year,poverty_status,joined_on,board_role,allow_second_club',
    `${clubCode},R-1,${p.fullName},FEMALE,${p.birthYear},POOR,2023-01-05,${p.boardRole ?? ''},${p.allowSecondClub ? 'true' : ''}`,
  ].join('\r\n');
  const res = await fetch(`${hub.url}/imports/members`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${hub.adminKey}` }, body });
  const report = (await res.json()) as any;
  if (report.applied) return 'written';
  expect(report.problems).toHaveLength(1);
  expect(report.problems[0]).toMatchObject({ row: 2, code: 'INVALID' });
  return `refused:${FIELD_OF[report.problems[0].column]}`;
}

/** A club with a chair, and a neighbouring club of the same commune with a current member. */
let worlds = 0;
async function world() {
  worlds += 1;
  const g = given(hub.orm);
  // Each world in a commune of its own, so what one case writes is no neighbour of the next.
  const [{ code }] = await hub.orm.em
    .fork()
    .getConnection()
    .execute(`select code from admin_unit where structure = 'PRE_2025' and level = 'COMMUNE' order by code offset ? limit 1`, [worlds]);
  const club = await g.club({ pre2025: code, foundedOn: '2020-01-01' });
  const neighbour = await g.club({ pre2025: code, foundedOn: '2020-01-01' });
  await g.member(club, { fullName: 'Chủ Nhiệm Đương Nhiệm', birthYear: 1950, boardRole: 'CHAIR' as never });
  // With a reference of its own: the import attaches a new reference only to an unreferenced member.
  await g.member(club, { fullName: 'Đã Là Thành Viên', birthYear: 1951, externalRef: 'OLD-1' });
  await g.member(neighbour, { fullName: 'Hàng Xóm Cùng Xã', birthYear: 1952 });
  return club.code;
}

describe('the membership rules, one home for the mutation and the import', () => {
  it.each<[string, Person, string]>([
    ['a second chair', { fullName: 'Chủ Nhiệm Mới', birthYear: 1960, boardRole: 'CHAIR' }, 'refused:boardRole'],
    ['the same person twice in one club (case and spaces aside)', { fullName: 'đã là  thành viên', birthYear: 1951 }, 'refused:fullName'],
    ['the same person twice in one club, even allowed a second club', { fullName: 'Đã Là Thành Viên', birthYear: 1951, allowSecondClub: true }, 'refused:fullName'],
    ['a member of a club of the same commune', { fullName: 'Hàng Xóm Cùng Xã', birthYear: 1952 }, 'refused:fullName'],
    ['a member of a club of the same commune, allowed a second club', { fullName: 'Hàng Xóm Cùng Xã', birthYear: 1952, allowSecondClub: true }, 'written'],
    ['another birth year: another person', { fullName: 'Hàng Xóm Cùng Xã', birthYear: 1953 }, 'written'],
  ])('%s: the same outcome by mutation and by import', async (_case, person, outcome) => {
    expect(await byMutation(await world(), person)).toBe(outcome);
    expect(await byImport(await world(), person)).toBe(outcome);
  });
});
