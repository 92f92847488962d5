import { EntityManager } from '@mikro-orm/postgresql';
import { intArray } from '../../db/sql';
import { rowMapper } from '../../graphql/paged-query';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { clubCommuneSql } from '../admin-unit/unit-scope';
import { Club } from './club.entity';

/**
 * Clubs ranked by trigram word similarity of their folded names (no accents, lower case: "ky tien" matches
 * "Kỳ Tiến"), using the club_name_trgm_idx index; a plain substring match ranks first.
 */
export async function searchClubs(
  em: EntityManager,
  text: string,
  limit: number,
  within: { structure: AdminStructure; communeIds: number[] } | null,
): Promise<Club[]> {
  const scope = within ? `and ${clubCommuneSql(within.structure, 'c')} = any(?::int[])` : '';
  const rows = await em.getConnection('read').execute<Array<Record<string, unknown>>>(
    `with q as (select immutable_unaccent(lower(?)) as q)
     select c.* from club c, q
     where q.q <% immutable_unaccent(lower(c.name)) ${scope}
     order by strpos(immutable_unaccent(lower(c.name)), q.q) > 0 desc,
              word_similarity(q.q, immutable_unaccent(lower(c.name))) desc, c.code
     limit ?`,
    [text.trim(), ...(within ? [intArray(within.communeIds)] : []), limit],
  );
  return rows.map(rowMapper(em, Club));
}
