import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('clubs', () => {
  it('finds a club by code with its commune in both structures', async () => {
    const club = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', village: 'Thôn Hưng Phú', meetingDay: 10 });
    const res = await hub.operation('club/ClubByCode.graphql', { code: club.code });
    expect(res.errors).toBeUndefined();
    expect(res.data!.club).toMatchObject({
      code: club.code,
      village: 'Thôn Hưng Phú',
      foundedOn: '2021-03-15',
      programme: 'DECISION_1336',
      status: 'ACTIVE',
      meetingDay: 10,
      communeBefore2025: {
        code: '18769',
        fullName: 'Xã Kỳ Tiến',
        district: { fullName: 'Huyện Kỳ Anh' },
        province: { fullName: 'Tỉnh Hà Tĩnh' },
      },
      communeNow: { code: '18775', fullName: 'Xã Kỳ Anh', province: { fullName: 'Tỉnh Hà Tĩnh' } },
    });
    expect(typeof res.data!.club.id).toBe('string');
    expect(res.data!.club.id).not.toBe(String(club.id));
  });

  it('answers null for an unknown club code', async () => {
    const res = await hub.operation('club/ClubByCode.graphql', { code: 'NO-SUCH-CLUB' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.club).toBeNull();
  });

  it('a club founded after the reform has no PRE_2025 commune', async () => {
    const club = await given(hub.orm).club({ post2025: '24121', foundedOn: '2025-09-01', programme: 'DECISION_1648' as never });
    const res = await hub.operation('club/ClubByCode.graphql', { code: club.code });
    expect(res.data!.club.communeBefore2025).toBeNull();
    expect(res.data!.club.communeNow.fullName).toBe('Phường Tân Lập');
  });

  it('lists the clubs of many communes with one SQL statement', async () => {
    const g = given(hub.orm);
    const a = await g.club({ pre2025: '24166', post2025: '24121' });
    const b = await g.club({ pre2025: '24166', post2025: '24121' });
    await g.club({ pre2025: '18769', post2025: '18775' });
    hub.sql.reset();
    const res = await hub.graphql(`{
      province(structure: PRE_2025, code: "66") { communes { code clubs { edges { node { code } } } } }
    }`);
    const withClubs = res.data!.province.communes.filter((c: any) => c.clubs.edges.length > 0);
    expect(withClubs).toEqual([{ code: '24166', clubs: { edges: [{ node: { code: a.code } }, { node: { code: b.code } }] } }]);
    expect(res.data!.province.communes).toHaveLength(180);
    expect(hub.sql.count).toBe(1);
  });
});
