import { getLocale, getTranslations } from "next-intl/server";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import type { EditionFigures } from "@/lib/organiser/comparison";
import { DIMENSIONS, dimensionValueLabel, type Dimension } from "@/lib/representativity/reasons";

const cell = "border-b border-slate-200 px-3 py-2 text-right tabular-nums";
const headCell = "border-b-2 border-slate-300 px-3 py-2 text-right";
const rowHead = "border-b border-slate-200 px-3 py-2 text-left font-normal";

type Kind = "count" | "ratio" | "share";

// An edition beside the one before (lib/organiser/comparison.ts), as the comparison page and the
// edition's report show it: the overview and its difference, then the sites by region, sector and
// size. `level` is the level of the tables' headings in the page.
export async function ComparisonTables({ current, previous, level }: { current: EditionFigures; previous: EditionFigures; level: 2 | 3 }) {
  const [t, rawLocale] = await Promise.all([getTranslations("organiserAdmin.comparison"), getLocale()]);
  const locale = rawLocale === "en" ? "en" : "fr";
  const Heading = level === 2 ? "h2" : "h3";
  const headingClass = level === 2 ? "text-2xl font-semibold" : "text-xl font-semibold";
  const n = (value: number | null) => formatNumber(value ?? 0, locale);
  const pct = (value: number | null) => (value === null ? "—" : formatPercent(value, locale));
  const pts = (value: number | null) => (value === null ? "—" : t("points", { value: formatNumber(value, locale, { maximumFractionDigits: 1, signed: true }) }));
  const share = (value: number | null) => (value === null ? "—" : `${formatNumber(value, locale, { maximumFractionDigits: 1 })} %`);
  const diff = (a: number | null, b: number | null, kind: Kind) => {
    if (a === null || b === null) return "—";
    if (kind === "count") return formatNumber(b - a, locale, { signed: true });
    return pts(kind === "ratio" ? (b - a) * 100 : b - a);
  };
  const rows: [string, (f: EditionFigures) => number | null, (v: number | null) => string, Kind][] = [
    ["sites", (f) => f.sites, n, "count"],
    ["returning", (f) => f.returning, n, "count"],
    ["seatsOffered", (f) => f.seatsOffered, n, "count"],
    ["seatsBooked", (f) => f.seatsBooked, n, "count"],
    ["fillRate", (f) => f.fillRate, pct, "ratio"],
    ["schoolShare", (f) => f.schoolShare, pct, "ratio"],
    ["noShowRate", (f) => f.noShowRate, pct, "ratio"],
    ["walkIns", (f) => f.walkIns, n, "count"],
    ["recommendBefore", (f) => f.recommendBefore, share, "share"],
    ["recommendAfter", (f) => f.recommendAfter, share, "share"],
    ["surveyShift", (f) => f.surveyShift, pts, "share"],
  ];
  const columns = (first: string) => (
    <tr>
      <th scope="col" className="border-b-2 border-slate-300 px-3 py-2 text-left">
        {first}
      </th>
      <th scope="col" className={headCell}>
        {previous.edition.name}
      </th>
      <th scope="col" className={headCell}>
        {current.edition.name}
      </th>
      <th scope="col" className={headCell}>
        {t("difference")}
      </th>
    </tr>
  );
  const table = (caption: string, first: string, body: React.ReactNode) => (
    <div className="overflow-x-auto">
      <table className="w-full max-w-3xl border-collapse">
        <caption className="sr-only">{caption}</caption>
        <thead>{columns(first)}</thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
  const byDimension = (dimension: Dimension) => {
    const [before, now] = [previous.approvedBy[dimension], current.approvedBy[dimension]];
    const values = [...new Set([...before.keys(), ...now.keys()])].filter((value) => (before.get(value) ?? 0) + (now.get(value) ?? 0) > 0);
    return (
      <section key={dimension} aria-labelledby={`by-${dimension}`} className="flex flex-col gap-3">
        <Heading id={`by-${dimension}`} className={headingClass}>
          {t(`by.${dimension}`)}
        </Heading>
        {table(
          t("byCaption", { dimension: t(`by.${dimension}`) }),
          t(`dimension.${dimension}`),
          values.map((value) => (
            <tr key={value}>
              <th scope="row" className={rowHead}>
                {dimension === "SECTOR" ? `${value} – ${dimensionValueLabel(dimension, value, locale)}` : dimensionValueLabel(dimension, value, locale)}
              </th>
              <td className={cell}>{n(before.get(value) ?? 0)}</td>
              <td className={cell}>{n(now.get(value) ?? 0)}</td>
              <td className={cell}>{diff(before.get(value) ?? 0, now.get(value) ?? 0, "count")}</td>
            </tr>
          )),
        )}
      </section>
    );
  };

  return (
    <>
      <section aria-labelledby="overview" className="flex flex-col gap-3">
        <Heading id="overview" className={headingClass}>
          {t("overview")}
        </Heading>
        {table(
          t("overviewCaption", { current: current.edition.name, previous: previous.edition.name }),
          t("indicator"),
          rows.map(([key, value, format, kind]) => (
            <tr key={key}>
              <th scope="row" className={rowHead}>
                {t(`rows.${key}`)}
              </th>
              <td className={cell}>{format(value(previous))}</td>
              <td className={cell}>{format(value(current))}</td>
              <td className={cell}>{diff(value(previous), value(current), kind)}</td>
            </tr>
          )),
        )}
        <p className="text-sm text-slate-700">{t("notes", { responsesBefore: previous.surveyResponses, responses: current.surveyResponses })}</p>
      </section>
      {DIMENSIONS.map(byDimension)}
    </>
  );
}
