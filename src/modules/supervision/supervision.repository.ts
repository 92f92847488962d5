import { EntityManager } from '@mikro-orm/postgresql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { clubCommuneAtSql, clubPlaceAtJoin } from '../admin-unit/unit-scope';
import { ROLLUP_KEY } from '../indicator/indicator.repository';
import { expectedReportsSql } from '../reporting/expected';

/** One unit's clubs in a period: active, weak (latest rating), unreported, and weak or unreported (each club once). */
export interface UnitQualityCounts {
  unitId: number;
  active: number;
  weak: number;
  unreported: number;
  weakOrUnreported: number;
}

/**
 * Per unit of `level` in `structure`, in one statement: the clubs active in [start, end] where they were at its
 * end (as the indicators place them), those whose latest rating on or before the end is WEAK, those expected
 * (expected.ts) for a month of the period that had ended before `today` and missing that month's report, and
 * those either weak or unreported. Counts only. Units without active clubs have no row.
 */
export async function qualityCountsByUnit(
  em: EntityManager,
  structure: AdminStructure,
  level: UnitLevel,
  period: { start: string; end: string },
  today: string,
): Promise<UnitQualityCounts[]> {
  const months = `(select generate_series(date_trunc('month', p.s::timestamp), least(date_trunc('month', p.e::timestamp), date_trunc('month', p.today::timestamp) - interval '1 month'), interval '1 month')::date as month from p) m`;
  const rows = await em.getConnection('read').execute<Array<Record<string, string | number | null>>>(
    `with p as (select ?::date as s, ?::date as e, ?::date as today),
     x as (${expectedReportsSql(structure, months)}),
     missing as (select distinct x.club_id from x where not exists (select 1 from club_report r where r.club_id = x.club_id and r.month = x.month)),
     f as (
       select ${clubCommuneAtSql(structure, 'c', 'h')} as key, v.rating = 'WEAK' as weak, c.id in (select club_id from missing) as unreported
       from p join club c on c.founded_on <= p.e and (c.dissolved_on is null or c.dissolved_on >= p.s)
       ${clubPlaceAtJoin('c', 'h', 'p.e')}
       left join lateral (select sv.rating from supervision_visit sv where sv.club_id = c.id and sv.visited_on <= p.e
         order by sv.visited_on desc, sv.id desc limit 1) v on true)
     select ${ROLLUP_KEY[level]} as "unitId", count(*) as active, count(*) filter (where f.weak) as weak,
       count(*) filter (where f.unreported) as unreported, count(*) filter (where f.weak or f.unreported) as "weakOrUnreported"
     from f left join unit_placement r on r.structure = ? and r.unit_id = f.key
     where ${ROLLUP_KEY[level]} is not null
     group by 1`,
    [period.start, period.end, today, structure],
  );
  return rows.map((r) => ({
    unitId: Number(r.unitId),
    active: Number(r.active),
    weak: Number(r.weak),
    unreported: Number(r.unreported),
    weakOrUnreported: Number(r.weakOrUnreported),
  }));
}
