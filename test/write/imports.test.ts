import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { auditOf, DAK_LAK_PRE, HA_TINH_PRE, ok, tableState } from './support';

let hub: TestHub;
let haTinh: string;
beforeAll(async () => {
  hub = await startTestHub();
  haTinh = await hub.key(Role.ASSOCIATION, HA_TINH_PRE);
});
afterAll(async () => {
  await hub?.stop();
});

interface Upload {
  status: number;
  body: any;
}

async function upload(kind: string, file: string | Buffer, opts: { key?: string | null; dryRun?: boolean; type?: string } = {}): Promise<Upload> {
  const key = opts.key === undefined ? hub.adminKey : opts.key;
  const res = await fetch(`${hub.url}/imports/${kind}${opts.dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': opts.type ?? 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: file,
  });
  return { status: res.status, body: await res.json() };
}

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const CLUB_HEADER = 'code,name,village,commune_pre2025,commune_post2025,founded_on,programme,meeting_day';
const problemsOf = (body: any) => body.problems.map((p: any) => [p.row, p.column, p.code]);

describe('POST /imports/clubs', () => {
  const file = csv(
    CLUB_HEADER,
    'IMP-C-1,CLB Liên thế hệ thôn Đông,Thôn Đông,18769,,2021-03-15,DECISION_1336,10',
    'IMP-C-2,"CLB Liên thế hệ ""Hướng Dương""",,18766,,15/06/2022,decision_1336,',
    'IMP-C-3,CLB Liên thế hệ tổ dân phố 5,,,18775,2025-09-01,DECISION_1648,5',
  );

  it('creates the clubs of a file in one go, with an audit entry each; the same file again changes nothing', async () => {
    const before = ok(await hub.graphql('{ province(structure: POST_2025, code: "42") { clubCount } }')).province.clubCount;
    const first = await upload('clubs', `\ufeff${file}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'clubs', applied: true, rows: 3, created: 3, updated: 0, unchanged: 0, auditEntries: 3, problems: [] });
    expect(ok(await hub.graphql('{ province(structure: POST_2025, code: "42") { clubCount } }')).province.clubCount).toBe(before + 3);
    const club = ok(await hub.graphql('{ club(code: "IMP-C-2") { id name foundedOn village communeNow: commune { code } } }')).club;
    expect(club).toMatchObject({ name: 'CLB Liên thế hệ "Hướng Dương"', foundedOn: '2022-06-15', village: null, communeNow: { code: '18766' } });
    expect((await auditOf(hub, club.id))[0]).toMatchObject({ operation: 'import:clubs', before: null, requestId: first.body.requestId });

    const state = await tableState(hub);
    const again = await upload('clubs', file);
    expect(again.body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3, auditEntries: 0 });
    expect(await tableState(hub)).toEqual(state);
  });

  it('updates what changed, with before and after in the audit log', async () => {
    await upload('clubs', file);
    const changed = await upload('clubs', file.replace('Thôn Đông,18769', 'Thôn Đông Bắc,18769'));
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const club = ok(await hub.graphql('{ club(code: "IMP-C-1") { id village version } }')).club;
    expect(club).toMatchObject({ village: 'Thôn Đông Bắc', version: 2 });
    expect((await auditOf(hub, club.id))[0]).toMatchObject({ operation: 'import:clubs', before: { village: 'Thôn Đông' }, after: { village: 'Thôn Đông Bắc' } });
  });

  it('checks a dry run without writing', async () => {
    const state = await tableState(hub);
    const dry = await upload('clubs', csv(CLUB_HEADER, 'IMP-DRY-1,CLB thử,,18769,,2021-01-01,DECISION_1336,'), { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, created: 1, problems: [] });
    expect(await tableState(hub)).toEqual(state);
  });

  it('reports every problem by row and column, and writes nothing', async () => {
    const state = await tableState(hub);
    const bad = await upload(
      'clubs',
      csv(
        CLUB_HEADER,
        'IMP-OK-1,CLB tốt,,18769,,2021-01-01,DECISION_1336,',
        'IMP-BAD-1,,,18769,,2021-01-01,DECISION_1336,',
        'IMP-BAD-2,CLB,,00007,,2021-01-01,DECISION_1336,40',
        'IMP-BAD-3,CLB,,18769,,31/02/2021,NOPE,',
        '',
        'IMP-OK-1,CLB lặp,,18769,,2021-01-01,DECISION_1336,',
        'IMP-BAD-4,CLB,,18769,,2999-01-01,DECISION_1336,',
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.applied).toBe(false);
    expect(problemsOf(bad.body)).toEqual([
      [3, 'name', 'INVALID'],
      [4, 'meeting_day', 'INVALID'],
      [4, 'commune_post2025', 'INVALID'],
      [5, 'founded_on', 'INVALID'],
      [5, 'programme', 'INVALID'],
      [7, 'code', 'INVALID'],
      [8, 'founded_on', 'INVALID'],
      [8, 'commune_pre2025', 'INVALID'],
    ]);
    expect(bad.body.problems[3].message).toMatch(/"31\/02\/2021" is not a date/);
    expect(bad.body.problems[5].message).toMatch(/also on row 2/);
    expect(await tableState(hub)).toEqual(state);
  });

  it('reports unknown and missing columns on row 1', async () => {
    const res = await upload('clubs', csv('code,name,vilage,founded_on,commune_pre2025', 'X-1,CLB,Thôn 1,2021-01-01,18769'));
    expect(res.status).toBe(422);
    expect(problemsOf(res.body)).toEqual([
      [1, 'vilage', 'INVALID'],
      [1, 'programme', 'INVALID'],
    ]);
    expect(res.body.problems[0].message).toMatch(/Unknown column "vilage"/);
  });
});

describe('encodings and limits', () => {
  it('refuses UTF-16 and other encodings with a clear message', async () => {
    const utf16 = await upload('clubs', Buffer.from(`\ufeff${CLUB_HEADER}\r\n`, 'utf16le'));
    expect(utf16).toMatchObject({ status: 400, body: { error: { code: 'UNSUPPORTED_ENCODING' } } });
    expect(utf16.body.error.message).toMatch(/UTF-16.*CSV UTF-8/);
    // "Thôn" in Windows-1258: ô is 0xF4, a lone byte that UTF-8 never has.
    const cp1258 = Buffer.concat([Buffer.from(`${CLUB_HEADER}\r\nX-1,CLB,Th`), Buffer.from([0xf4]), Buffer.from('n,18769,,2021-01-01,DECISION_1336,\r\n')]);
    const legacy = await upload('clubs', cp1258);
    expect(legacy.status).toBe(400);
    expect(legacy.body.error.message).toMatch(/not UTF-8.*line 2/);
    expect((await upload('clubs', 'x', { type: 'text/csv; charset=windows-1258' })).status).toBe(400);
  });

  it('refuses a file over 5 MB (413), over 20,000 rows (400), or not sent as CSV (415)', async () => {
    const big = await upload('clubs', Buffer.alloc(5 * 1024 * 1024 + 1, 'a'));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'FILE_TOO_LARGE' } } });
    const many = await upload('clubs', `${CLUB_HEADER}\n${'X,,,,,,,\n'.repeat(20_001)}`);
    expect(many).toMatchObject({ status: 400, body: { error: { code: 'TOO_MANY_ROWS' } } });
    expect((await upload('clubs', 'a', { type: 'application/json' })).status).toBe(415);
    expect((await upload('nothing', 'a')).status).toBe(404);
  });
});

describe('who may import', () => {
  it('refuses callers without a key (401) or without the right (403)', async () => {
    const file = csv(CLUB_HEADER, 'IMP-A-1,CLB,,18769,,2021-01-01,DECISION_1336,');
    expect((await upload('clubs', file, { key: null })).status).toBe(401);
    expect((await upload('clubs', file, { key: await hub.key(Role.PARTNER) })).status).toBe(403);
    expect((await upload('clubs', file, { key: await hub.key(Role.MINISTRY) })).status).toBe(403);
  });

  it('reports the rows outside an association\'s area (403) and writes none of the file', async () => {
    const state = await tableState(hub);
    const res = await upload('clubs', csv(CLUB_HEADER, 'IMP-HT-1,CLB,,18769,,2021-01-01,DECISION_1336,', 'IMP-DL-1,CLB,,24166,24121,2021-01-01,DECISION_1336,'), { key: haTinh });
    expect(res.status).toBe(403);
    expect(problemsOf(res.body)).toEqual([[3, 'commune_pre2025', 'FORBIDDEN']]);
    expect(await tableState(hub)).toEqual(state);
    expect((await upload('clubs', csv(CLUB_HEADER, 'IMP-HT-1,CLB,,18769,,2021-01-01,DECISION_1336,'), { key: haTinh })).status).toBe(200);
    const other = await hub.key(Role.ASSOCIATION, DAK_LAK_PRE);
    expect(problemsOf((await upload('clubs', csv(CLUB_HEADER, 'IMP-HT-1,CLB đổi tên,,18769,,2021-01-01,DECISION_1336,'), { key: other })).body)).toEqual([[2, 'code', 'FORBIDDEN']]);
  });
});

describe('POST /imports/members', () => {
  let club: Club;
  const HEADER = 'club_code,member_ref,full_name,sex,birth_year,birth_date,poverty_status,joined_on,left_on,leave_reason,board_role,home_care_volunteer';
  beforeAll(async () => {
    club = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-01-01' });
  });

  it('creates, then updates by member_ref; the same file twice changes nothing; counts follow', async () => {
    const count = async () => ok(await hub.graphql(`{ club(code: "${club.code}") { memberCount } }`)).club.memberCount;
    const file = csv(
      HEADER,
      `${club.code},M-1,Trần Thị Hoa,Nữ,1950,02/03/1950,cận nghèo,2015-05-01,,,CHAIR,có`,
      `${club.code},M-2,Lê Văn Bình,MALE,1980,,NOT_POOR,2015-05-01,,,TREASURER,`,
      `${club.code},M-3,Bùi Văn Cường,Nam,1940,,POOR,2015-05-01,2022-08-15,DECEASED,,`,
    );
    expect((await upload('members', file)).body).toMatchObject({ applied: true, created: 3 });
    expect(await count()).toBe(2);
    const state = await tableState(hub);
    expect((await upload('members', file)).body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3 });
    expect(await tableState(hub)).toEqual(state);
    const left = await upload('members', file.replace('TREASURER,', 'TREASURER,').replace(',1980,,NOT_POOR,2015-05-01,,,', ',1980,,NOT_POOR,2015-05-01,2024-01-01,MOVED_AWAY,'));
    expect(left.body).toMatchObject({ updated: 1, unchanged: 2 });
    expect(await count()).toBe(1);
    const members = ok(await hub.graphql(`{ club(code: "${club.code}") { members(filter: { includeFormer: true }) { edges { node { externalRef fullName sex povertyStatus birthDate boardRole homeCareVolunteer leftOn } } } } }`)).club.members.edges.map((e: any) => e.node);
    expect(members.find((m: any) => m.externalRef === 'M-1')).toMatchObject({ sex: 'FEMALE', povertyStatus: 'NEAR_POOR', birthDate: '1950-03-02', boardRole: 'CHAIR', homeCareVolunteer: true });
    expect(members.find((m: any) => m.externalRef === 'M-2')).toMatchObject({ leftOn: '2024-01-01' });
    // Columns left out keep the stored values: the chair stays chair, the former members former.
    const partial = await upload('members', csv('club_code,member_ref,full_name,sex,birth_year,poverty_status,joined_on', `${club.code},M-1,Trần Thị Hoa,Nữ,1950,POOR,2015-05-01`, `${club.code},M-3,Bùi Văn Cường,Nam,1940,POOR,2015-05-01`));
    expect(partial.body).toMatchObject({ applied: true, updated: 1, unchanged: 1 });
    expect(await count()).toBe(1);
    expect(ok(await hub.graphql(`{ club(code: "${club.code}") { board { externalRef boardRole povertyStatus } } }`)).club.board).toEqual([{ externalRef: 'M-1', boardRole: 'CHAIR', povertyStatus: 'POOR' }]);
  });

  it('attaches a new reference to the one unreferenced member who is the same person, instead of adding them twice', async () => {
    const other = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-01-01' });
    const existing = await given(hub.orm).member(other, { fullName: 'Phạm Thị Mai', birthYear: 1963, joinedOn: '2018-07-01' });
    const res = await upload('members', csv(HEADER, `${other.code},X-9,Phạm Thị Mai,FEMALE,1963,,NOT_POOR,2018-07-01,,,,`));
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    const [entry] = await auditOf(hub, existing.globalId);
    expect(entry).toMatchObject({ operation: 'import:members', before: { externalRef: null }, after: { externalRef: 'X-9' } });
  });

  it('checks the chair and one-club rules on the state the whole file leads to', async () => {
    const g = given(hub.orm);
    const other = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-01-01' });
    await g.member(other, { fullName: 'Chủ nhiệm Cũ', boardRole: 'CHAIR' as never, externalRef: 'OLD' });
    const twoChairs = await upload('members', csv(HEADER, `${other.code},N-1,Võ Thị Hạnh,FEMALE,1952,,POOR,2021-03-15,,,CHAIR,`));
    expect(problemsOf(twoChairs.body)).toEqual([[2, 'board_role', 'INVALID']]);
    expect(twoChairs.body.problems[0].message).toMatch(/2 chairs: row 2, Chủ nhiệm Cũ \(OLD\), not in this file/);
    // Handing over the chair in the same file is fine.
    const handOver = await upload('members', csv(HEADER, `${other.code},N-1,Võ Thị Hạnh,FEMALE,1952,,POOR,2021-03-15,,,CHAIR,`, `${other.code},OLD,Chủ nhiệm Cũ,FEMALE,1955,,NOT_POOR,2021-04-01,,,BOARD_MEMBER,`));
    expect(handOver.body).toMatchObject({ applied: true, created: 1, updated: 1 });
    // The same person in a neighbouring club of the commune.
    const second = await upload('members', csv(HEADER, `${club.code},Z-1,võ thị hạnh,FEMALE,1952,,POOR,2022-01-01,,,,`));
    expect(problemsOf(second.body)).toEqual([[2, 'full_name', 'INVALID']]);
    expect(second.body.problems[0].message).toMatch(new RegExp(`club ${other.code} in the same commune`));
  });

  it('gives a complete report for a file of good and bad rows, and writes nothing', async () => {
    const state = await tableState(hub);
    const res = await upload(
      'members',
      csv(
        HEADER,
        `${club.code},G-1,Người Tốt,FEMALE,1950,,POOR,2020-01-01,,,,`,
        `NO-SUCH-CLUB,G-2,Người Hai,FEMALE,1950,,POOR,2020-01-01,,,,`,
        `${club.code},G-3,Người Ba,X,1950,,POOR,2999-01-01,,,,`,
        `${club.code},G-4,Người Bốn,FEMALE,1950,1951-01-01,POOR,2014-12-31,,,,`,
        `${club.code},G-5,Người Năm,FEMALE,1950,,POOR,2020-01-01,2019-01-01,,,maybe`,
        `${club.code},G-1,Người Sáu,FEMALE,1950,,POOR,2020-01-01,,,,`,
      ),
    );
    expect(res.status).toBe(422);
    expect(problemsOf(res.body)).toEqual([
      [3, 'club_code', 'INVALID'],
      [4, 'sex', 'INVALID'],
      [4, 'joined_on', 'INVALID'],
      [5, 'birth_date', 'INVALID'],
      [5, 'joined_on', 'INVALID'],
      [6, 'home_care_volunteer', 'INVALID'],
      [6, 'left_on', 'INVALID'],
      [6, 'leave_reason', 'INVALID'],
      [7, 'member_ref', 'INVALID'],
    ]);
    expect(await tableState(hub)).toEqual(state);
  });
});

describe('POST /imports/fund-transactions', () => {
  it('records a ledger by transaction_ref; again: nothing; a corrected amount: one update', async () => {
    const g = given(hub.orm);
    const club = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-01-01' });
    await g.member(club, { externalRef: 'M-7' });
    await g.fund(club, { kind: 'ACTIVITY' as never, openedOn: '2016-01-01' });
    const HEADER = 'club_code,fund_kind,transaction_ref,occurred_on,kind,amount,source,member_ref,note';
    const file = csv(
      HEADER,
      `${club.code},ACTIVITY,T-1,2024-01-05,MEMBER_FEE,"1.500.000",MEMBERS,M-7,Phí quý 1`,
      `${club.code},ACTIVITY,T-2,2024-02-05,EXPENSE,50000,,,Văn nghệ`,
    );
    expect((await upload('fund-transactions', file)).body).toMatchObject({ applied: true, created: 2 });
    const state = await tableState(hub);
    expect((await upload('fund-transactions', file)).body).toMatchObject({ unchanged: 2, auditEntries: 0 });
    expect(await tableState(hub)).toEqual(state);
    expect((await upload('fund-transactions', file.replace('50000', '60000'))).body).toMatchObject({ updated: 1, unchanged: 1 });
    const funds = ok(await hub.graphql(`{ club(code: "${club.code}") { funds { capital transactions { edges { node { externalRef amount } } } } } }`)).club.funds;
    expect(funds[0].capital).toBe('1440000');

    const bad = await upload(
      'fund-transactions',
      csv(HEADER, `${club.code},INCOME_GENERATION,T-3,2024-01-05,CONTRIBUTION,100,,,`, `${club.code},ACTIVITY,T-4,2024-01-05,REPAYMENT,1.5,,M-404,`),
    );
    expect(problemsOf(bad.body)).toEqual([
      [2, 'fund_kind', 'INVALID'],
      [3, 'amount', 'INVALID'],
      [3, 'member_ref', 'INVALID'],
    ]);
  });
});

describe('the README examples', () => {
  it('import as documented', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Writing data'));
    const [clubs, members, transactions] = [...section.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect((await upload('clubs', clubs)).body).toMatchObject({ applied: true, created: 3, problems: [] });
    expect((await upload('members', members)).body).toMatchObject({ applied: true, created: 3, problems: [] });
    const club = await hub.orm.em.fork().findOneOrFail(Club, { code: 'HT-18769-05' });
    await given(hub.orm).fund(club, { kind: 'ACTIVITY' as never, openedOn: '2021-04-01' });
    await given(hub.orm).fund(club, { kind: 'INCOME_GENERATION' as never, openedOn: '2021-04-01' });
    expect((await upload('fund-transactions', transactions, { dryRun: true })).body).toMatchObject({ applied: false, created: 3, problems: [] });
    expect((await upload('fund-transactions', transactions)).body).toMatchObject({ applied: true, created: 3, problems: [] });
  });
});
