import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '../../time';
import { ClubMetric, metricPerCommune, TodayCounts, todayCounts } from '../club/club-stats.repository';
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

/** Today's clubs, members and communes with clubs of many units of one structure, in one statement. */
async function todayFigures(em: EntityManager, units: UnitDirectory, keys: UnitStatKey[], values: Map<UnitStatKey, number>): Promise<void> {
  const pick = (counts: TodayCounts | undefined, metric: UnitMetric) => counts?.[metric as keyof TodayCounts] ?? 0;
  const { structure } = keys[0].unit;
  // A dashboard's usual lists (provinces, the nation) are summed per province in SQL: at most 63 rows back.
  if (keys.every((k) => k.unit.level === UnitLevel.PROVINCE || k.unit.level === UnitLevel.NATION)) {
    const provinces = keys.some((k) => k.unit.level === UnitLevel.NATION) ? null : [...new Set(keys.map((k) => k.unit.dbId))];
    const figures = await todayCounts(em, structure, todayInVietnam(), 'province', provinces);
    for (const key of keys) {
      const rows = key.unit.level === UnitLevel.NATION ? [...figures.values()] : [figures.get(key.unit.dbId)];
      values.set(key, rows.reduce((sum, row) => sum + pick(row, key.metric), 0));
    }
    return;
  }
  const communeIds = [...new Set(keys.flatMap((k) => units.communesUnder(k.unit).map((c) => c.dbId)))];
  const figures = await todayCounts(em, structure, todayInVietnam(), 'commune', communeIds.length <= MAX_FILTERED_COMMUNES ? communeIds : null);
  for (const key of keys) {
    values.set(key, units.communesUnder(key.unit).reduce((sum, c) => sum + pick(figures.get(c.dbId), key.metric), 0));
  }
}

/** Counts at a given date: one statement per metric, over clubs and members. */
async function datedFigures(em: EntityManager, units: UnitDirectory, group: UnitStatKey[], values: Map<UnitStatKey, number>): Promise<void> {
  const queryMetric = (m: UnitMetric): ClubMetric => (m === 'communesWithClubs' ? 'clubs' : m);
  const { unit, asOf } = group[0];
  // Name the communes only for a small area: past a few thousand, aggregating all of them is cheaper
  // than filtering by a huge array (all provinces together are the whole nation anyway).
  const communeIds = group.some((k) => k.unit.level === UnitLevel.NATION)
    ? null
    : [...new Set(group.flatMap((k) => units.communesUnder(k.unit).map((c) => c.dbId)))];
  const filter = communeIds && communeIds.length <= MAX_FILTERED_COMMUNES ? communeIds : null;
  // Whole provinces are summed in SQL; other levels come back per commune.
  const provinces = group.every((k) => k.unit.level === UnitLevel.PROVINCE && k.metric !== 'communesWithClubs');
  const pairs = provinces ? group.flatMap((k) => units.communesUnder(k.unit).map((c) => [c.dbId, k.unit.dbId] as const)) : [];
  const figures = await metricPerCommune(
    em,
    queryMetric(group[0].metric),
    unit.structure,
    asOf ?? todayInVietnam(),
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
}

/**
 * Counts for many units: today's clubs, members and communes with clubs from the commune summaries (one
 * statement per structure), other dates and older members from clubs and members (one statement per
 * metric and date). Statements run side by side on the pool.
 */
export function unitStats(em: EntityManager, units: UnitDirectory): DataLoader<UnitStatKey, number, string> {
  return new DataLoader<UnitStatKey, number, string>(
    async (keys) => {
      const groups = new Map<string, UnitStatKey[]>();
      const add = (groupKey: string, key: UnitStatKey) => {
        const group = groups.get(groupKey);
        if (group) group.push(key);
        else groups.set(groupKey, [key]);
      };
      for (const key of keys) {
        const today = key.asOf === null && key.metric !== 'olderMembers';
        // clubCount and communesWithClubCount at a date share one query.
        add(today ? `today|${key.unit.structure}` : `${key.metric === 'communesWithClubs' ? 'clubs' : key.metric}|${key.unit.structure}|${key.asOf}`, key);
      }
      const values = new Map<UnitStatKey, number>();
      await Promise.all(
        [...groups].map(([groupKey, group]) =>
          groupKey.startsWith('today|') ? todayFigures(em, units, group, values) : datedFigures(em, units, group, values),
        ),
      );
      return keys.map((k) => values.get(k) ?? 0);
    },
    { cacheKeyFn: (k) => `${k.unit.structure}:${k.unit.dbId}|${k.metric}|${k.asOf}` },
  );
}
