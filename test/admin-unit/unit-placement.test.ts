import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { startTestHub, TestHub } from '../support/hub';

/**
 * unit_placement (filled in SQL when the reference units load) against the rule worked out here from the
 * reference files alone: a unit counts, in the other structure, in the deepest unit holding every crosswalk
 * partner of its communes, or in the nation when none does.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

type Structure = 'PRE_2025' | 'POST_2025';
const OTHER: Record<Structure, Structure> = { PRE_2025: 'POST_2025', POST_2025: 'PRE_2025' };
const read = (file: string) =>
  parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'reference', file), 'utf8'), { columns: true }) as Array<Record<string, string>>;

interface RefUnit {
  code: string;
  level: string;
  parent?: RefUnit;
  children: RefUnit[];
}

function tree(file: string): Map<string, RefUnit> {
  const units = new Map<string, RefUnit>();
  const rows = read(file);
  for (const row of rows) units.set(row.code, { code: row.code, level: row.level, children: [] });
  for (const row of rows) {
    if (!row.parent_code) continue;
    const unit = units.get(row.code)!;
    unit.parent = units.get(row.parent_code)!;
    unit.parent.children.push(unit);
  }
  return units;
}

const chain = (unit: RefUnit): RefUnit[] => (unit.parent ? [...chain(unit.parent), unit] : [unit]);
const communesUnder = (unit: RefUnit): RefUnit[] => (unit.level === 'COMMUNE' ? [unit] : unit.children.flatMap(communesUnder));

describe('unit placement across the 2025 reform', () => {
  it('places every unit of either structure in each structure as the crosswalk allows', async () => {
    const units: Record<Structure, Map<string, RefUnit>> = { PRE_2025: tree('units-2024.csv'), POST_2025: tree('units-2025.csv') };
    const partners: Record<Structure, Map<string, string[]>> = { PRE_2025: new Map(), POST_2025: new Map() };
    for (const row of read('crosswalk-2025.csv').filter((r) => r.level === 'COMMUNE')) {
      partners.PRE_2025.set(row.old_code, [...(partners.PRE_2025.get(row.old_code) ?? []), row.new_code]);
      partners.POST_2025.set(row.new_code, [...(partners.POST_2025.get(row.new_code) ?? []), row.old_code]);
    }
    const expected = new Map<string, string>();
    for (const from of ['PRE_2025', 'POST_2025'] as const) {
      const to = OTHER[from];
      for (const unit of units[from].values()) {
        expected.set(`${from}:${unit.code}>${from}`, `${unit.code} ${unit.level}`);
        // The deepest unit that every partner lies in (none when there are no partners).
        const paths = communesUnder(unit).flatMap((commune) => (partners[from].get(commune.code) ?? []).map((code) => chain(units[to].get(code)!)));
        const placed = paths[0]?.filter((candidate) => paths.every((p) => p.includes(candidate))).at(-1);
        expected.set(`${from}:${unit.code}>${to}`, placed ? `${placed.code} ${placed.level}` : 'VN NATION');
      }
    }

    const rows = await hub.orm.em.getConnection().execute<
      Array<{ from: Structure; code: string; to: Structure; placed: string | null; level: string; province: string | null; district: string | null }>
    >(
      `select u.structure as "from", u.code, s.structure as "to", p.code as placed, s.placed_level as level, pr.code as province, d.code as district
       from unit_placement s join admin_unit u on u.id = s.unit_id left join admin_unit p on p.id = s.placed_id
       left join admin_unit pr on pr.id = s.province_id left join admin_unit d on d.id = s.district_id`,
    );
    expect(rows).toHaveLength(expected.size);
    const actual = new Map(rows.map((r) => [`${r.from}:${r.code}>${r.to}`, `${r.placed ?? 'VN'} ${r.level}`]));
    const differences = [...expected].filter(([key, placed]) => actual.get(key) !== placed);
    expect(differences).toEqual([]);

    // The province and district carried along are the placed unit's own (or itself); none for the nation.
    for (const row of rows) {
      const ancestry = row.placed ? chain(units[row.to].get(row.placed)!) : [];
      expect([row.province, row.district]).toEqual([ancestry[0]?.code ?? null, ancestry.find((u) => u.level === 'DISTRICT')?.code ?? null]);
    }
    // Every kind of placement occurs in the reference data.
    const kinds = new Set(rows.filter((r) => r.from !== r.to).map((r) => r.level));
    expect([...kinds].sort()).toEqual(['COMMUNE', 'DISTRICT', 'NATION', 'PROVINCE']);
  });
});
