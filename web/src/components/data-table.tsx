import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  /** Figures align right. */
  numeric?: boolean;
}

/**
 * A table of rows that scrolls sideways on narrow screens: the column headings, the rows the page renders, and
 * (when `empty` is given) one row saying why there is none.
 */
export function DataTable({ labelledBy, columns, empty, children }: { labelledBy?: string; columns: readonly Column[]; empty?: ReactNode; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={column.numeric ? 'number' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children}
          {empty && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
