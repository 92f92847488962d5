import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '../../time';
import { ClubMetric, metricPerCommune } from '../club/club-stats.repository';
import { UnitLevel } from './admin-unit.enums';
import { AdministrativeUnit } from './admin-unit.types';
import { UnitDirectory } from './unit-directory';

const MAX_FILTERED_COMMUNES = 2000;

export type UnitMetric = ClubMetric | 'communesWithClubs';

export interface UnitStatKey {
  unit: AdministrativeUnit;
  metric: UnitMetric;
  /** null: today. */
  asOf: string | null;
}

/**
 * Counts for many units in one statement per metric: the database sums whole provinces itself, and for other
 * units returns per-commune figures that the directory rolls up in memory.
 */
export function unitStats(em: EntityManager, units: UnitDirectory): DataLoader<UnitStatKey, number, string> {
  return new DataLoader<UnitStatKey, number, string>(
    async (keys) => {
      // clubCount and communesWithClubCount share one query.
      const queryMetric = (m: UnitMetric): ClubMetric => (m === 'communesWithClubs' ? 'clubs' : m);
      const groups = new Map<string, UnitStatKey[]>();
      for (const key of keys) {
        const groupKey = `${queryMetric(key.metric)}|${key.unit.structure}|${key.asOf}`;
        groups.set(groupKey, [...(groups.get(groupKey) ?? []), key]);
      }
      const values = new Map<UnitStatKey, number>();
      // Each metric is one statement; they run side by side on the pool.
      await Promise.all([...groups.values()].map(async (group) => {
        const { unit, asOf } = group[0];
        // Name the communes only for a small area: past a few thousand, aggregating all of them is cheaper
        // than filtering by a huge array (all provinces together are the whole nation anyway).
        const communeIds = group.some((k) => k.unit.level === UnitLevel.NATION)
          ? null
          : [...new Set(group.flatMap((k) => units.communesUnder(k.unit).map((c) => c.dbId)))];
        const filter = communeIds && communeIds.length <= MAX_FILTERED_COMMUNES ? communeIds : null;
        // Whole provinces (a dashboard's usual list) are summed in SQL; other levels come back per commune.
        const provinces = group.every((k) => k.unit.level === UnitLevel.PROVINCE && k.metric !== 'communesWithClubs');
        const pairs = provinces ? group.flatMap((k) => units.communesUnder(k.unit).map((c) => [c.dbId, k.unit.dbId] as const)) : [];
        const figures = await metricPerCommune(
          em,
          queryMetric(group[0].metric),
          unit.structure,
          asOf ?? todayInVietnam(),
          asOf === null,
          filter,
          provinces ? { communeIds: pairs.map((p) => p[0]), unitIds: pairs.map((p) => p[1]) } : undefined,
        );
        if (provinces) {
          for (const key of group) values.set(key, figures.get(key.unit.dbId) ?? 0);
          return;
        }
        for (const key of group) {
          const communes = units.communesUnder(key.unit);
          values.set(
            key,
            key.metric === 'communesWithClubs'
              ? communes.filter((c) => (figures.get(c.dbId) ?? 0) > 0).length
              : communes.reduce((sum, c) => sum + (figures.get(c.dbId) ?? 0), 0),
          );
        }
      }));
      return keys.map((k) => values.get(k) ?? 0);
    },
    { cacheKeyFn: (k) => `${k.unit.structure}:${k.unit.dbId}|${k.metric}|${k.asOf}` },
  );
}
