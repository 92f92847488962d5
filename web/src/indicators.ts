import { useEffect, useState } from 'react';
import { request } from './api/client';
import { WebIndicatorCatalogueDocument, type AdminStructure, type WebIndicatorCatalogueQuery } from './api/gql/graphql';

export type Definition = WebIndicatorCatalogueQuery['indicatorDefinitions'][number];

/** The headline figures of the overview, in the order shown. */
export const HEADLINE_IDS = ['active_clubs', 'members', 'older_members', 'women_share', 'poor_near_poor_share', 'fund_capital', 'loans_outstanding'];
/** Indicators with a Decision 1336 or 1648 national target. */
export const TARGET_IDS = ['new_clubs_1336', 'members_new_clubs_1336', 'older_members_new_clubs_1336', 'new_clubs_1648', 'older_members'];
export const STRUCTURES: AdminStructure[] = ['PRE_2025', 'POST_2025'];

let catalogue: Promise<Map<string, Definition>> | undefined;

/** The catalogue (names, units, instruments), asked once per page load: it changes only with a release. */
export function useCatalogue(): Map<string, Definition> | undefined {
  const [definitions, setDefinitions] = useState<Map<string, Definition>>();
  useEffect(() => {
    catalogue ??= request(WebIndicatorCatalogueDocument, {}).then((data) => new Map(data.indicatorDefinitions.map((d) => [d.id, d])));
    catalogue.then(setDefinitions, () => {
      catalogue = undefined;
    });
  }, []);
  return definitions;
}

/** Monthly periods from January 2020 to this month, newest first ("202512"). */
export function monthsSince2020(now = new Date()): string[] {
  const months: string[] = [];
  for (let year = now.getFullYear(), month = now.getMonth() + 1; year > 2020 || (year === 2020 && month >= 1); month -= 1) {
    if (month === 0) {
      year -= 1;
      month = 12;
      if (year < 2020) break;
    }
    months.push(`${year}${String(month).padStart(2, '0')}`);
  }
  return months;
}

/** The export routes' query string for the same figures as a table on screen. */
export function exportQuery(params: { ids: string[]; periods: string[]; structure: AdminStructure; level?: string; under?: { structure: string; code: string } }): string {
  const query = new URLSearchParams({ ids: params.ids.join(','), periods: params.periods.join(','), structure: params.structure });
  if (params.level) query.set('level', params.level);
  if (params.under) query.set('under', `${params.under.structure}:${params.under.code}`);
  return query.toString();
}

/**
 * The month at which a target indicator is shown for a chosen month: the chosen one, or the deadline of its
 * earliest national target when that has passed (Decision 1336's targets are judged at the end of 2025).
 */
export function targetMonth(definition: Definition | undefined, period: string): string {
  const ends = (definition?.targets ?? []).filter((t) => !t.unit).map((t) => t.periodEnd.slice(0, 7).replace('-', ''));
  const deadline = ends.sort()[0];
  return deadline && deadline < period ? deadline : period;
}
