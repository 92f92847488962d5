import { loadConfig } from '../../src/config';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  // The nation-wide drill-down asks for up to millions of objects, far over the default budgets: an
  // internal deployment raises them (named settings); this file measures statements, not budgets.
  const config = loadConfig({ LIMIT_COST: '100000000', LIMIT_NODES: '100000000', RATE_LIMIT_COST_PER_MINUTE: '1000000000' });
  hub = await startTestHub({ config });
});
afterAll(async () => {
  await hub?.stop();
});

/** Adds clubs with members in the given PRE_2025 communes (and their POST_2025 successors). */
async function addClubs(communes: Array<[string, string]>, membersPerClub: number): Promise<void> {
  const g = given(hub.orm);
  for (const [pre2025, post2025] of communes) {
    const club = await g.club({ pre2025, post2025 });
    for (let i = 0; i < membersPerClub; i++) await g.member(club, { fullName: `Thành viên ${i}` });
  }
}

async function statementsFor(operation: string, variables: Record<string, unknown> = {}): Promise<number> {
  hub.sql.reset();
  const res = await hub.operation(operation, variables);
  expect(res.errors).toBeUndefined();
  return hub.sql.count;
}

describe('SQL statements per request do not grow with the data', () => {
  it('provinces → districts → communes → clubs(first: 5) → members(first: 5): one statement per list level', async () => {
    await addClubs([['18769', '18775'], ['24166', '24121']], 3);
    const small = await statementsFor('admin-unit/HierarchyDrillDown.graphql');
    expect(small).toBe(2); // units are in memory: one for every commune's clubs, one for every club's members

    await addClubs([['18769', '18775'], ['18769', '18775'], ['00004', '00004'], ['24166', '24121']], 7);
    const larger = await statementsFor('admin-unit/HierarchyDrillDown.graphql');
    expect(larger).toBe(small);

    hub.sql.reset();
    const res = await hub.operation('admin-unit/HierarchyDrillDown.graphql');
    const clubs = res.data!.provinces.flatMap((p: any) => p.districts.flatMap((d: any) => d.communes.flatMap((c: any) => c.clubs.edges)));
    expect(clubs).toHaveLength(6);
    expect(clubs.every((c: any) => c.node.members.edges.length > 0 && c.node.members.edges.length <= 5)).toBe(true);
  });

  it('counts add one statement per requested count, not per row', async () => {
    const one = await statementsFor('admin-unit/ProvinceCounts.graphql', { structure: 'PRE_2025' });
    expect(one).toBe(1); // today's clubCount and memberCount of all 63 provinces: one read of the commune summaries
    const all = await statementsFor('admin-unit/UnitCounts.graphql', { structure: 'PRE_2025', code: '42' });
    expect(all).toBe(2); // today's clubs, members and communes with clubs (summaries), older members; communeCount is in memory
  });

  it('totalCount costs a statement only when selected, for all connections of a level at once', async () => {
    const without = await statementsFor('member/ProvinceClubMembers.graphql', { structure: 'PRE_2025', code: '42' });
    expect(without).toBe(2);
    hub.sql.reset();
    const res = await hub.graphql(`{ province(structure: PRE_2025, code: "42") {
      clubs(first: 50) { totalCount edges { node { members(first: 2) { totalCount edges { node { fullName } } } } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(hub.sql.count).toBe(4);
  });

  it('node and nodes resolve through batched loaders', async () => {
    const list = await hub.graphql('{ clubs(first: 10) { edges { node { id members(first: 3) { edges { node { id } } } } } } }');
    const ids = list.data!.clubs.edges.flatMap((e: any) => [e.node.id, ...e.node.members.edges.map((m: any) => m.node.id)]);
    expect(ids.length).toBeGreaterThan(10);
    const many = await statementsFor('node/Nodes.graphql', { ids });
    expect(many).toBe(2); // one per type (clubs, members)
  });
});
