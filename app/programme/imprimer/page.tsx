import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ColumnHeaders } from "@/components/ui/ColumnHeaders";
import { PageHeader } from "@/components/ui/PageHeader";
import { PrintButton } from "@/components/ui/PrintButton";
import { linkClass } from "@/components/ui/styles";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { byParisDay } from "@/lib/catalogue/programme";
import { printableProgrammeHref } from "@/lib/catalogue/programme-ids";
import { getAreaProgramme } from "@/lib/catalogue/programme-queries";
import { printableAreaParams, type PrintableArea } from "@/lib/catalogue/schemas";
import { frenchAreaOf } from "@/lib/geo/area-names";
import { departmentName, regionName } from "@/lib/geo/regions";
import { formatTimeRange, formatWeekdayDate } from "@/lib/i18n/format";
import { absoluteUrl, publicMetadata } from "@/lib/seo/site";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const cataloguePath = (area: PrintableArea) => `/visites?${area.kind}=${area.code}`;

async function describe(area: PrintableArea) {
  const [t, edition] = await Promise.all([getTranslations("programme.printable"), getCurrentEdition()]);
  const name = (area.kind === "department" ? departmentName(area.code) : regionName(area.code)) ?? area.code;
  const place = { name, of: frenchAreaOf(area.kind, area.code) ?? name };
  return { t, edition, place, title: t("title", { edition: edition?.name ?? "", ...place }) };
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const area = printableAreaParams.parse(await searchParams);
  if (!area) return {};
  const { t, place, title } = await describe(area);
  return publicMetadata({ path: printableProgrammeHref(area), title, description: t("metaDescription", place) });
}

// Every public visit of a department or region on one printable page, for tourist offices, town
// halls and schools: by day, then town, in compact tables.
export default async function PrintableProgrammePage({ searchParams }: { searchParams: SearchParams }) {
  const area = printableAreaParams.parse(await searchParams);
  if (!area) notFound();
  const [{ t, edition, place, title }, tc, locale] = await Promise.all([describe(area), getTranslations("catalogue.slot"), getLocale()]);
  const visits = edition ? await getAreaProgramme(edition.id, area) : [];
  const days = byParisDay(visits);
  const bookAt = absoluteUrl(cataloguePath(area));
  const cell = "border-b border-slate-300 px-2 py-1.5 align-top print:px-1 print:py-0.5";
  const columns = [
    { key: "time", label: t("time"), className: `${cell} w-32` },
    { key: "town", label: t("town"), className: cell },
    { key: "site", label: t("site"), className: cell },
    { key: "audience", label: t("audience"), className: cell },
    { key: "seats", label: t("seats"), className: `${cell} text-right` },
  ];

  return (
    // data-print-alone: printed without the site's header (app/globals.css).
    <div data-print-alone className="flex flex-col gap-6 print:gap-3 print:text-sm">
      <PageHeader title={title} intro={t("intro", place)}>
        <p className="font-semibold">{t("count", { count: visits.length })}</p>
        <p>{t("book", { url: bookAt })}</p>
      </PageHeader>
      <div className="no-print flex flex-wrap items-center gap-4">
        <PrintButton label={t("print")} />
        <Link prefetch={false} href={cataloguePath(area)} className={linkClass}>
          {t("back")}
        </Link>
      </div>
      {visits.length === 0 && <p>{t("none", place)}</p>}
      {days.map(([day, dayVisits]) => (
        <div key={day} className="flex flex-col gap-2">
          <h2 id={`jour-${day}`} className="text-xl font-semibold first-letter:uppercase print:text-base">
            {formatWeekdayDate(dayVisits[0].startsAt, locale)}
          </h2>
          {/* Scrolls sideways on a phone (focusable, to scroll from the keyboard); printed whole. */}
          <div role="region" aria-labelledby={`jour-${day}`} tabIndex={0} className="overflow-x-auto print:overflow-visible">
            <table className="w-full min-w-[40rem] border-collapse text-left text-sm print:min-w-0">
              <ColumnHeaders columns={columns} rowClassName="bg-slate-100 print:bg-white" />
              <tbody>
                {dayVisits.map((visit) => {
                  const seats = visit.audience === "SCHOOL" ? visit.seatsLeftForSchools : visit.seatsLeftForIndividuals;
                  return (
                    <tr key={visit.id} className="break-inside-avoid">
                      <td className={`${cell} whitespace-nowrap`}>{formatTimeRange(visit.startsAt, visit.endsAt, locale)}</td>
                      <td className={cell}>
                        {visit.factory.communeName}
                        {area.kind === "region" && ` (${visit.factory.departmentCode})`}
                      </td>
                      <td className={cell}>
                        <Link prefetch={false} href={`/usines/${encodeURIComponent(visit.factory.id)}`} className="font-semibold text-brand-900 underline underline-offset-2 print:text-black print:no-underline">
                          {visit.factory.siteName}
                        </Link>
                        <span className="block text-slate-700">
                          {visit.factory.address}, {visit.factory.postalCode}
                        </span>
                      </td>
                      <td className={cell}>{tc(`audience.${visit.audience}`)}</td>
                      <td className={`${cell} text-right`}>{seats > 0 ? t("seatsLeft", { count: seats }) : t("full")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </div>
  );
}
