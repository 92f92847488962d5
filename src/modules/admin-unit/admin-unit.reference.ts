import fs from 'node:fs';
import path from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { AdminStructure, STRUCTURE_VALIDITY, UNIT_TYPE_LABEL, UnitLevel, UnitType } from './admin-unit.enums';

const TYPE_BY_LABEL = new Map(Object.entries(UNIT_TYPE_LABEL).map(([type, label]) => [label, type as UnitType]));
const FILE_BY_STRUCTURE: Record<AdminStructure, string> = {
  PRE_2025: 'units-2024.csv',
  POST_2025: 'units-2025.csv',
};
const LEVEL_ORDER = [UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE];

interface UnitRow {
  code: string;
  name: string;
  type: string;
  level: string;
  parent_code: string;
}

function readCsv<T>(file: string): T[] {
  return parse(fs.readFileSync(path.join(referenceDir(), file), 'utf8'), { columns: true, skip_empty_lines: true }) as T[];
}

/**
 * seeds/reference holds the official unit lists and the 2025 crosswalk. It is three folders up from this file
 * under ts-node and jest (src/modules/admin-unit), four when built (dist/src/modules/admin-unit).
 */
function referenceDir(): string {
  const candidates = [3, 4].map((up) => path.resolve(__dirname, ...Array(up).fill('..'), 'seeds', 'reference'));
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'units-2024.csv')));
  if (!found) throw new Error(`Reference data not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * Loads both unit structures and the crosswalk, and places every unit in each structure (UnitPlacement), when
 * the table is empty; a no-op afterwards. One transaction, one set-based INSERT per structure and level, so a
 * partial load never persists.
 */
export async function loadReferenceUnits(em: EntityManager): Promise<{ loaded: boolean; units: number; crosswalk: number }> {
  const [{ count }] = await em.getConnection().execute<{ count: string }[]>('select count(*)::text as count from admin_unit');
  if (Number(count) > 0) return { loaded: false, units: Number(count), crosswalk: 0 };

  let units = 0;
  let crosswalk = 0;
  await em.transactional(async (tx) => {
    const conn = tx.getConnection();
    for (const structure of Object.values(AdminStructure)) {
      const rows = readCsv<UnitRow>(FILE_BY_STRUCTURE[structure]);
      const { validFrom, validTo } = STRUCTURE_VALIDITY[structure];
      for (const level of LEVEL_ORDER) {
        const atLevel = rows.filter((r) => r.level === level);
        if (atLevel.length === 0) continue;
        const types = atLevel.map((r) => {
          const type = TYPE_BY_LABEL.get(r.type);
          if (!type) throw new Error(`${FILE_BY_STRUCTURE[structure]}: unknown unit type "${r.type}" for ${r.code}`);
          return type;
        });
        await conn.execute(
          `insert into admin_unit (structure, code, name, type, level, parent_id, path, valid_from, valid_to)
           select ?, u.code, u.name, u.type, ?, p.id,
                  case when p.id is null then u.code else p.path || '/' || u.code end, ?::date, ?::date
           from json_to_recordset(?::json) as u(code text, name text, type text, parent_code text)
           left join admin_unit p on p.structure = ? and p.code = u.parent_code`,
          [
            structure,
            level,
            validFrom,
            validTo,
            JSON.stringify(
              atLevel.map((r, i) => ({ code: r.code, name: r.name.normalize('NFC'), type: types[i], parent_code: r.parent_code || null })),
            ),
            structure,
          ],
        );
        units += atLevel.length;
      }
    }
    const links = readCsv<{ old_code: string; new_code: string; level: string; partial: string }>('crosswalk-2025.csv');
    // District rows map an old island district onto the special zone (a commune) that replaced it.
    await conn.execute(
      `insert into admin_unit_crosswalk (old_unit_id, new_unit_id, level, partial)
       select o.id, n.id, x.level, x.partial
       from json_to_recordset(?::json) as x(old_code text, new_code text, level text, partial boolean)
       join admin_unit o on o.structure = 'PRE_2025' and o.code = x.old_code and o.level = x.level
       join admin_unit n on n.structure = 'POST_2025' and n.code = x.new_code
         and n.level = case when x.level = 'DISTRICT' then 'COMMUNE' else x.level end`,
      [JSON.stringify(links.map((l) => ({ ...l, partial: l.partial === 'true' })))],
    );
    crosswalk = links.length;
    const [{ n }] = await conn.execute<{ n: string }[]>('select count(*)::text as n from admin_unit_crosswalk');
    if (Number(n) !== links.length) throw new Error(`crosswalk: ${links.length} rows read but ${n} matched units`);
    await conn.execute('select rebuild_unit_placement()');
  });
  // Indicator statements join the placements: plan them on real statistics from the first request.
  await em.getConnection().execute('analyze unit_placement');
  return { loaded: true, units, crosswalk };
}
