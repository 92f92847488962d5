import { Role } from '../../src/auth/viewer';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

/** Pages read the columns their selection needs; answers are the same as when every column is read. */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  const club = await g.club({ pre2025: '18769', post2025: '18775', village: 'Thôn Trung' });
  await g.member(club, { fullName: 'Trần Thị Hoa', birthYear: 1948, ethnicity: 'Kinh' });
  await g.member(club, { fullName: 'Lê Văn Nam', birthYear: 1962, ethnicity: 'Mường' });
});
afterAll(async () => {
  await hub?.stop();
});

const PAGE = `query($fields: Boolean!) {
  province(structure: PRE_2025, code: "42") {
    clubs(first: 5) { edges { node { code village @include(if: $fields) members(first: 5) { edges { node { ...Person } } } } } }
  }
}
fragment Person on Member { fullName ... on Member { birthYear ethnicity @include(if: $fields) } club { code } }`;

const statementsReading = (table: string) => hub.sql.statements.filter((s) => s.includes(`from ${table} ${table[0]}`));

describe('column projection of pages', () => {
  it('reads only the selected columns and the keys, fragments included', async () => {
    hub.sql.reset();
    const res = await hub.graphql(PAGE, { fields: true });
    expect(res.errors).toBeUndefined();
    const members = res.data!.province.clubs.edges[0].node.members.edges.map((e: any) => e.node);
    expect(members).toEqual([
      { fullName: 'Lê Văn Nam', birthYear: 1962, ethnicity: 'Mường', club: { code: expect.any(String) } },
      { fullName: 'Trần Thị Hoa', birthYear: 1948, ethnicity: 'Kinh', club: { code: expect.any(String) } },
    ]);
    expect(res.data!.province.clubs.edges[0].node.village).toBe('Thôn Trung');
    const [memberPage] = statementsReading('member');
    expect(memberPage).toContain('m."full_name"');
    expect(memberPage).toContain('m."club_id"');
    expect(memberPage).not.toContain('m.*');
    expect(memberPage).not.toContain('m."joined_on"');
    const [clubPage] = statementsReading('club');
    expect(clubPage).toContain('c."village"');
    expect(clubPage).not.toContain('c.*');
  });

  it('pages with cursors the same whether the sort column is selected or not', async () => {
    const page = async (fields: string, after?: string) => {
      const res = await hub.graphql(
        `query($after: String) { members(structure: PRE_2025, under: { structure: PRE_2025, code: "42" }, first: 1, after: $after) {
           edges { cursor node { ${fields} } } pageInfo { hasNextPage } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.members;
    };
    const withName = await page('fullName');
    const withoutName = await page('sex');
    expect(withoutName.edges[0].cursor).toBe(withName.edges[0].cursor);
    const next = await page('fullName', withoutName.edges[0].cursor);
    expect(next.edges.map((e: any) => e.node.fullName)).toEqual(['Trần Thị Hoa']);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('checks personal fields on projected rows as on full ones', async () => {
    const partner = await hub.key(Role.PARTNER);
    const association = await hub.key(Role.ASSOCIATION, { structure: 'PRE_2025' as never, code: '42' });
    const asPartner = await hub.graphql(`{ members(under: { structure: PRE_2025, code: "42" }, first: 5) { edges { node { fullName } } } }`, {}, partner);
    expect(asPartner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const asAssociation = await hub.graphql(
      `{ members(structure: PRE_2025, under: { structure: PRE_2025, code: "42" }, first: 5) { edges { node { fullName birthYear } } } }`,
      {},
      association,
    );
    expect(asAssociation.errors).toBeUndefined();
    expect(asAssociation.data!.members.edges.map((e: any) => e.node.birthYear)).toEqual([1962, 1948]);
  });
});
