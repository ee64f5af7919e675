// Fills of the bar charts. Each series differs by pattern as well as by colour (WCAG 1.4.1), and
// charts set print-color-adjust so that bars survive printing (browsers drop backgrounds otherwise).
import type { CSSProperties } from "react";

export const PRINT_EXACT: CSSProperties = { printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" };

export const SERIES_STYLE = {
  // Solid dark blue.
  solid: { backgroundColor: "#1e40af" },
  // Blue stripes.
  striped: { backgroundImage: "repeating-linear-gradient(135deg, #1d4ed8 0 3px, #bfdbfe 3px 6px)" },
  // Orange dots.
  dotted: { backgroundColor: "#fef3c7", backgroundImage: "radial-gradient(#b45309 1.2px, transparent 1.6px)", backgroundSize: "5px 5px" },
} satisfies Record<string, CSSProperties>;

export type SeriesStyle = keyof typeof SERIES_STYLE;

export function SeriesSwatch({ series }: { series: SeriesStyle }) {
  return <span aria-hidden="true" className="inline-block size-4 shrink-0 rounded-sm border border-slate-600" style={SERIES_STYLE[series]} />;
}

/** A vertical marker line: solid for targets, dashed for caps. */
export function MarkerSwatch({ kind }: { kind: "target" | "cap" }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block h-4 w-0 shrink-0 border-l-[3px] ${kind === "target" ? "border-solid border-slate-900" : "border-dashed border-red-700"}`}
    />
  );
}

/** A warning sign drawn next to under-target values (the text beside it says it in words). */
export function WarningIcon({ className = "size-4" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className={`${className} shrink-0`} fill="currentColor">
      <path d="M10 1.5 19 18H1L10 1.5Zm0 5a1 1 0 0 0-1 1v5a1 1 0 1 0 2 0v-5a1 1 0 0 0-1-1Zm0 8.25a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5Z" />
    </svg>
  );
}
