import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { Club } from './club.entity';

export interface CommuneKey {
  structure: AdminStructure;
  communeId: number;
}

const COMMUNE_COLUMN = { PRE_2025: 'communePre2025', POST_2025: 'communePost2025' } as const;

/** Clubs of many communes in one query per structure, each list in code order. */
export function clubsByCommune(em: EntityManager): DataLoader<CommuneKey, Club[], string> {
  return new DataLoader<CommuneKey, Club[], string>(
    async (keys) => {
      const result = new Map<string, Club[]>(keys.map((k) => [`${k.structure}:${k.communeId}`, []]));
      for (const structure of Object.values(AdminStructure)) {
        const ids = keys.filter((k) => k.structure === structure).map((k) => k.communeId);
        if (ids.length === 0) continue;
        const column = COMMUNE_COLUMN[structure];
        const clubs = await em.find(Club, { [column]: { $in: ids } }, { orderBy: { code: 'asc' } });
        for (const club of clubs) {
          const commune = club[column];
          result.get(`${structure}:${commune!.id}`)!.push(club);
        }
      }
      return keys.map((k) => result.get(`${k.structure}:${k.communeId}`)!);
    },
    { cacheKeyFn: (k) => `${k.structure}:${k.communeId}` },
  );
}
