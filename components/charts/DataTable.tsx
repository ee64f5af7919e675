// The text alternative of a chart: the same figures as a table with a caption, folded in a
// <details> under the chart (keyboard and screen-reader friendly, no script). Cells arrive already
// formatted for the reader's language.
export interface DataTableColumn {
  key: string;
  header: string;
  numeric?: boolean;
}

export interface DataTableRow {
  key: string;
  /** The row header (first column). */
  header: string;
  cells: (string | number)[];
  /** Marks a row needing attention (e.g. under target); the cells must also say so in words. */
  emphasis?: boolean;
}

export interface DataTableProps {
  summary: string;
  caption: string;
  columns: DataTableColumn[];
  rows: DataTableRow[];
  open?: boolean;
}

const cell = "border-b border-slate-200 px-2 py-1.5 align-top";

export function DataTable({ summary, caption, columns, rows, open = false }: DataTableProps) {
  const [first, ...others] = columns;
  return (
    <details open={open} className="group rounded-md border border-slate-300 print:hidden">
      <summary className="cursor-pointer px-3 py-2 font-medium text-brand-700 underline underline-offset-4">{summary}</summary>
      <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto px-3 pb-3">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="py-2 text-left font-semibold">{caption}</caption>
          <thead>
            <tr className="bg-slate-100">
              <th scope="col" className={`${cell} font-semibold`}>
                {first.header}
              </th>
              {others.map((column) => (
                <th key={column.key} scope="col" className={`${cell} font-semibold ${column.numeric ? "text-right" : ""}`}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.emphasis ? "bg-amber-50" : undefined}>
                <th scope="row" className={`${cell} font-medium`}>
                  {row.header}
                </th>
                {row.cells.map((value, i) => (
                  <td key={others[i]?.key ?? i} className={`${cell} ${others[i]?.numeric ? "text-right tabular-nums" : ""}`}>
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
