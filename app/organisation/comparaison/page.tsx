import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EditionPicker } from "@/components/organiser/EditionPicker";
import { Section } from "@/components/ui/Section";
import { noticeClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { editionComparison, type EditionFigures } from "@/lib/organiser/comparison";
import { organiserEdition, previousEdition } from "@/lib/organiser/editions";
import { editionViewInput } from "@/lib/organiser/schemas";
import { DIMENSIONS, dimensionValueLabel, type Dimension } from "@/lib/representativity/reasons";
import { AdminPage } from "../edition/AdminNav";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.comparison"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const cell = "border-b border-slate-200 px-3 py-2 text-right tabular-nums";
const headCell = "border-b-2 border-slate-300 px-3 py-2 text-right";

// This edition beside the one before (lib/organiser/comparison.ts): the same figures as the dashboard,
// in two columns and their difference, then the sites by region, sector and size.
export default async function ComparisonPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/comparaison");
  const { edition: slug } = editionViewInput.parse(await searchParams);
  const [t, rawLocale, edition] = await Promise.all([getTranslations("organiserAdmin.comparison"), getLocale(), organiserEdition(slug)]);
  const locale = rawLocale === "en" ? "en" : "fr";
  const previous = edition && (await previousEdition(edition));
  const page = (content: React.ReactNode) => (
    <AdminPage current="comparison" title={t("title")} intro={t("intro")} spacing="gap-6">
      {edition && <EditionPicker current={edition} />}
      {content}
    </AdminPage>
  );
  if (!edition) return page(<p className={noticeClass}>{t("noEdition")}</p>);
  if (!previous) return page(<p className={noticeClass}>{t("noPrevious", { name: edition.name })}</p>);

  const { current, previous: before } = await editionComparison(edition, previous);
  const n = (value: number) => formatNumber(value, locale);
  const pct = (value: number | null) => (value === null ? "—" : formatPercent(value, locale));
  const pts = (value: number | null) => (value === null ? "—" : t("points", { value: formatNumber(value, locale, { maximumFractionDigits: 1, signed: true }) }));
  const share = (value: number | null) => (value === null ? "—" : `${formatNumber(value, locale, { maximumFractionDigits: 1 })} %`);
  const diff = (a: number | null, b: number | null, kind: "count" | "ratio" | "share") => {
    if (a === null || b === null) return "—";
    if (kind === "count") return formatNumber(b - a, locale, { signed: true });
    return pts(kind === "ratio" ? (b - a) * 100 : b - a);
  };
  const rows: [string, (f: EditionFigures) => number | null, (v: number | null) => string, "count" | "ratio" | "share"][] = [
    ["sites", (f) => f.sites, (v) => n(v ?? 0), "count"],
    ["returning", (f) => f.returning, (v) => n(v ?? 0), "count"],
    ["seatsOffered", (f) => f.seatsOffered, (v) => n(v ?? 0), "count"],
    ["seatsBooked", (f) => f.seatsBooked, (v) => n(v ?? 0), "count"],
    ["fillRate", (f) => f.fillRate, pct, "ratio"],
    ["schoolShare", (f) => f.schoolShare, pct, "ratio"],
    ["noShowRate", (f) => f.noShowRate, pct, "ratio"],
    ["walkIns", (f) => f.walkIns, (v) => n(v ?? 0), "count"],
    ["recommendBefore", (f) => f.recommendBefore, share, "share"],
    ["recommendAfter", (f) => f.recommendAfter, share, "share"],
    ["surveyShift", (f) => f.surveyShift, pts, "share"],
  ];
  const columns = (
    <tr>
      <th scope="col" className="border-b-2 border-slate-300 px-3 py-2 text-left">
        {t("indicator")}
      </th>
      <th scope="col" className={headCell}>
        {before!.edition.name}
      </th>
      <th scope="col" className={headCell}>
        {current.edition.name}
      </th>
      <th scope="col" className={headCell}>
        {t("difference")}
      </th>
    </tr>
  );
  const byDimension = (dimension: Dimension) => {
    const values = [...new Set([...before!.approvedBy[dimension].keys(), ...current.approvedBy[dimension].keys()])].filter(
      (value) => (before!.approvedBy[dimension].get(value) ?? 0) + (current.approvedBy[dimension].get(value) ?? 0) > 0,
    );
    return (
      <Section key={dimension} id={`by-${dimension}`} title={t(`by.${dimension}`)} titleClassName="text-xl font-semibold">
        <div className="overflow-x-auto">
          <table className="w-full max-w-3xl border-collapse">
            <caption className="sr-only">{t("byCaption", { dimension: t(`by.${dimension}`) })}</caption>
            <thead>{columns}</thead>
            <tbody>
              {values.map((value) => {
                const [a, b] = [before!.approvedBy[dimension].get(value) ?? 0, current.approvedBy[dimension].get(value) ?? 0];
                return (
                  <tr key={value}>
                    <th scope="row" className="border-b border-slate-200 px-3 py-2 text-left font-normal">
                      {dimension === "SECTOR" ? `${value} – ${dimensionValueLabel(dimension, value, locale)}` : dimensionValueLabel(dimension, value, locale)}
                    </th>
                    <td className={cell}>{n(a)}</td>
                    <td className={cell}>{n(b)}</td>
                    <td className={cell}>{diff(a, b, "count")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>
    );
  };

  return page(
    <>
      <Section id="overview" title={t("overview")}>
        <div className="overflow-x-auto">
          <table className="w-full max-w-3xl border-collapse">
            <caption className="sr-only">{t("overviewCaption", { current: current.edition.name, previous: before!.edition.name })}</caption>
            <thead>{columns}</thead>
            <tbody>
              {rows.map(([key, value, format, kind]) => (
                <tr key={key}>
                  <th scope="row" className="border-b border-slate-200 px-3 py-2 text-left font-normal">
                    {t(`rows.${key}`)}
                  </th>
                  <td className={cell}>{format(value(before!))}</td>
                  <td className={cell}>{format(value(current))}</td>
                  <td className={cell}>{diff(value(before!), value(current), kind)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-sm text-slate-700">{t("notes", { responsesBefore: before!.surveyResponses, responses: current.surveyResponses })}</p>
      </Section>
      {DIMENSIONS.map(byDimension)}
    </>,
  );
}
