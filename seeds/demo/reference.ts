import { Client } from 'pg';

/** The administrative units the generator attaches clubs to, read from the already loaded reference tables. */

export interface Unit {
  id: number;
  code: string;
  name: string;
  type: string;
}

export interface PreCommune extends Unit {
  district: Unit;
  province: Unit;
  /** POST_2025 communes it went into (several when it was split), in code order. */
  successors: PostCommune[];
  urban: boolean;
}

export interface PostCommune extends Unit {
  province: Unit;
  urban: boolean;
}

export interface ReferenceUnits {
  /** PRE_2025 provinces in code order. */
  provinces: Unit[];
  communesByProvince: Map<string, PreCommune[]>;
  districtsByProvince: Map<string, Unit[]>;
  communeByCode: Map<string, PreCommune>;
  postProvinces: Unit[];
}

interface UnitRow {
  id: number;
  structure: 'PRE_2025' | 'POST_2025';
  code: string;
  name: string;
  type: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parent_id: number | null;
}

const URBAN_TYPES = new Set(['PHUONG', 'THI_TRAN']);

export async function loadReference(client: Client): Promise<ReferenceUnits> {
  const units = (
    await client.query<UnitRow>('select id, structure, code, name, type, level, parent_id from admin_unit order by structure, path')
  ).rows;
  const links = (
    await client.query<{ old_unit_id: number; new_unit_id: number }>(
      `select x.old_unit_id, x.new_unit_id from admin_unit_crosswalk x join admin_unit n on n.id = x.new_unit_id
       where x.level = 'COMMUNE' order by x.old_unit_id, n.code`,
    )
  ).rows;
  if (units.length === 0) throw new Error('The administrative units are not loaded: start the hub once, or load them first');

  const byId = new Map<number, UnitRow>(units.map((u) => [u.id, u]));
  const unit = (row: UnitRow): Unit => ({ id: row.id, code: row.code, name: row.name, type: row.type });
  const provinceOf = new Map<number, Unit>();
  const districtOf = new Map<number, Unit>();
  const post = new Map<number, PostCommune>();
  const ref: ReferenceUnits = {
    provinces: [],
    communesByProvince: new Map(),
    districtsByProvince: new Map(),
    communeByCode: new Map(),
    postProvinces: [],
  };
  for (const row of units) {
    if (row.level === 'PROVINCE') {
      const province = unit(row);
      provinceOf.set(row.id, province);
      (row.structure === 'PRE_2025' ? ref.provinces : ref.postProvinces).push(province);
      if (row.structure === 'PRE_2025') {
        ref.communesByProvince.set(row.code, []);
        ref.districtsByProvince.set(row.code, []);
      }
    }
  }
  for (const row of units) {
    if (row.structure === 'POST_2025' && row.level === 'COMMUNE') {
      post.set(row.id, { ...unit(row), province: provinceOf.get(row.parent_id!)!, urban: URBAN_TYPES.has(row.type) });
    }
    if (row.structure === 'PRE_2025' && row.level === 'DISTRICT') {
      const district = unit(row);
      districtOf.set(row.id, district);
      ref.districtsByProvince.get(byId.get(row.parent_id!)!.code)!.push(district);
    }
  }
  const successors = new Map<number, PostCommune[]>();
  for (const link of links) {
    const list = successors.get(link.old_unit_id) ?? [];
    list.push(post.get(link.new_unit_id)!);
    successors.set(link.old_unit_id, list);
  }
  for (const row of units) {
    if (row.structure !== 'PRE_2025' || row.level !== 'COMMUNE') continue;
    const district = districtOf.get(row.parent_id!)!;
    const province = provinceOf.get(byId.get(row.parent_id!)!.parent_id!)!;
    const next = successors.get(row.id);
    if (!next) throw new Error(`commune ${row.code} has no successor in the 2025 crosswalk`);
    const commune: PreCommune = { ...unit(row), district, province, successors: next, urban: URBAN_TYPES.has(row.type) };
    ref.communesByProvince.get(province.code)!.push(commune);
    ref.communeByCode.set(row.code, commune);
  }
  return ref;
}
