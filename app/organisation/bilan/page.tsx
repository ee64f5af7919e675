import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ComparisonTables } from "@/components/organiser/ComparisonTables";
import { EditionPicker } from "@/components/organiser/EditionPicker";
import { FactList } from "@/components/ui/FactList";
import { PrintButton } from "@/components/ui/PrintButton";
import { Section } from "@/components/ui/Section";
import { noticeClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { dimensionValueLabel } from "@/lib/representativity/reasons";
import { formatDayRange, formatNumber, formatPercent } from "@/lib/i18n/format";
import { organiserEdition, previousEdition } from "@/lib/organiser/editions";
import { editionReport, SMALL_GROUP } from "@/lib/organiser/report";
import { editionViewInput } from "@/lib/organiser/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.report"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const cell = "border-b border-slate-200 px-3 py-2 text-right tabular-nums";
const rowHead = "border-b border-slate-200 px-3 py-2 text-left font-normal";
const colHead = "border-b-2 border-slate-300 px-3 py-2";
const facts = "grid max-w-3xl grid-cols-[minmax(0,1fr)_auto] gap-x-6 gap-y-2";

// The edition's report for partners (lib/organiser/report.ts): printable (the browser's "Save as
// PDF" keeps its layout), with small groups of people suppressed.
export default async function EditionReportPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/bilan");
  const { edition: slug } = editionViewInput.parse(await searchParams);
  const [t, rawLocale, edition] = await Promise.all([getTranslations("organiserAdmin.report"), getLocale(), organiserEdition(slug)]);
  const locale = rawLocale === "en" ? "en" : "fr";
  if (!edition) return <p className={noticeClass}>{t("noEdition")}</p>;
  const report = await editionReport(edition, await previousEdition(edition));
  const { comparison, visitors, pupils, perception, hosts } = report;
  const n = (value: number) => formatNumber(value, locale);
  const hidden = (value: number | null) => (value === null ? t("suppressed", { threshold: SMALL_GROUP }) : n(value));
  const share = (value: number | null) => (value === null ? t("suppressed", { threshold: SMALL_GROUP }) : `${formatNumber(value, locale, { maximumFractionDigits: 1 })} %`);
  const points = (value: number | null) => (value === null ? "—" : t("points", { value: formatNumber(value, locale, { maximumFractionDigits: 1, signed: true }) }));

  // A table of figures by region: its caption (read by screen readers), its columns, its rows.
  const regionTable = (caption: string, columns: string[], rows: [region: string, values: string[]][]) => (
    <div className="overflow-x-auto">
      <table className="w-full max-w-3xl border-collapse">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={`${colHead} text-left`}>
              {t("region")}
            </th>
            {columns.map((column) => (
              <th key={column} scope="col" className={`${colHead} text-right`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([region, values]) => (
            <tr key={region}>
              <th scope="row" className={rowHead}>
                {dimensionValueLabel("REGION", region, locale)}
              </th>
              {values.map((value, i) => (
                <td key={i} className={cell}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <div className="flex flex-col gap-8 print:gap-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("heading", { name: edition.name })}</h1>
        <p className="text-lg first-letter:uppercase">{formatDayRange(edition.firstDay, edition.lastDay, locale)}</p>
        <p className="max-w-3xl text-slate-700">{t("intro", { threshold: SMALL_GROUP })}</p>
        <div className="no-print flex flex-wrap items-end gap-4">
          <PrintButton label={t("print")} />
          <EditionPicker current={edition} />
        </div>
      </header>

      <Section id="key-figures" title={t("keyFigures")}>
        <FactList
          className={facts}
          facts={[
            [t("facts.sites"), n(comparison.current.sites)],
            [t("facts.returning"), n(comparison.current.returning)],
            [t("facts.seatsBooked"), n(visitors.seatsBooked)],
            [t("facts.came"), visitors.came === null ? t("facts.noDoor") : n(visitors.came)],
            [t("facts.walkIns"), n(visitors.walkIns)],
            [t("facts.pupils"), n(pupils.pupils)],
            [t("facts.schools"), n(pupils.schools)],
            [t("facts.departments"), n(pupils.departments)],
          ]}
        />
      </Section>

      <Section id="perception" title={t("perception.title")}>
        <p className="max-w-3xl">
          {perception.after === null
            ? t("perception.tooFew", { responses: perception.responses, threshold: SMALL_GROUP })
            : t("perception.summary", { after: share(perception.after), before: share(perception.before), baseline: `${perception.baseline} %`, shift: points(perception.shift), responses: perception.responses })}
        </p>
        {perception.byRegion.length > 0 &&
          regionTable(
            t("perception.caption"),
            [t("perception.responses"), t("perception.after"), t("perception.shift")],
            perception.byRegion.map((row) => [row.region, [n(row.responses), share(row.after), row.shift === null ? t("suppressed", { threshold: SMALL_GROUP }) : points(row.shift)]]),
          )}
      </Section>

      <Section id="visitors" title={t("visitors.title")}>
        {regionTable(
          t("visitors.caption"),
          [t("visitors.people")],
          visitors.byRegion.map((row) => [row.region, [hidden(row.people)]]),
        )}
      </Section>

      <Section id="hosts" title={t("hosts.title")}>
        <FactList
          className={facts}
          facts={[
            [t("hosts.answered"), t("hosts.answeredValue", { answered: hosts.answered, invited: hosts.invited })],
            [t("hosts.openAgain"), hosts.openAgainShare === null ? t("suppressed", { threshold: SMALL_GROUP }) : formatPercent(hosts.openAgainShare, locale)],
            [t("hosts.leads"), n(hosts.recruitmentLeads)],
            [t("hosts.apprenticeships"), n(hosts.apprenticeshipApplications)],
          ]}
        />
      </Section>

      <Section id="compared" title={comparison.previous ? t("compared", { previous: comparison.previous.edition.name }) : t("previousEdition")}>
        {comparison.previous ? (
          <ComparisonTables current={comparison.current} previous={comparison.previous} level={3} />
        ) : (
          <p>{t("firstEdition")}</p>
        )}
      </Section>
    </div>
  );
}
