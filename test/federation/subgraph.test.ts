import { Role } from '../../src/auth/viewer';
import { buildFixture, Fixture } from '../api/fixture';
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

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Club { code name memberCount }
    ... on Commune { code fullName clubCount }
    ... on Province { code fullName }
    ... on District { code fullName }
  }
}`;

describe('the hub as a Federation 2 subgraph', () => {
  it('publishes its SDL with keys on units and clubs and shareable page info', async () => {
    const res = await hub.graphql('{ _service { sdl } }');
    const sdl: string = res.data!._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    const flat = sdl.replace(/\s+/g, ' ');
    expect(flat).toContain('type Club implements Node @key(fields: "code")');
    for (const type of ['Province', 'District', 'Commune']) expect(flat).toContain(`type ${type} implements Node & AdministrativeUnit @key(fields: "structure code")`);
    expect(flat).toContain('type PageInfo @shareable');
  });

  it('resolves entity references in batches: units from memory, clubs in one statement', async () => {
    hub.sql.reset();
    const res = await hub.graphql(ENTITIES, {
      representations: [
        { __typename: 'Club', code: 'HT-18769-01' },
        { __typename: 'Commune', structure: 'POST_2025', code: '18775' },
        { __typename: 'Club', code: 'HT-18769-02' },
        { __typename: 'Province', structure: 'PRE_2025', code: '42' },
        { __typename: 'District', structure: 'PRE_2025', code: '447' },
        { __typename: 'Club', code: 'NO-SUCH-CLUB' },
        { __typename: 'Commune', structure: 'PRE_2025', code: '99999' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { __typename: 'Club', code: 'HT-18769-01', name: 'CLB Liên thế hệ tự giúp nhau thôn Hưng Phú', memberCount: 6 },
      { __typename: 'Commune', code: '18775', fullName: 'Xã Kỳ Anh', clubCount: 2 },
      { __typename: 'Club', code: 'HT-18769-02', name: 'CLB Liên thế hệ thôn Tân Phú', memberCount: 2 },
      { __typename: 'Province', code: '42', fullName: 'Tỉnh Hà Tĩnh' },
      { __typename: 'District', code: '447', fullName: 'Huyện Kỳ Anh' },
      null,
      null,
    ]);
    // one for the clubs, one for the clubs' member counts, one for the commune's club count
    expect(hub.sql.count).toBe(3);
  });

  it('gives no more through _entities than elsewhere: clubs need a key, people an association key', async () => {
    const anonymous = await hub.graphql(ENTITIES, { representations: [{ __typename: 'Club', code: 'HT-18769-01' }] }, null);
    expect(anonymous.data!._entities).toEqual([null]);
    expect(anonymous.errors![0].extensions!.code).toBe('FORBIDDEN');
    const partner = await hub.key(Role.PARTNER);
    const board = await hub.graphql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Club { board { fullName boardRole } } } }`,
      { r: [{ __typename: 'Club', code: fx.hungPhu.code }] },
      partner,
    );
    expect(board.data!._entities[0].board).toBeNull();
    expect(board.errors!.map((e) => [e.path!.join('.'), e.extensions!.code])).toEqual([['_entities.0.board', 'FORBIDDEN']]);
  });
});
