import DataLoader from 'dataloader';
import { EntityClass, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { intArray } from '../db/sql';
import { rowMapper } from './paged-query';

/** Entities by primary key, one `id = any(…)` per request tick, for reading; unknown ids give null. */
export function byId<T extends { id: number }>(em: EntityManager, entity: EntityClass<T>): DataLoader<number, T | null> {
  const meta = em.getMetadata().get(entity.name as string);
  const toEntity = rowMapper(em, entity as unknown as new () => T);
  return new DataLoader<number, T | null>(async (ids) => {
    // Read-only objects mapped from plain rows: cheaper than the ORM's identity map on every request.
    const rows = await em.getConnection('read').execute<Array<Record<string, unknown>>>(`select * from "${meta.tableName}" where id = any(?::int[])`, [intArray(ids)]);
    const found = new Map(rows.map(toEntity).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Short lists by a foreign key (a club's funds, a member's loans), one `fk in (…)` per request tick. */
export function listBy<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  foreignKey: keyof T & string,
  orderBy: QueryOrderMap<T>,
  where: FilterQuery<T> = {} as FilterQuery<T>,
): DataLoader<number, T[]> {
  return new DataLoader<number, T[]>(async (keys) => {
    const rows = await em.find(entity, { ...(where as object), [foreignKey]: { $in: [...keys] } } as FilterQuery<T>, { orderBy });
    const lists = new Map<number, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) {
      const ref = row[foreignKey] as unknown as { id: number };
      lists.get(ref.id)?.push(row);
    }
    return keys.map((k) => lists.get(k)!);
  });
}
