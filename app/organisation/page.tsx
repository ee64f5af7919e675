import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AlertStats } from "@/components/alerts/AlertStats";
import { WarningIcon } from "@/components/charts/patterns";
import { QuotaBarChart, type QuotaBar } from "@/components/charts/QuotaBarChart";
import { RateBarChart } from "@/components/charts/RateBarChart";
import { FranceRegionsMap } from "@/components/map/FranceRegionsMap";
import { SurveyResults } from "@/components/survey/SurveyResults";
import { ColumnHeaders } from "@/components/ui/ColumnHeaders";
import { Section } from "@/components/ui/Section";
import { organiserCircuits } from "@/lib/circuit/queries";
import { linkClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { isOver, organiserEdition } from "@/lib/organiser/editions";
import { EditionPicker } from "@/components/organiser/EditionPicker";
import { noticeClass } from "@/components/ui/styles";
import { departmentName, regionName } from "@/lib/geo/regions";
import { attendanceFigures, type AttendanceBreakdown } from "@/lib/organiser/attendance";
import { hostSurveyFigures } from "@/lib/host-survey";
import { transportFigures } from "@/lib/transport/queries";
import { isLocale } from "@/lib/i18n/config";
import { furthestBelowTargetFirst, organiserDashboard, type RepresentativityRow, type VisitBreakdown } from "@/lib/organiser/dashboard";
import { ORGANISATION_TYPES } from "@/lib/booking/schemas";
import { dashboardViewInput, REPR_ORDERS } from "@/lib/organiser/schemas";
import { sectorLabel } from "@/lib/reference/naf";
import { DIMENSIONS, type Dimension } from "@/lib/representativity/reasons";
import { surveyResults } from "@/lib/survey";
import { formatDateTime, formatDayRange, formatNumber, formatPercent, formatWeekdayDate } from "@/lib/i18n/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiser"))("title"), robots: { index: false } };
}

const LINKS = [
  ["validations", "/organisation/validations"],
  ["quotas", "/organisation/quotas"],
  ["exports", "/organisation/exports"],
  ["edition", "/organisation/edition"],
  ["comparison", "/organisation/comparaison"],
  ["report", "/organisation/bilan"],
  ["journal", "/organisation/journal"],
  ["roles", "/organisation/roles"],
  ["partners", "/organisation/partenaires"],
] as const;

const card = "rounded-xl border border-slate-200 p-4 print:border-slate-400 print:p-2";
const sectionClass = "flex flex-col gap-4";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OrganiserDashboardPage({ searchParams }: Props) {
  const user = await pageOrganiser("/organisation");
  const { ordre: order, edition: slug } = dashboardViewInput.parse(await searchParams);
  const [t, tJobs, tCircuits, format, rawLocale, edition] = await Promise.all([
    getTranslations("organiser"),
    getTranslations("jobs"),
    getTranslations("circuits"),
    getFormatter(),
    getLocale(),
    organiserEdition(slug),
  ]);
  const locale = isLocale(rawLocale) ? rawLocale : "fr";

  // The other organiser pages: a short list, so that it fits the first screen beside "À traiter".
  const links = (waiting: number | null) => (
    <nav aria-label={t("links.label")} className={`${card} no-print`}>
      <ul className="flex flex-col gap-2">
        {LINKS.map(([key, href]) => (
          <li key={key}>
            <Link href={href} className={linkClass}>
              {t(`links.${key}.title`)}
            </Link>
            {key === "validations" && waiting !== null && <span className="text-sm font-semibold text-slate-900"> · {t("links.waiting", { count: waiting })}</span>}
          </li>
        ))}
      </ul>
    </nav>
  );

  if (!edition) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p>{t("noEdition")}</p>
        {links(null)}
      </div>
    );
  }

  // Both aggregated in PostgreSQL (lib/organiser/dashboard, lib/survey/results), in parallel.
  const [data, survey] = await Promise.all([organiserDashboard(edition.id), surveyResults(edition.id)]);
  const { factories, representativity: repr, visits, groups, jobs, outbox, toDo } = data;
  const n = (value: number) => formatNumber(value, locale);
  const percent = (value: number | null) => (value === null ? t("visits.none") : formatPercent(value, locale));
  const orNone = (value: number | null) => (value === null ? t("repr.none") : n(value));
  const days = formatDayRange(edition.firstDay, edition.lastDay, locale);

  // ── Representativity ──
  const label = (row: RepresentativityRow) => (row.dimension === "SECTOR" ? `${row.value} – ${row.label[locale]}` : row.label[locale]);
  const flagOf = (row: RepresentativityRow): QuotaBar["flag"] =>
    row.overCap
      ? { tone: "alert", text: t("repr.overCap") }
      : row.underTarget
        ? { tone: "warning", text: t("repr.underTarget", { missing: row.missing }) }
        : row.capReached
          ? { tone: "info", text: t("repr.capReached") }
          : undefined;
  const statusText = (row: RepresentativityRow) =>
    row.overCap
      ? t("repr.overCap")
      : row.underTarget
        ? t("repr.underTargetShort", { missing: row.missing })
        : row.capReached
          ? t("repr.capReached")
          : row.target !== null
            ? t("repr.ok")
            : "";
  // The order the organiser chose for every representativity chart and its table.
  const rowsOf = (dimension: Dimension) => (order === "ecart" ? furthestBelowTargetFirst(repr[dimension]) : repr[dimension]);
  const bars = (dimension: Dimension): QuotaBar[] =>
    rowsOf(dimension).map((row) => ({
      key: row.value,
      label: label(row),
      note: row.overseas ? t("repr.overseas") : undefined,
      approved: row.approved,
      pending: row.pending,
      waitlisted: row.waitlisted,
      target: row.target,
      cap: row.cap,
      summary: t("repr.rowSummary", { approved: row.approved, pending: n(row.pending), waitlisted: n(row.waitlisted) }),
      quota: row.target === null && row.cap === null ? t("repr.noQuota") : t("repr.rowQuota", { target: orNone(row.target), cap: orNone(row.cap) }),
      flag: flagOf(row),
    }));
  const reprTable = (dimension: Dimension) => ({
    summary: `${t("repr.table")} — ${t(`repr.${dimension}`)}`,
    caption: t("repr.tableCaption", { dimension }),
    columns: [
      { key: "value", header: t(`repr.dimensionColumn.${dimension}`) },
      ...(["approved", "pending", "waitlisted", "rejected", "target", "cap"] as const).map((key) => ({ key, header: t(`repr.${key}`), numeric: true })),
      { key: "status", header: t("repr.status") },
    ],
    rows: rowsOf(dimension).map((row) => ({
      key: row.value,
      header: row.overseas ? `${label(row)} (${t("repr.overseas")})` : label(row),
      cells: [n(row.approved), n(row.pending), n(row.waitlisted), n(row.rejected), orNone(row.target), orNone(row.cap), statusText(row)],
      emphasis: row.underTarget || row.overCap,
    })),
  });
  const underTarget = (dimension: Dimension) => repr[dimension].filter((row) => row.underTarget).length;

  // ── Visits ──
  const dayLabel = (day: string) =>
    formatWeekdayDate(day, locale, { year: false });
  const visitLabel = {
    day: dayLabel,
    region: (code: string) => regionName(code) ?? code,
    sector: (code: string) => `${code} – ${sectorLabel(code, locale) ?? ""}`,
  };
  const visitChart = (by: "day" | "region" | "sector", rows: VisitBreakdown[]) => ({
    id: `visits-${by}`,
    title: t("visits.chartTitle", { by }),
    bars: rows.map((row) => ({
      key: row.key,
      label: visitLabel[by](row.key),
      value: row.fillRate,
      valueText: percent(row.fillRate),
      detail: t("visits.rowDetail", {
        booked: n(row.seatsBooked),
        capacity: n(row.capacity),
        slots: row.slots,
        school: percent(row.schoolShare),
        waiting: t("visits.waitlistValue", { entries: row.waitlistEntries, seats: row.waitlistSeats }),
      }),
    })),
    table: {
      summary: `${t("repr.table")} — ${t("visits.chartTitle", { by })}`,
      caption: t("visits.tableCaption", { by }),
      columns: [
        { key: "key", header: t(`visits.${by}Column`) },
        ...(["slots", "capacity", "seatsBooked", "fillRate", "schoolSeats", "schoolShare", "waitlistEntries", "waitlistSeats", "fullSlots"] as const).map(
          (key) => ({ key, header: t(`visits.${key}`), numeric: true }),
        ),
      ],
      rows: rows.map((row) => ({
        key: row.key,
        header: visitLabel[by](row.key),
        cells: [
          n(row.slots),
          n(row.capacity),
          n(row.seatsBooked),
          percent(row.fillRate),
          n(row.schoolSeats),
          percent(row.schoolShare),
          n(row.waitlistEntries),
          n(row.waitlistSeats),
          n(row.fullSlots),
        ],
      })),
    },
  });
  const totals = visits.totals;
  const visitStats: [string, string][] = [
    ["slots", n(totals.slots)],
    ["capacity", n(totals.capacity)],
    ["seatsBooked", n(totals.seatsBooked)],
    ["fillRate", percent(totals.fillRate)],
    ["schoolShare", percent(totals.schoolShare)],
    ["waitlist", t("visits.waitlistValue", { entries: totals.waitlistEntries, seats: totals.waitlistSeats })],
    ["fullSlots", n(totals.fullSlots)],
    // Groups of other organisations than schools: their participants are not pupils (schoolShare).
    ...ORGANISATION_TYPES.map((type): [string, string] => [
      `groups.${type}`,
      t("visits.groupsValue", { participants: groups[type].participants, groups: groups[type].groups }),
    ]),
  ];

  // ── Jobs showcased, by region: the share of approved factories showing jobs, the rest beside it ──
  const families = (row: (typeof jobs)[number]) =>
    row.topFamilies.length === 0 ? tJobs("dashboard.noFamilies") : format.list(row.topFamilies.map(({ family, count }) => tJobs("dashboard.familyCount", { family: tJobs(`families.${family}`), count })));
  const jobsChart = {
    id: "jobs-region",
    title: tJobs("dashboard.chartTitle"),
    bars: jobs.map((row) => ({
      key: row.region,
      label: regionName(row.region) ?? row.region,
      value: row.share,
      valueText: percent(row.share),
      detail: tJobs("dashboard.detail", { withJobs: n(row.withJobs), approved: n(row.approved), distinct: n(row.distinctJobs), families: families(row) }),
    })),
    table: {
      summary: tJobs("dashboard.tableSummary"),
      caption: tJobs("dashboard.tableCaption"),
      columns: [
        { key: "region", header: tJobs("dashboard.region") },
        ...(["approved", "withJobs", "share", "distinct"] as const).map((key) => ({ key, header: tJobs(`dashboard.${key}`), numeric: true })),
        { key: "topFamilies", header: tJobs("dashboard.topFamilies") },
      ],
      rows: jobs.map((row) => ({
        key: row.region,
        header: regionName(row.region) ?? row.region,
        cells: [n(row.approved), n(row.withJobs), percent(row.share), n(row.distinctJobs), row.topFamilies.length === 0 ? tJobs("dashboard.none") : families(row)],
      })),
    },
  };

  // ── What needs action: each count links to where it is handled (a page, or the section below) ──
  const furthest = toDo.regionsUnderTarget.slice(0, 3).map((row) => t("toDo.regionMissing", { region: row.label[locale], missing: row.missing }));
  const actions: { key: string; count: number; text: string; href: string; detail?: string; more?: { href: string; text: string } }[] = [
    { key: "toValidate", count: toDo.toValidate, text: t("toDo.toValidate", { count: toDo.toValidate }), href: "/organisation/validations" },
    {
      key: "underTarget",
      count: toDo.regionsUnderTarget.length,
      text: t("toDo.underTarget", { count: toDo.regionsUnderTarget.length }),
      href: "/organisation/quotas",
      detail: furthest.length > 0 ? t("toDo.furthest", { regions: format.list(furthest) }) : undefined,
      // The regions' chart and table below, in that same order.
      more: { href: "/organisation#repr-region-title", text: t("toDo.allSorted") },
    },
    {
      key: "fullWithWaitlist",
      count: toDo.fullWithWaitlist,
      text: t("toDo.fullWithWaitlist", { count: toDo.fullWithWaitlist, entries: toDo.waitingOnFull }),
      href: "#visits-heading",
    },
    { key: "withoutVisit", count: toDo.approvedWithoutVisit, text: t("toDo.withoutVisit", { count: toDo.approvedWithoutVisit }), href: "/organisation/exports" },
    { key: "failedEmails", count: toDo.failedEmails, text: t("toDo.failedEmails", { count: toDo.failedEmails }), href: "#outbox-heading" },
  ];
  const sections = [
    ["to-do-heading", t("toDo.heading")],
    ["factories-heading", t("factories.heading")],
    ["repr-heading", t("repr.heading")],
    ["visits-heading", t("visits.heading")],
    ["circuits-heading", tCircuits("dashboard.heading")],
    // Short labels where the heading is long, so that the navigation stays one line on a desktop.
    ["transport-heading", t("sections.transport")],
    ["jobs-heading", tJobs("dashboard.heading")],
    ["survey-results-title", t("sections.survey")],
    ["outbox-heading", t("outbox.heading")],
  ] as const;

  return (
    // Headings leave room for the sticky section navigation when reached through its links.
    <div className="flex flex-col gap-10 print:gap-6 [&_h2]:scroll-mt-16 [&_h3]:scroll-mt-16">
      <header className="flex flex-col gap-1">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-lg font-medium text-brand-900 first-letter:uppercase">{t("editionDates", { name: edition.name, days })}</p>
        {isOver(edition) && <p className={noticeClass}>{t("pastEdition")}</p>}
        <EditionPicker current={edition} />
        <p>
          {t("welcome", { name: user.name ?? user.email })}{" "}
          {t("summary", {
            factories: factories.total,
            approved: factories.APPROVED,
            slots: totals.slots,
            seats: totals.seatsBooked,
          })}
        </p>
      </header>

      {/* The first screen: what needs action today, and the way to every other page. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_16rem] lg:items-start">
        <Section id="to-do-heading" title={t("toDo.heading")} className={`${card} flex flex-col gap-3`}>
          <ul className="flex flex-col gap-2">
            {actions.map((action) => (
              <li key={action.key} className="flex items-start gap-2">
                {action.count > 0 ? <WarningIcon className="mt-0.5 size-5 shrink-0 text-amber-700" /> : <span aria-hidden="true" className="w-5 shrink-0 text-center text-green-800">✓</span>}
                <div className="flex flex-col">
                  {action.count > 0 ? (
                    <Link href={action.href} className={linkClass}>
                      {action.text}
                    </Link>
                  ) : (
                    <span className="text-slate-700">{action.text}</span>
                  )}
                  {action.detail && <span className="text-sm text-slate-800">{action.detail}</span>}
                  {action.detail && action.more && (
                    <Link href={action.more.href} className={`${linkClass} text-sm`}>
                      {action.more.text}
                    </Link>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Section>
        {links(factories.PENDING + factories.WAITLISTED)}
      </div>

      {/* One line on a phone (scrolled sideways) so that it does not hide the page it leads through. */}
      <nav aria-label={t("sections.label")} className="no-print sticky top-0 z-10 -my-4 overflow-x-auto border-y border-slate-200 bg-white/95 py-2">
        <ul className="flex gap-x-5 gap-y-1 whitespace-nowrap sm:flex-wrap">
          {sections.map(([id, name]) => (
            <li key={id}>
              <a href={`#${id}`} className={linkClass}>
                {name}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="factories-heading" title={t("factories.heading")} className={sectionClass}>
        <StatCards
          className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5"
          valueClassName="text-2xl"
          stats={(["total", "APPROVED", "PENDING", "WAITLISTED", "REJECTED"] as const).map((key) => ({
            key,
            label: t(`factories.${key}`),
            value: n(key === "total" ? factories.total : factories[key]),
          }))}
        />
      </Section>

      <Section id="repr-heading" title={t("repr.heading")} className={sectionClass}>
        <p className="max-w-3xl text-slate-800">{t("repr.intro")}</p>
        <p className="flex items-center gap-2 font-semibold">
          <WarningIcon className="size-5 text-amber-700" />
          {t("repr.underTargetSummary", { regions: underTarget("REGION"), sectors: underTarget("SECTOR"), sizes: underTarget("SIZE") })}
        </p>
        <nav aria-label={t("repr.order.label")} className="no-print flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <span className="font-medium">{t("repr.order.label")} :</span>
          {REPR_ORDERS.map((choice) =>
            choice === order ? (
              <span key={choice} aria-current="true" className="font-semibold">
                {t(`repr.order.${choice}`)}
              </span>
            ) : (
              <Link key={choice} href={`/organisation${choice === "ecart" ? "" : `?ordre=${choice}`}#repr-region-title`} className={linkClass}>
                {t(`repr.order.${choice}`)}
              </Link>
            ),
          )}
        </nav>
        <FranceRegionsMap
          id="regions-map"
          title={t("map.heading")}
          description={t("map.description")}
          regions={repr.REGION.map((row) => ({
            code: row.value,
            name: row.label[locale],
            approved: row.approved,
            target: row.target,
            underTarget: row.underTarget,
            overseas: row.overseas,
            title:
              row.target === null
                ? t("map.regionTitleNoTarget", { region: row.label[locale], approved: row.approved })
                : t("map.regionTitle", { region: row.label[locale], approved: row.approved, target: row.target }),
          }))}
          labels={{
            legend: t("map.legend"),
            low: t("map.low"),
            mid: t("map.mid"),
            reached: t("map.reached"),
            noTarget: t("map.noTarget"),
            hatched: t("map.hatched"),
            overseas: t("map.overseas"),
          }}
        />
        {DIMENSIONS.map((dimension) => (
          <QuotaBarChart
            key={dimension}
            id={`repr-${dimension.toLowerCase()}`}
            title={t(`repr.${dimension}`)}
            bars={bars(dimension)}
            emptyText={t("repr.empty")}
            labels={{
              legend: t("map.legend"),
              approved: t("repr.approved"),
              pending: t("repr.pending"),
              waitlisted: t("repr.waitlisted"),
              target: t("repr.target"),
              cap: t("repr.cap"),
            }}
            table={reprTable(dimension)}
          />
        ))}
      </Section>

      <Section id="visits-heading" title={t("visits.heading")} className={sectionClass}>
        <p className="text-slate-800">{t("visits.intro")}</p>
        <StatCards className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" stats={visitStats.map(([key, value]) => ({ key, label: t(`visits.${key}`), value }))} />
        {totals.slots === 0 ? (
          <p>{t("visits.empty")}</p>
        ) : (
          <>
            <RateBarChart {...visitChart("day", visits.byDay)} />
            <RateBarChart {...visitChart("region", visits.byRegion)} />
            <RateBarChart {...visitChart("sector", visits.bySector)} />
          </>
        )}
      </Section>

      <CircuitFill editionId={edition.id} locale={locale} />

      <TransportSection editionId={edition.id} locale={locale} />

      <AttendanceSection editionId={edition.id} locale={locale} />

      <HostAnswers editionId={edition.id} locale={locale} />

      <Section id="jobs-heading" title={tJobs("dashboard.heading")} className={sectionClass}>
        <p className="max-w-3xl text-slate-800">{tJobs("dashboard.intro")}</p>
        {jobs.every((row) => row.withJobs === 0) ? <p>{tJobs("dashboard.empty")}</p> : <RateBarChart {...jobsChart} />}
      </Section>

      <SurveyResults results={survey} />

      <AlertStats className={sectionClass} />

      <Section id="outbox-heading" title={t("outbox.heading")} className={sectionClass}>
        <p className="text-slate-800">{t("outbox.intro")}</p>
        <StatCards
          className="grid grid-cols-2 gap-3 sm:grid-cols-4"
          stats={(["pending", "retrying", "failed", "sentLast24h"] as const).map((key) => ({
            key,
            label: t(`outbox.${key}`),
            value: n(outbox[key]),
            alert: key === "failed" && outbox.failed > 0,
          }))}
        />
        {outbox.oldestPendingAt && (
          <p>{t("outbox.oldestPending", { date: formatDateTime(outbox.oldestPendingAt, locale) })}</p>
        )}
        {outbox.failed === 0 ? (
          <p>{t("outbox.allClear")}</p>
        ) : (
          <>
            <p className="flex items-center gap-2 font-semibold text-red-900">
              <WarningIcon className="size-5" />
              {t("outbox.failedAlert", { count: outbox.failed })}
            </p>
            <div role="region" aria-labelledby="failures-caption" tabIndex={0} className="overflow-x-auto">
              <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
                <caption id="failures-caption" className="py-2 text-left font-semibold">
                  {t("outbox.recentFailures")}
                </caption>
                <ColumnHeaders
                  rowClassName="bg-slate-100"
                  cellClassName="border-b border-slate-200 px-2 py-1.5 font-semibold"
                  columns={(["createdAt", "to", "subject", "attempts", "lastError"] as const).map((key) => ({ key, label: t(`outbox.columns.${key}`) }))}
                />
                <tbody>
                  {outbox.recentFailures.map((failure) => (
                    <tr key={failure.id}>
                      <td className="border-b border-slate-200 px-2 py-1.5 whitespace-nowrap">
                        {formatDateTime(failure.createdAt, locale)}
                      </td>
                      <td className="border-b border-slate-200 px-2 py-1.5">{failure.to}</td>
                      <th scope="row" className="border-b border-slate-200 px-2 py-1.5 font-normal">
                        {failure.subject}
                      </th>
                      <td className="border-b border-slate-200 px-2 py-1.5 tabular-nums">{failure.attempts}</td>
                      <td className="border-b border-slate-200 px-2 py-1.5 break-words">{failure.lastError}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>
    </div>
  );
}

// The key figures of a section, each in its own card; `alert` marks one that needs action.
// The coach circuits: how full their buses are, and each published one's seats per stop.
async function CircuitFill({ editionId, locale }: { editionId: string; locale: "fr" | "en" }) {
  const [t, circuits] = await Promise.all([getTranslations("circuits.dashboard"), organiserCircuits(editionId)]);
  const published = circuits.filter((circuit) => circuit.status === "PUBLISHED");
  const bus = published.reduce((sum, c) => ({ taken: sum.taken + c.busTaken, capacity: sum.capacity + c.busCapacity }), { taken: 0, capacity: 0 });
  const n = (value: number) => formatNumber(value, locale);
  return (
    <Section id="circuits-heading" title={t("heading")} className={sectionClass}>
      <StatCards
        className="grid grid-cols-2 gap-3 sm:grid-cols-4"
        stats={[
          { key: "published", label: t("published"), value: n(published.length) },
          { key: "drafts", label: t("drafts"), value: n(circuits.length - published.length) },
          { key: "fill", label: t("fill"), value: bus.capacity === 0 ? t("none") : formatPercent(bus.taken / bus.capacity, locale) },
          { key: "waiting", label: t("waiting"), value: n(published.reduce((sum, c) => sum + c.waiting, 0)) },
        ]}
      />
      {published.length > 0 && (
        <ul className="flex flex-col gap-2">
          {published.map((circuit) => (
            <li key={circuit.id}>
              <Link href="/organisation/circuits" className={linkClass}>
                {circuit.name}
              </Link>
              {" · "}
              {t("bus", { taken: circuit.busTaken, capacity: circuit.busCapacity })}
              {" · "}
              {t("stops", {
                stops: circuit.legs.map((leg) => t("stop", { site: leg.slot.factory.siteName, taken: leg.slot.taken, capacity: leg.slot.capacity })).join(", "),
              })}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

// School transport (lib/transport): pupils brought by accepted coaches, the budget they use, and the
// departments their schools set off from.
async function TransportSection({ editionId, locale }: { editionId: string; locale: "fr" | "en" }) {
  const [t, figures] = await Promise.all([getTranslations("organiser.transport"), transportFigures(editionId)]);
  const n = (value: number) => formatNumber(value, locale);
  return (
    <Section id="transport-heading" title={t("heading")} className={sectionClass}>
      {figures.budget === 0 && figures.spent === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <>
          <StatCards
            className="grid grid-cols-2 gap-3 sm:grid-cols-4"
            stats={[
              { key: "pupils", label: t("pupils"), value: n(figures.pupils) },
              { key: "budget", label: t("budget"), value: t("budgetValue", { spent: n(figures.spent), budget: n(figures.budget) }) },
              { key: "departments", label: t("departments"), value: n(figures.departments.length) },
              { key: "waiting", label: t("waiting"), value: n(figures.waiting) },
            ]}
          />
          {figures.departments.length > 0 && (
            <p>{t("departmentList", { list: figures.departments.map((code) => `${departmentName(code) ?? code} (${code})`).join(", ") })}</p>
          )}
          <Link href="/organisation/transports" className={`${linkClass} no-print self-start`}>
            {t("link")}
          </Link>
        </>
      )}
    </Section>
  );
}

// Who came (lib/organiser/attendance.ts): no-show rates from the door's check-ins, once visits are over.
async function AttendanceSection({ editionId, locale }: { editionId: string; locale: "fr" | "en" }) {
  const [t, data] = await Promise.all([getTranslations("organiser.attendance"), attendanceFigures(editionId)]);
  const n = (value: number) => formatNumber(value, locale);
  const percent = (value: number | null) => (value === null ? t("none") : formatPercent(value, locale));
  const label = {
    region: (key: string) => regionName(key) ?? key,
    audience: (key: string) => t(`audience.${key}`),
    lead: (key: string) => t(`lead.${key}`),
    answer: (key: string) => t(`answer.${key}`),
  };
  const chart = (by: keyof typeof label, rows: AttendanceBreakdown[]) => ({
    id: `attendance-${by}`,
    title: t("chartTitle", { by }),
    bars: rows.map((row) => ({
      key: row.key,
      label: label[by](row.key),
      value: row.noShowRate,
      valueText: percent(row.noShowRate),
      detail: t("rowDetail", { came: n(row.cameSeats), booked: n(row.bookedSeats), visits: row.visits }),
    })),
    table: {
      summary: t("chartTitle", { by }),
      caption: t("tableCaption", { by }),
      columns: [
        { key: "key", header: t(`${by}Column`) },
        ...(["visits", "bookedSeats", "cameSeats", "noShowRate"] as const).map((key) => ({ key, header: t(key), numeric: true })),
      ],
      rows: rows.map((row) => ({ key: row.key, header: label[by](row.key), cells: [n(row.visits), n(row.bookedSeats), n(row.cameSeats), percent(row.noShowRate)] })),
    },
  });
  const totals = data.totals;
  return (
    <Section id="attendance-heading" title={t("heading")} className={sectionClass}>
      <p className="text-slate-800">{t("intro")}</p>
      <StatCards
        className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5"
        stats={[
          { key: "visits", label: t("visits"), value: n(totals.visits) },
          { key: "bookedSeats", label: t("bookedSeats"), value: n(totals.bookedSeats) },
          { key: "cameSeats", label: t("cameSeats"), value: n(totals.cameSeats) },
          { key: "noShowRate", label: t("noShowRate"), value: percent(totals.noShowRate) },
          { key: "walkIns", label: t("walkIns"), value: n(data.walkIns) },
        ]}
      />
      {totals.visits === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <>
          <RateBarChart {...chart("answer", data.byAnswer)} />
          <RateBarChart {...chart("lead", data.byLeadTime)} />
          <RateBarChart {...chart("audience", data.byAudience)} />
          <RateBarChart {...chart("region", data.byRegion)} />
        </>
      )}
    </Section>
  );
}

// The hosts' questionnaire after the event (lib/host-survey), added up.
async function HostAnswers({ editionId, locale }: { editionId: string; locale: "fr" | "en" }) {
  const [t, figures] = await Promise.all([getTranslations("organiser.hostSurvey"), hostSurveyFigures(editionId)]);
  const n = (value: number) => formatNumber(value, locale);
  return (
    <Section id="host-survey-heading" title={t("heading")} className={sectionClass}>
      <p className="text-slate-800">{t("intro")}</p>
      {figures.invited === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <StatCards
          className="grid grid-cols-2 gap-3 sm:grid-cols-3"
          stats={[
            { key: "answered", label: t("answered"), value: t("answeredValue", { answered: figures.answered, invited: figures.invited }) },
            { key: "visitorsCame", label: t("visitorsCame"), value: n(figures.visitorsCame) },
            { key: "openAgain", label: t("openAgain"), value: t("openAgainValue", figures.openAgain) },
            { key: "recruitmentLeads", label: t("recruitmentLeads"), value: n(figures.recruitmentLeads) },
            { key: "apprenticeshipApplications", label: t("apprenticeshipApplications"), value: n(figures.apprenticeshipApplications) },
          ]}
        />
      )}
    </Section>
  );
}

function StatCards({ stats, className, valueClassName = "text-xl" }: { stats: { key: string; label: string; value: string; alert?: boolean }[]; className: string; valueClassName?: string }) {
  return (
    <dl className={className}>
      {stats.map((stat) => (
        <div key={stat.key} className={`${card} ${stat.alert ? "border-red-700 bg-red-50" : ""}`}>
          <dt className="text-sm text-slate-700">{stat.label}</dt>
          <dd className={`${valueClassName} font-bold tabular-nums text-brand-900`}>{stat.value}</dd>
        </div>
      ))}
    </dl>
  );
}
