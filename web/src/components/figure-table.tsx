import { useMemo, useState } from 'react';
import { formatValue, useI18n } from '../i18n';
import type { Definition } from '../indicators';

export interface TableRow {
  key: string;
  name: string;
  /** Where the unit's name links to (its drill-down page); none for a club row without a page. */
  href?: string;
  values: Record<string, number | null>;
}

interface Props {
  caption: string;
  unitHeading: string;
  ids: string[];
  catalogue: Map<string, Definition> | undefined;
  rows: TableRow[];
}

type Sort = { column: string; ascending: boolean };

/** Units × indicators, sortable by any column with a button in its heading (keyboard and screen reader friendly). */
export function FigureTable({ caption, unitHeading, ids, catalogue, rows }: Props) {
  const { t, name } = useI18n();
  const [sort, setSort] = useState<Sort>({ column: 'name', ascending: true });
  const sorted = useMemo(() => {
    const copy = [...rows];
    copy.sort((a, b) => {
      let order: number;
      if (sort.column === 'name') order = a.name.localeCompare(b.name, 'vi');
      else {
        // Units without a figure go last whichever way the column is sorted.
        const [x, y] = [a.values[sort.column], b.values[sort.column]];
        if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
        if (y === null || y === undefined) return -1;
        order = x - y;
      }
      return sort.ascending ? order : -order;
    });
    return copy;
  }, [rows, sort]);

  const heading = (column: string, label: string, numeric: boolean) => {
    const active = sort.column === column;
    return (
      <th key={column} scope="col" className={numeric ? 'number' : undefined} aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
        <button type="button" onClick={() => setSort({ column, ascending: active ? !sort.ascending : !numeric })}>
          {label}
          <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {heading('name', unitHeading, false)}
            {ids.map((id) => {
              const definition = catalogue?.get(id);
              return heading(id, definition ? name(definition) : id, true);
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.href ? <a href={row.href}>{row.name}</a> : row.name}</th>
              {ids.map((id) => (
                <td key={id} className="number">
                  {formatValue(row.values[id], catalogue?.get(id)?.unit)}
                </td>
              ))}
            </tr>
          ))}
          {sorted.length === 0 && (
            <tr>
              <td colSpan={ids.length + 1}>{t('noData')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
