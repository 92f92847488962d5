import { revokeApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { buildFixture, Fixture } from '../api/fixture';
import { GraphQLObjectType } from 'graphql';
import { buildHubSchema } from '../../src/graphql/schema';
import { Fund } from '../../src/modules/fund/fund.entity';
import { FundKind, TransactionKind } from '../../src/modules/fund/fund.enums';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
let fx: Fixture;
let partner: string;
let ministry: string;
let haTinh: string;
let haTinhPost: string;
beforeAll(async () => {
  hub = await startTestHub();
  fx = await buildFixture(hub);
  partner = await hub.key(Role.PARTNER);
  ministry = await hub.key(Role.MINISTRY);
  haTinh = await hub.key(Role.ASSOCIATION, { structure: 'PRE_2025' as never, code: '42' });
  haTinhPost = await hub.key(Role.ASSOCIATION, { structure: 'POST_2025' as never, code: '42' });
});
afterAll(async () => {
  await hub?.stop();
});

const prefixOf = (key: string) => key.slice(5, 17);
const codesOf = (res: any) => res.data.clubs.edges.map((e: any) => e.node.code);
const forbiddenAt = (res: any) => (res.errors ?? []).filter((e: any) => e.extensions.code === 'FORBIDDEN').map((e: any) => e.path.join('.'));

describe('anonymous callers', () => {
  it('see units and national and provincial counts, with small cells of nothing personal', async () => {
    const res = await hub.operation('admin-unit/ProvinceCounts.graphql', { structure: 'PRE_2025' }, null);
    expect(res.errors).toBeUndefined();
    // Members are people: rounded down to a multiple of 5 for callers who may not read their data (8 → 5).
    expect(res.data!.provinces.find((p: any) => p.code === '42')).toMatchObject({ clubCount: 2, memberCount: 5 });
    const exact = await hub.operation('admin-unit/ProvinceCounts.graphql', { structure: 'PRE_2025' });
    expect(exact.data!.provinces.find((p: any) => p.code === '42')).toMatchObject({ clubCount: 2, memberCount: 8 });
  });

  it('get FORBIDDEN, at the path, for counts below provinces, clubs, members and search', async () => {
    const res = await hub.graphql('{ district(code: "447") { name clubCount } }', {}, null);
    expect(res.data).toEqual({ district: { name: 'Kỳ Anh', clubCount: null } });
    expect(forbiddenAt(res)).toEqual(['district.clubCount']);
    for (const query of [
      '{ clubs { totalCount } }',
      '{ members { totalCount } }',
      '{ club(code: "HT-18769-01") { name } }',
      '{ searchClubs(text: "hung phu") { code } }',
      '{ trainingCourses { totalCount } }',
      '{ awards { totalCount } }',
      `{ node(id: "${fx.hungPhu.globalId}") { id } }`,
    ]) {
      const denied = await hub.graphql(query, {}, null);
      expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('partners and the ministry', () => {
  it('see every club and aggregate, never people: personal fields are null with FORBIDDEN at their path', async () => {
    for (const key of [partner, ministry]) {
      const clubs = await hub.operation('club/Clubs.graphql', {}, key);
      expect(codesOf(clubs)).toHaveLength(4);
      const club = await hub.operation('club/ClubByCode.graphql', { code: 'HT-18769-01' }, key);
      // Six members, rounded down for a key that may not read them (an ADMIN key reads 6).
      expect(club.data!.club.memberCount).toBe(5);
      expect((await hub.operation('club/ClubByCode.graphql', { code: 'HT-18769-01' })).data!.club.memberCount).toBe(6);
      // The board is a list of people (sex, join date, role, trainings): closed like every list of people.
      expect(club.data!.club.board).toBeNull();
      expect(forbiddenAt(club)).toEqual(['club.board']);
    }
  });

  it('get no free text about people: ledger notes, award reasons and leaving reasons are personal', async () => {
    const g = given(hub.orm);
    const [fund] = await hub.orm.em.fork().find(Fund, { club: fx.hungPhu.id, kind: FundKind.ACTIVITY });
    await g.transaction(fund, { occurredOn: '2024-03-01', kind: TransactionKind.EXPENSE, amount: 300_000n, note: 'Thăm bà Lan ốm nằm viện' });
    await g.award({ club: fx.hungPhu }, { grantedOn: '2024-03-02', reason: 'Chăm sóc ông Cường liệt nửa người' });
    const query = `{ club(code: "${fx.hungPhu.code}") {
      funds { transactions(first: 20) { edges { node { note } } } }
      awards { reason }
    } }`;
    for (const key of [partner, ministry]) {
      const res = await hub.graphql(query, {}, key);
      expect(JSON.stringify(res.data)).not.toMatch(/Lan|Cường/);
      expect(forbiddenAt(res).length).toBeGreaterThan(0);
      expect(forbiddenAt(res).every((p: string) => /\.(note|reason)$/.test(p))).toBe(true);
    }
    const own = await hub.graphql(query, {}, haTinh);
    expect(own.errors).toBeUndefined();
    expect(JSON.stringify(own.data)).toMatch(/bà Lan.*ông Cường|ông Cường.*bà Lan/s);
    // Leaving reasons (health, death) are guarded wherever a member is reached, like the other personal fields.
    const member = (await buildHubSchema()).getType('Member') as GraphQLObjectType;
    for (const field of ['leaveReason', 'fullName']) expect(member.getFields()[field].extensions.personal).toBe(true);
  });

  it('cannot list members or reach a member, a borrower or an awardee', async () => {
    const members = await hub.operation('member/Members.graphql', {}, partner);
    expect(members.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const member = await hub.operation('node/Node.graphql', { id: fx.chair.globalId }, partner);
    expect(member.data!.node).toBeNull();
    expect(member.errors![0].extensions!.code).toBe('FORBIDDEN');
    const funds = await hub.operation('fund/ClubFunds.graphql', { code: 'HT-18769-01' }, partner);
    const loans = funds.data!.club.funds.find((f: any) => f.kind === 'INCOME_GENERATION').loans.edges;
    expect(loans.map((l: any) => [l.node.principal, l.node.borrower])).toEqual([['5000000', null], ['20000000', null]]);
    expect(forbiddenAt(funds).every((p: string) => p.endsWith('borrower'))).toBe(true);
    const awards = await hub.operation('award/Awards.graphql', { filter: { recipientKind: ['MEMBER'] } }, partner);
    expect(awards.data!.awards.edges[0].node.member).toBeNull();
    expect(forbiddenAt(awards)).toEqual(['awards.edges.0.node.member']);
  });
});

describe('an association scoped to its province', () => {
  it('lists and reads the clubs and people of its own area, and only those', async () => {
    expect(codesOf(await hub.operation('club/Clubs.graphql', {}, haTinh))).toEqual(['HT-18769-01', 'HT-18769-02']);
    expect(codesOf(await hub.operation('club/Clubs.graphql', { structure: 'POST_2025' }, haTinhPost))).toEqual(['HT-18769-01', 'HT-18769-02']);
    const members = await hub.operation('member/Members.graphql', {}, haTinh);
    expect(members.errors).toBeUndefined();
    expect(members.data!.members.totalCount).toBe(8);
    expect(members.data!.members.edges.every((e: any) => typeof e.node.fullName === 'string')).toBe(true);
    const club = await hub.operation('club/ClubByCode.graphql', { code: 'HT-18769-01' }, haTinh);
    expect(club.errors).toBeUndefined();
    expect(club.data!.club.board[0]).toEqual({ boardRole: 'CHAIR', fullName: 'Trần Thị Hoa' });
    const counts = await hub.graphql('{ district(code: "447") { clubCount memberCount } }', {}, haTinh);
    expect(counts.data).toEqual({ district: { clubCount: 2, memberCount: 8 } });
  });

  it('is refused everything outside its area, through every entry point', async () => {
    const outside = await hub.operation('club/Clubs.graphql', { under: { structure: 'PRE_2025', code: '66' } }, haTinh);
    expect(outside.errors![0].extensions!.code).toBe('FORBIDDEN');
    const club = await hub.operation('club/ClubByCode.graphql', { code: 'DL-24166-01' }, haTinh);
    expect(club.data!.club).toBeNull();
    expect(forbiddenAt(club)).toEqual(['club']);
    for (const id of [fx.hoaThang.globalId, fx.newClub.globalId]) {
      const node = await hub.operation('node/Node.graphql', { id }, haTinh);
      expect(node.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const search = await hub.operation('club/SearchClubs.graphql', { text: 'thon 11' }, haTinh);
    expect(search.data!.searchClubs.map((c: any) => c.code)).not.toContain('DL-24166-01');
    const searchIn = await hub.operation('club/SearchClubs.graphql', { text: 'hung phu' }, haTinh);
    expect(searchIn.data!.searchClubs.map((c: any) => c.code)).toContain('HT-18769-01');
    const counts = await hub.graphql('{ district(code: "643") { clubCount } }', {}, haTinh);
    expect(forbiddenAt(counts)).toEqual(['district.clubCount']);
    const province = await hub.graphql('{ province(structure: PRE_2025, code: "66") { members { totalCount } } }', {}, haTinh);
    expect(forbiddenAt(province)).toEqual(['province.members']);
  });

  it('reads personal data of its own members only, when a list mixes areas', async () => {
    const ids = [fx.chair.globalId, fx.outsider.globalId, fx.members[1].globalId];
    const mixed = await hub.graphql(`{ nodes(ids: ${JSON.stringify(ids)}) { ... on Member { fullName } } }`, {}, haTinh);
    expect(mixed.data!.nodes).toEqual([{ fullName: 'Trần Thị Hoa' }, null, { fullName: 'Lê Văn Bình' }]);
    expect(forbiddenAt(mixed)).toEqual(['nodes.1']);
    const admin = await hub.graphql(`{ nodes(ids: ${JSON.stringify(ids)}) { ... on Member { fullName } } }`);
    expect(admin.data!.nodes).toEqual([{ fullName: 'Trần Thị Hoa' }, { fullName: "H' Bia Niê" }, { fullName: 'Lê Văn Bình' }]);
  });
});

describe('keys', () => {
  const post = (key: string | undefined, header?: string) =>
    fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header ? { authorization: header } : key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: '{ nation { code } }' }),
    });

  it('refuses a wrong, malformed, expired or revoked key with 401 UNAUTHENTICATED, never as anonymous', async () => {
    const expired = await hub.key(Role.PARTNER, undefined, { expiresAt: new Date(Date.now() - 1000) });
    const revoked = await hub.key(Role.PARTNER);
    await revokeApiKey(hub.orm.em.fork(), prefixOf(revoked));
    const forged = `${partner.slice(0, -4)}AAAA`;
    for (const [key, header, reason] of [
      [forged, undefined, 'not valid'],
      [undefined, 'Bearer nonsense', 'malformed'],
      [undefined, 'Basic dXNlcjpwYXNz', 'Bearer'],
      [expired, undefined, 'expired'],
      [revoked, undefined, 'revoked'],
    ] as const) {
      const res = await post(key, header);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toContain(reason);
    }
    expect((await post(partner)).status).toBe(200);
  });

  it('answers a key it has verified from memory, refuses other secrets for it, and forgets it when revoked', async () => {
    const key = await hub.key(Role.PARTNER);
    hub.sql.reset();
    expect((await post(key)).status).toBe(200);
    expect((await post(key)).status).toBe(200);
    expect(hub.sql.keyLookups).toBe(1);
    expect((await post(`${key.slice(0, -4)}AAAA`)).status).toBe(401);

    await revokeApiKey(hub.orm.em.fork(), prefixOf(key));
    // The revocation reaches the hub as a notification moments after the commit.
    let res = await post(key);
    for (const deadline = Date.now() + 5000; res.status === 200 && Date.now() < deadline; res = await post(key)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].message).toContain('revoked');
  });

  it('stores only a hash of the secret', async () => {
    const rows = await hub.orm.em.getConnection().execute('select prefix, secret_hash from api_key');
    const secret = partner.slice(`ishc_${prefixOf(partner)}_`.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});
