import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { Target } from './target.entity';

/** Request-scoped reads for the indicator catalogue: the stored targets of each indicator, in one query. */
export function createIndicatorLoaders(em: EntityManager) {
  return {
    targetsByIndicator: new DataLoader<string, Target[]>(async (ids) => {
      const targets = await em.find(Target, { indicatorId: { $in: [...ids] } }, { orderBy: { periodStart: 'asc', id: 'asc' } });
      return ids.map((id) => targets.filter((t) => t.indicatorId === id));
    }),
  };
}
