import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/charts/DataTable";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { SURVEY_DELAY_HOURS } from "@/lib/lifecycle/survey-invitations";
import type { SurveyDimension, SurveyResultRow, SurveyResults as Results } from "@/lib/survey/results";
import { IFOP_2024_RECOMMEND_SHARE } from "@/lib/survey/schemas";

// Fewer answers than this: the row is flagged (percentages on a handful of answers swing a lot).
const LOW_SAMPLE = 10;

type Breakdown = Exclude<SurveyDimension, "ALL">;

// A horizontal bar drawn with SVG attributes (no inline style, so the strict CSP holds). Decorative:
// the value is always written next to it, and the tables carry every figure.
function Bar({ value, tone }: { value: number | null; tone: "before" | "after" | "baseline" }) {
  const fill = { before: "#94a3b8", after: "#1e40af", baseline: "#ea580c" }[tone];
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full min-w-16 rounded-sm bg-slate-100">
      <rect x="0" y="0" height="10" width={Math.max(0, Math.min(100, value ?? 0))} fill={fill} />
    </svg>
  );
}

/**
 * The post-visit survey results of an edition (from lib/survey's surveyResults): key figures
 * (response rate, mean satisfaction, share who would recommend a job in industry before and after
 * the visit, shift), the before/after shares next to the IFOP 2024 baseline, then one table per
 * breakdown. Server component; `dimensions` picks the tables (default: all). Until the first
 * answer it says when answers will come instead of showing empty figures.
 */
export async function SurveyResults({
  results,
  dimensions = ["REGION", "SECTOR", "SIZE", "AUDIENCE"],
  headingLevel = 2,
}: {
  results: Results;
  dimensions?: Breakdown[];
  headingLevel?: 2 | 3;
}) {
  const [t, tJobs, locale] = await Promise.all([getTranslations("lifecycle.results"), getTranslations("jobs.survey"), getLocale()]);
  const lang = locale === "en" ? "en" : "fr";
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const none = t("none");
  const pct = (value: number | null) => (value === null ? none : formatPercent(value / 100, locale, 1));
  const pts = (value: number | null) => (value === null ? none : formatNumber(value, locale, { maximumFractionDigits: 1, signed: true }));
  const mean = (value: number | null) => (value === null ? none : formatNumber(value, locale, { minimumFractionDigits: 1 }));
  const { overall } = results;
  const rowsOf: Record<Breakdown, SurveyResultRow[]> = {
    REGION: results.byRegion,
    SECTOR: results.bySector,
    SIZE: results.bySize,
    AUDIENCE: results.byAudience,
  };
  const rowLabel = (row: SurveyResultRow) => (row.dimension === "SECTOR" ? `${row.value} – ${row.label[lang]}` : row.label[lang]);
  const baseline = <p className="text-sm text-slate-700">{t("baseline", { share: IFOP_2024_RECOMMEND_SHARE })}</p>;

  const heading = (
    <>
      <H id="survey-results-title" className={headingLevel === 2 ? "text-2xl font-semibold" : "text-xl font-semibold"}>
        {t("title")}
      </H>
      <p className="max-w-3xl text-slate-800">{t("intro", { hours: SURVEY_DELAY_HOURS })}</p>
    </>
  );
  const summary = <p>{t("summary", { responses: overall.responses, eligible: overall.eligible })}</p>;

  if (overall.responses === 0) {
    return (
      <section aria-labelledby="survey-results-title" className="flex flex-col gap-4">
        {heading}
        {overall.eligible === 0 ? <p className="rounded-md bg-slate-50 p-4">{t("empty")}</p> : summary}
        {baseline}
      </section>
    );
  }

  const keyFigures = [
    { key: "rate", value: pct(overall.responseRate) },
    { key: "satisfaction", value: mean(overall.meanSatisfaction) },
    { key: "before", value: pct(overall.recommendBeforeShare) },
    { key: "after", value: pct(overall.recommendAfterShare) },
    { key: "shift", value: pts(overall.shift) },
  ] as const;
  const bars = [
    { key: "before", label: t("barBefore"), value: overall.recommendBeforeShare },
    { key: "after", label: t("barAfter"), value: overall.recommendAfterShare },
    { key: "baseline", label: t("barBaseline"), value: IFOP_2024_RECOMMEND_SHARE },
  ] as const;
  const afterVsBaseline = overall.recommendAfterShare === null ? null : Math.round(10 * (overall.recommendAfterShare - IFOP_2024_RECOMMEND_SHARE)) / 10;

  return (
    <section aria-labelledby="survey-results-title" className="flex flex-col gap-4">
      {heading}
      {summary}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {keyFigures.map((figure) => (
          <div key={figure.key} className="rounded-xl border border-slate-200 p-4 print:border-slate-400 print:p-2">
            <dt className="text-sm text-slate-700">{t(`figures.${figure.key}`)}</dt>
            <dd className="text-xl font-bold tabular-nums text-brand-900">{figure.value}</dd>
          </div>
        ))}
      </dl>

      <figure className="flex flex-col gap-2 rounded-xl border border-slate-200 p-4">
        <figcaption className="font-medium">{t("chartLabel")}</figcaption>
        <dl className="grid grid-cols-[minmax(7rem,auto)_1fr_auto] items-center gap-x-3 gap-y-2">
          {bars.map((bar) => (
            <div key={bar.key} className="contents">
              <dt>{bar.label}</dt>
              <dd className="contents">
                <Bar value={bar.value} tone={bar.key} />
                <span className="text-right font-semibold tabular-nums">{pct(bar.value)}</span>
              </dd>
            </div>
          ))}
        </dl>
        {afterVsBaseline !== null && (
          <p>{t("afterVsBaseline", { after: pct(overall.recommendAfterShare), diff: pts(afterVsBaseline), baseline: pct(IFOP_2024_RECOMMEND_SHARE) })}</p>
        )}
        {baseline}
      </figure>
      <p className="text-sm text-slate-700">{t("unit")}</p>

      <Sub id="survey-breakdown-title" className="text-lg font-semibold">
        {t("breakdownTitle")}
      </Sub>
      {dimensions.map((dimension) => {
        const rows = rowsOf[dimension];
        if (rows.length === 0) return null;
        const captionId = `survey-caption-${dimension}`;
        const noteId = `survey-low-${dimension}`;
        const anyLow = rows.some((r) => r.responses < LOW_SAMPLE);
        return (
          <div key={dimension} className="flex flex-col gap-2">
            {/* Scrolls sideways on narrow screens: focusable so a keyboard can scroll it. */}
            <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto">
              <table className="w-full min-w-[40rem] table-fixed border-collapse text-sm" aria-describedby={anyLow ? noteId : undefined}>
                <caption id={captionId} className="mb-2 text-left font-semibold">
                  {t("caption", { dimension: t(`dimension.${dimension}`) })}
                </caption>
                <thead>
                  <tr className="border-b border-slate-300 text-left align-bottom">
                    <th scope="col" className="w-[26%] py-2 pr-3">{t(`columns.group.${dimension}`)}</th>
                    <th scope="col" className="py-2 pr-3 text-right">{t("columns.responses")}</th>
                    <th scope="col" className="py-2 pr-3 text-right">{t("columns.rate")}</th>
                    <th scope="col" className="py-2 pr-3 text-right">{t("columns.satisfaction")}</th>
                    <th scope="col" className="py-2 pr-3 text-right">{t("columns.before")}</th>
                    <th scope="col" className="w-[20%] py-2 pr-3">{t("columns.after")}</th>
                    <th scope="col" className="py-2 text-right">{t("columns.shift")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const low = row.responses < LOW_SAMPLE;
                    return (
                      <tr key={row.value} className="border-b border-slate-200">
                        <th scope="row" className="py-2 pr-3 text-left font-normal">
                          {rowLabel(row)}
                          {low && (
                            <>
                              <span aria-hidden="true"> *</span>
                              <span className="sr-only"> ({t("lowSample")})</span>
                            </>
                          )}
                        </th>
                        <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(row.responses, locale)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{pct(row.responseRate)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{mean(row.meanSatisfaction)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{pct(row.recommendBeforeShare)}</td>
                        <td className="py-2 pr-3">
                          <span className="flex items-center gap-2">
                            <Bar value={row.recommendAfterShare} tone="after" />
                            <span className="tabular-nums">{pct(row.recommendAfterShare)}</span>
                          </span>
                        </td>
                        <td className="py-2 text-right tabular-nums">{pts(row.shift)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {anyLow && (
              <p id={noteId} className="text-sm text-slate-700">
                * {t("lowSample")}
              </p>
            )}
          </div>
        );
      })}

      <Sub id="survey-jobs-title" className="text-lg font-semibold">
        {tJobs("resultsTitle")}
      </Sub>
      {results.discoveredJobs.length === 0 ? (
        <p>{tJobs("noAnswers")}</p>
      ) : (
        <DataTable
          open
          summary={tJobs("resultsCaption")}
          caption={tJobs("resultsCaption")}
          columns={[
            { key: "job", header: tJobs("job") },
            { key: "answers", header: tJobs("answers"), numeric: true },
          ]}
          rows={results.discoveredJobs.map((row) => ({ key: row.romeCode, header: `${row.label} (${row.romeCode})`, cells: [formatNumber(row.answers, locale)] }))}
        />
      )}
    </section>
  );
}
