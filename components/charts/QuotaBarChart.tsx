// Horizontal stacked bars of factories by status (approved / pending / waitlisted) for each value
// of a dimension, with the target (solid line) and the cap (dashed line) drawn on each bar. Every
// figure is also written beside its bar, and a value under target is flagged with an icon AND a
// sentence, never by colour alone. The bars are decorative for assistive technologies (the text is
// read instead); the full figures follow in a table (DataTable). Pure HTML/CSS, server-rendered.
import { DataTable, type DataTableProps } from "./DataTable";
import { MarkerSwatch, PRINT_EXACT, SERIES_STYLE, SeriesSwatch, WarningIcon } from "./patterns";

export interface QuotaBar {
  key: string;
  label: string;
  /** A small note after the label, e.g. "outre-mer". */
  note?: string;
  approved: number;
  pending: number;
  waitlisted: number;
  target: number | null;
  cap: number | null;
  /** Visible text: "12 validés · 3 en attente · 1 en liste d'attente". */
  summary: string;
  /** Visible text: "objectif 15 · plafond 20" or "sans quota". */
  quota: string;
  flag?: { tone: "warning" | "alert" | "info"; text: string };
}

export interface QuotaBarChartLabels {
  legend: string;
  approved: string;
  pending: string;
  waitlisted: string;
  target: string;
  cap: string;
}

const FLAG_STYLE = {
  warning: "border-amber-600 bg-amber-50 text-amber-950",
  alert: "border-red-700 bg-red-50 text-red-900",
  info: "border-slate-500 bg-slate-50 text-slate-800",
} as const;

const pct = (value: number, max: number) => `${Math.min(100, (100 * value) / max)}%`;

export function QuotaBarChart({
  id,
  title,
  bars,
  labels,
  table,
  emptyText,
}: {
  id: string;
  title: string;
  bars: QuotaBar[];
  labels: QuotaBarChartLabels;
  table: DataTableProps;
  emptyText?: string;
}) {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.approved + b.pending + b.waitlisted, b.target ?? 0, b.cap ?? 0)));
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3" style={PRINT_EXACT}>
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h3>
      <ul aria-label={labels.legend} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {(
          [
            [<SeriesSwatch key="s" series="solid" />, labels.approved],
            [<SeriesSwatch key="s" series="striped" />, labels.pending],
            [<SeriesSwatch key="s" series="dotted" />, labels.waitlisted],
            [<MarkerSwatch key="s" kind="target" />, labels.target],
            [<MarkerSwatch key="s" kind="cap" />, labels.cap],
          ] as const
        ).map(([swatch, label]) => (
          <li key={label} className="flex items-center gap-1.5">
            {swatch}
            {label}
          </li>
        ))}
      </ul>
      {bars.length === 0 && emptyText ? <p>{emptyText}</p> : null}
      <ul className="flex flex-col">
        {bars.map((bar) => {
          const total = bar.approved + bar.pending + bar.waitlisted;
          const flagged = bar.flag?.tone === "warning" || bar.flag?.tone === "alert";
          return (
            <li
              key={bar.key}
              data-key={bar.key}
              className={`grid gap-x-4 gap-y-1 border-b border-slate-200 py-2 pl-2 sm:grid-cols-[minmax(10rem,16rem)_1fr] print:break-inside-avoid ${
                flagged ? "border-l-4 border-l-amber-600 bg-amber-50/60" : "border-l-4 border-l-transparent"
              }`}
            >
              <div className="text-sm font-medium leading-snug">
                {bar.label}
                {bar.note ? <span className="font-normal text-slate-600"> ({bar.note})</span> : null}
              </div>
              <div className="flex flex-col gap-1">
                <div aria-hidden="true" className="relative my-1 h-5 rounded-sm bg-slate-100 ring-1 ring-inset ring-slate-300">
                  <div className="absolute inset-y-0 left-0 flex overflow-hidden rounded-l-sm" style={{ width: pct(total, max) }}>
                    {bar.approved > 0 && <span className="h-full border-r border-white" style={{ ...SERIES_STYLE.solid, flexGrow: bar.approved }} />}
                    {bar.pending > 0 && <span className="h-full border-r border-white" style={{ ...SERIES_STYLE.striped, flexGrow: bar.pending }} />}
                    {bar.waitlisted > 0 && <span className="h-full" style={{ ...SERIES_STYLE.dotted, flexGrow: bar.waitlisted }} />}
                  </div>
                  {bar.target !== null && (
                    <span className="absolute -inset-y-1 w-0 border-l-[3px] border-solid border-slate-900" style={{ left: `calc(${pct(bar.target, max)} - 1.5px)` }} />
                  )}
                  {bar.cap !== null && (
                    <span className="absolute -inset-y-1 w-0 border-l-[3px] border-dashed border-red-700" style={{ left: `calc(${pct(bar.cap, max)} - 1.5px)` }} />
                  )}
                </div>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <p className="text-sm text-slate-800">
                    {bar.summary} — <span className="text-slate-700">{bar.quota}</span>
                  </p>
                  {bar.flag && (
                    <p className={`flex w-fit items-center gap-1.5 rounded border px-2 py-0.5 text-sm font-semibold ${FLAG_STYLE[bar.flag.tone]}`}>
                      {bar.flag.tone !== "info" && <WarningIcon />}
                      {bar.flag.text}
                    </p>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <DataTable {...table} />
    </section>
  );
}
