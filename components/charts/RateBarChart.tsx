// Horizontal bars of a rate between 0 and 100 % (e.g. seats booked / seats offered), one per row,
// the rate and the underlying figures written beside each bar; the full figures follow in a table
// (DataTable). Pure HTML/CSS, server-rendered, printable.
import { DataTable, type DataTableProps } from "./DataTable";
import { PRINT_EXACT, SERIES_STYLE } from "./patterns";

export interface RateBar {
  key: string;
  label: string;
  /** Between 0 and 1; null when undefined (nothing offered). */
  value: number | null;
  /** The rate as text, e.g. "72 %". */
  valueText: string;
  /** Visible detail, e.g. "360 / 500 places · 20 créneaux". */
  detail: string;
}

export function RateBarChart({ id, title, bars, table }: { id: string; title: string; bars: RateBar[]; table: DataTableProps }) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3" style={PRINT_EXACT}>
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h3>
      <ul className="flex flex-col">
        {bars.map((bar) => (
          <li key={bar.key} data-key={bar.key} className="grid gap-x-4 gap-y-1 border-b border-slate-200 py-2 sm:grid-cols-[minmax(10rem,16rem)_1fr] print:break-inside-avoid">
            <div className="text-sm font-medium leading-snug">{bar.label}</div>
            <div className="flex flex-col gap-1">
              <div className="flex items-center gap-3">
                <div aria-hidden="true" className="relative h-4 flex-1 rounded-sm bg-slate-100 ring-1 ring-inset ring-slate-300">
                  <div className="absolute inset-y-0 left-0 rounded-l-sm" style={{ ...SERIES_STYLE.solid, width: `${Math.min(100, 100 * (bar.value ?? 0))}%` }} />
                </div>
                <span className="w-16 text-right font-semibold tabular-nums">{bar.valueText}</span>
              </div>
              <p className="text-sm text-slate-700">{bar.detail}</p>
            </div>
          </li>
        ))}
      </ul>
      <DataTable {...table} />
    </section>
  );
}
