import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('administrative units in two structures', () => {
  it('lists 63 provinces before the 2025 reform and 34 after it', async () => {
    const pre = await hub.operation('admin-unit/Provinces.graphql', { structure: 'PRE_2025' });
    const post = await hub.operation('admin-unit/Provinces.graphql', { structure: 'POST_2025' });
    expect(pre.errors).toBeUndefined();
    expect(pre.data!.provinces).toHaveLength(63);
    expect(post.data!.provinces).toHaveLength(34);
    expect(pre.data!.provinces[0]).toMatchObject({
      code: '01',
      name: 'Hà Nội',
      fullName: 'Thành phố Hà Nội',
      type: 'THANH_PHO_TRUNG_UONG',
      level: 'PROVINCE',
      structure: 'PRE_2025',
      path: '01',
      validFrom: null,
      validTo: '2025-06-30',
    });
    expect(post.data!.provinces.map((p: { code: string }) => p.code)).toContain('52');
    expect(post.data!.provinces.find((p: { code: string }) => p.code === '01').validFrom).toBe('2025-07-01');
  });

  it('defaults to the POST_2025 structure', async () => {
    const res = await hub.operation('admin-unit/Provinces.graphql', {});
    expect(res.data!.provinces).toHaveLength(34);
  });

  it('keeps reused codes apart: province 52 and commune 00004 differ by structure', async () => {
    const res = await hub.graphql(`{
      old: province(structure: PRE_2025, code: "52") { fullName }
      new: province(structure: POST_2025, code: "52") { fullName }
      oldWard: commune(structure: PRE_2025, code: "00004") { fullName }
      newWard: commune(structure: POST_2025, code: "00004") { fullName }
    }`);
    expect(res.data).toEqual({
      old: { fullName: 'Tỉnh Bình Định' },
      new: { fullName: 'Tỉnh Gia Lai' },
      oldWard: { fullName: 'Phường Trúc Bạch' },
      newWard: { fullName: 'Phường Ba Đình' },
    });
  });

  it('navigates province → districts → communes before 2025 and province → communes after', async () => {
    const pre = await hub.operation('admin-unit/ProvinceCommunes.graphql', { structure: 'PRE_2025', code: '42' });
    const province = pre.data!.province;
    expect(province.fullName).toBe('Tỉnh Hà Tĩnh');
    expect(province.parent).toEqual({ code: 'VN', name: 'Việt Nam' });
    expect(province.districts.map((d: { code: string }) => d.code)).toContain('447');
    expect(province.communes).toHaveLength(209);
    expect(province.communes).toContainEqual({
      code: '18769',
      name: 'Kỳ Tiến',
      fullName: 'Xã Kỳ Tiến',
      type: 'XA',
      path: '42/447/18769',
    });

    const post = await hub.operation('admin-unit/ProvinceCommunes.graphql', { structure: 'POST_2025', code: '38' });
    expect(post.data!.province.districts).toEqual([]);
    expect(post.data!.province.communes).toHaveLength(166);
  });

  it('resolves a commune upward in each structure', async () => {
    const pre = await hub.operation('admin-unit/Commune.graphql', { structure: 'PRE_2025', code: '24166' });
    expect(pre.data!.commune).toEqual({
      code: '24166',
      fullName: 'Xã Hòa Thắng',
      type: 'XA',
      path: '66/643/24166',
      structure: 'PRE_2025',
      district: { code: '643', fullName: 'Thành phố Buôn Ma Thuột' },
      province: { code: '66', fullName: 'Tỉnh Đắk Lắk' },
      parent: { __typename: 'District', code: '643' },
    });
    const post = await hub.operation('admin-unit/Commune.graphql', { structure: 'POST_2025', code: '24121' });
    expect(post.data!.commune).toMatchObject({
      fullName: 'Phường Tân Lập',
      district: null,
      province: { code: '66' },
      parent: { __typename: 'Province', code: '66' },
    });
  });

  it('answers null, without an error, for a code that does not exist', async () => {
    const res = await hub.graphql('{ province(structure: PRE_2025, code: "99") { code } district(code: "000") { code } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ province: null, district: null });
  });

  it('rejects an unknown structure before execution', async () => {
    const res = await hub.graphql('{ provinces(structure: PRE_1975) { code } }');
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('has the whole nation in memory: the nation lists its provinces without SQL', async () => {
    hub.sql.reset();
    const res = await hub.graphql('{ nation(structure: PRE_2025) { fullName provinces { districts { communes { code } } } } }');
    const communes = res.data!.nation.provinces.flatMap((p: any) => p.districts.flatMap((d: any) => d.communes));
    expect(res.data!.nation.fullName).toBe('Việt Nam');
    expect(communes).toHaveLength(10035);
    expect(hub.sql.count).toBe(0);
  });

  it('stores the official crosswalk with its partial flags', async () => {
    const [row] = await hub.orm.em.getConnection().execute(
      `select count(*)::int as total, count(*) filter (where partial)::int as partial,
              count(*) filter (where level = 'PROVINCE')::int as provinces from admin_unit_crosswalk`,
    );
    expect(row).toEqual({ total: 10633, partial: 970, provinces: 63 });
  });
});
