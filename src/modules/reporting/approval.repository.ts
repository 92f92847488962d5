import { EntityManager } from '@mikro-orm/postgresql';
import { intArray, textArray } from '../../db/sql';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { Approval } from './approval.entity';
import { expectedReportsSql } from './expected';

/** Set-based reads of the approval cycle: expected reports by commune and month, approvals by unit and month. */

export interface ExpectedInCommune {
  /** First day of the month. */
  month: string;
  communeId: number;
  reports: number;
}

/**
 * Expected club reports (expected.ts) per month and placing commune, in one statement; `communeIds` limits them
 * to the communes of a unit (null: the whole nation).
 */
export async function expectedByCommune(
  em: EntityManager,
  structure: AdminStructure,
  months: readonly string[],
  communeIds: readonly number[] | null,
): Promise<ExpectedInCommune[]> {
  if (!months.length || communeIds?.length === 0) return [];
  const rows = await em.getConnection('read').execute<Array<{ month: string; commune_id: number; reports: number }>>(
    `with e as (${expectedReportsSql(structure, '(select unnest(?::date[]) as month) m')})
     select to_char(e.month, 'YYYY-MM-DD') as month, e.commune_id, count(*)::int as reports
     from e where e.commune_id is not null ${communeIds ? 'and e.commune_id = any(?::int[])' : ''}
     group by 1, 2`,
    communeIds ? [textArray(months), intArray(communeIds)] : [textArray(months)],
  );
  return rows.map((r) => ({ month: r.month, communeId: r.commune_id, reports: r.reports }));
}

/** The approvals of the given units (structure and code; the nation is VN) in the given months, in one statement. */
export async function approvalsOf(
  em: EntityManager,
  units: ReadonlyArray<{ structure: AdminStructure; code: string }>,
  months: readonly string[],
): Promise<Approval[]> {
  if (!units.length || !months.length) return [];
  return em.find(
    Approval,
    {
      month: { $in: [...months] },
      $or: [AdminStructure.PRE_2025, AdminStructure.POST_2025]
        .map((structure) => ({ structure, unitCode: { $in: [...new Set(units.filter((u) => u.structure === structure).map((u) => u.code))] } }))
        .filter((w) => w.unitCode.$in.length),
    },
    { orderBy: { month: 'asc', id: 'asc' } },
  );
}

/** Approvals of one structure's units by key and month, for set lookups. */
export const approvalKey = (structure: AdminStructure, code: string, month: string) => `${structure}:${code}:${month.slice(0, 7)}`;
