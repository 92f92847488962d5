import { useCallback, useState } from 'react';
import type { AdminStructure } from '../api/gql/graphql';
import { formatPeriod, useI18n } from '../i18n';
import { monthsSince2020, STRUCTURES } from '../indicators';

const MONTHS = monthsSince2020();
export const LATEST_MONTH = MONTHS[0];

/** The period picker (January 2020 to this month) and, where the page allows, the structure switch. */
export function PeriodControls(props: { period: string; onPeriod(period: string): void; structure?: AdminStructure; onStructure?(structure: AdminStructure): void }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('period')}
        <select value={props.period} onChange={(e) => props.onPeriod(e.target.value)}>
          {MONTHS.map((month) => (
            <option key={month} value={month}>
              {formatPeriod(month)}
            </option>
          ))}
        </select>
      </label>
      {props.structure && props.onStructure && (
        <label>
          {t('structure')}
          <select value={props.structure} onChange={(e) => props.onStructure!(e.target.value as AdminStructure)}>
            {STRUCTURES.map((structure) => (
              <option key={structure} value={structure}>
                {t(structure === 'PRE_2025' ? 'structurePre' : 'structurePost')}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

/** A choice kept for the browser tab (period, structure, indicator), so that drilling down and back keeps it. */
export function useTabState<T extends string>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => (sessionStorage.getItem(`ishc.${key}`) as T | null) ?? initial);
  const set = useCallback(
    (next: T) => {
      sessionStorage.setItem(`ishc.${key}`, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}
