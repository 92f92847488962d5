import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { rowMapper } from '../../graphql/paged-query';
import { ClubReport } from './club-report.entity';
import { reportsOfClubs } from './club-report.repository';

interface ReportsKey {
  clubId: number;
  from: string | null;
  to: string | null;
}

/** Request-scoped report reads: each club's reports within months, one statement per distinct range. */
export function createClubReportLoaders(em: EntityManager) {
  const toReport = rowMapper(em, ClubReport);
  return {
    reportsOfClub: new DataLoader<ReportsKey, ClubReport[], string>(
      async (keys) => {
        const byRange = new Map<string, ReportsKey[]>();
        for (const k of keys) byRange.set(`${k.from}|${k.to}`, [...(byRange.get(`${k.from}|${k.to}`) ?? []), k]);
        const found = new Map<string, ClubReport[]>();
        for (const [range, group] of byRange) {
          const rows = await reportsOfClubs(em, [...new Set(group.map((k) => k.clubId))], group[0].from, group[0].to);
          for (const row of rows) {
            const key = `${row.club_id}|${range}`;
            found.set(key, [...(found.get(key) ?? []), toReport(row)]);
          }
        }
        return keys.map((k) => found.get(`${k.clubId}|${k.from}|${k.to}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.clubId}|${k.from}|${k.to}` },
    ),
  };
}
