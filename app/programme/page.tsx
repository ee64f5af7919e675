import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CopyLinkButton } from "@/components/catalogue/CopyLinkButton";
import { getCatalogueFormatters } from "@/components/catalogue/formatters";
import { SlotAvailability } from "@/components/catalogue/SlotAvailability";
import { SlotTime } from "@/components/catalogue/SlotTime";
import { KeepOnDevice } from "@/components/programme/KeepOnDevice";
import { ProgrammeFromDevice } from "@/components/programme/ProgrammeFromDevice";
import { getProgrammeWording } from "@/components/programme/labels";
import { RemoveFromProgramme } from "@/components/programme/RemoveFromProgramme";
import { PageHeader } from "@/components/ui/PageHeader";
import { PrintButton } from "@/components/ui/PrintButton";
import { linkClass, noticeClass, outlineButtonClass } from "@/components/ui/styles";
import { byParisDay, programmeClashes } from "@/lib/catalogue/programme";
import { MAX_PROGRAMME_VISITS, programmeHref } from "@/lib/catalogue/programme-ids";
import { getProgrammeVisits, type ProgrammeItem } from "@/lib/catalogue/programme-queries";
import { programmeIdsParam } from "@/lib/catalogue/schemas";
import { departmentName } from "@/lib/geo/regions";
import { formatWeekdayDate } from "@/lib/i18n/format";
import { absoluteUrl } from "@/lib/seo/site";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("programme.page");
  // A personal list, found through its link: kept out of search engines.
  return { title: t("title"), description: t("metaDescription"), robots: { index: false, follow: true } };
}

// The visits of a shared list (`?v=id1,id2`); without one, the device's list, which the browser
// turns into that address.
export default async function ProgrammePage({ searchParams }: { searchParams: SearchParams }) {
  const { v } = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("programme.page"), getLocale()]);
  const browse = (
    <p className="no-print">
      <Link prefetch={false} href="/visites" className={linkClass}>
        {t("browse")}
      </Link>
    </p>
  );
  if (v === undefined) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} intro={t("intro")} />
        <ProgrammeFromDevice empty={t("empty")} loading={t("loading")} />
        {browse}
      </div>
    );
  }

  const { ids, truncated, malformed } = programmeIdsParam.parse(v);
  const [{ visits, missing }, { slotTime }, programme] = await Promise.all([getProgrammeVisits(ids), getCatalogueFormatters(), getProgrammeWording()]);
  const byId = new Map(visits.map((visit) => [visit.id, visit]));
  const name = (id: string) => {
    const visit = byId.get(id)!;
    return t("warnings.visit", { site: visit.factory.siteName, time: slotTime(visit.startsAt, visit.endsAt) });
  };
  const clashes = programmeClashes(visits.map((visit) => ({ ...visit, factoryId: visit.factory.id, departmentCode: visit.factory.departmentCode })));
  const without = (id: string) => programmeHref(ids.filter((other) => other !== id));
  const shown = visits.map((visit) => visit.id);
  const shareUrl = absoluteUrl(programmeHref(shown));
  const days = byParisDay(visits);

  return (
    // data-print-alone: printed without the site's header (app/globals.css).
    <div data-print-alone className="flex flex-col gap-6 print:gap-4">
      <PageHeader title={t("title")} intro={<span className="print:hidden">{t("intro")}</span>}>
        <p className="font-semibold text-slate-900">{t("count", { count: visits.length })}</p>
      </PageHeader>

      {truncated && <p className={noticeClass}>{t("truncated", { max: MAX_PROGRAMME_VISITS })}</p>}
      {malformed > 0 && <p className={noticeClass}>{t("malformed", { count: malformed })}</p>}

      {visits.length > 0 && (
        <div className="no-print flex flex-wrap items-center gap-3">
          <PrintButton label={t("print")} />
          <CopyLinkButton url={shareUrl} label={t("share")} copiedLabel={t("copied")} className={outlineButtonClass} />
          <KeepOnDevice ids={shown} label={t("keep")} replaceLabel={t("replace")} />
        </div>
      )}

      {clashes.length > 0 && (
        <section aria-labelledby="a-verifier" className="flex flex-col gap-2 rounded-md border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950 print:border print:bg-white">
          <h2 id="a-verifier" className="text-xl font-semibold">
            <span aria-hidden="true">⚠ </span>
            {t("warnings.title")}
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {clashes.map((clash) => (
              <li key={`${clash.kind}-${clash.first}-${clash.second}`}>
                {clash.kind === "overlap"
                  ? t("warnings.overlap", { first: name(clash.first), second: name(clash.second) })
                  : t("warnings.travel", {
                      first: name(clash.first),
                      second: name(clash.second),
                      gap: clash.gapMinutes,
                      allowance: clash.allowanceMinutes,
                      distance: t(`warnings.distance.${clash.distance}`),
                    })}
              </li>
            ))}
          </ul>
        </section>
      )}

      {days.map(([day, dayVisits]) => (
        <section key={day} aria-labelledby={`jour-${day}`} className="flex flex-col gap-3">
          <h2 id={`jour-${day}`} className="text-2xl font-semibold text-slate-900 first-letter:uppercase">
            {formatWeekdayDate(dayVisits[0].startsAt, locale)}
          </h2>
          <ul className="flex flex-col gap-4 print:gap-2">
            {dayVisits.map((visit) => (
              <li key={visit.id} className="break-inside-avoid">
                <ProgrammeVisit visit={visit} time={slotTime(visit.startsAt, visit.endsAt)} removeHref={without(visit.id)} wording={programme} />
              </li>
            ))}
          </ul>
        </section>
      ))}

      {missing.length > 0 && (
        <section aria-labelledby="plus-proposees" className="flex flex-col gap-2">
          <h2 id="plus-proposees" className="text-xl font-semibold text-slate-900">
            {t("notOfferedTitle")}
          </h2>
          <ul className="flex flex-col gap-2">
            {missing.map((id) => (
              <li key={id} className="flex flex-wrap items-center gap-3">
                <span>{t("notOffered", { id })}</span>
                <RemoveFromProgramme slotId={id} href={without(id)} label={t("removeNotOffered")} visit={id} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {visits.length === 0 && missing.length === 0 && <p>{t("empty")}</p>}
      {visits.length > 0 && <p className="hidden break-all print:block">{t("online", { url: shareUrl })}</p>}
      {browse}
    </div>
  );
}

async function ProgrammeVisit({
  visit,
  time,
  removeHref,
  wording,
}: {
  visit: ProgrammeItem;
  time: string;
  removeHref: string;
  wording: Awaited<ReturnType<typeof getProgrammeWording>>;
}) {
  const t = await getTranslations("programme.page");
  const { factory } = visit;
  const label = wording.visit(factory.siteName, time);
  return (
    <article aria-labelledby={`visite-${visit.id}`} className="flex flex-col gap-2 rounded-xl border border-slate-300 p-4 print:rounded-none print:border-slate-500 print:p-2">
      <h3 id={`visite-${visit.id}`} className="text-lg font-semibold leading-snug">
        <Link prefetch={false} href={`/usines/${encodeURIComponent(factory.id)}`} className="text-brand-900 underline underline-offset-4 print:text-black print:no-underline">
          {factory.siteName}
        </Link>
      </h3>
      <p className="font-semibold text-slate-900">
        <SlotTime startsAt={visit.startsAt} endsAt={visit.endsAt} />
      </p>
      <p className="text-slate-800">
        {t("location", { commune: factory.communeName, department: departmentName(factory.departmentCode) ?? factory.departmentCode, code: factory.departmentCode })}
        <span className="block text-sm text-slate-700">
          {factory.companyName} — {factory.address}, {factory.postalCode} {factory.communeName}
        </span>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3 print:[&_a]:hidden">
        <SlotAvailability slot={visit} site={factory.siteName} time={time} />
        <RemoveFromProgramme slotId={visit.id} href={removeHref} label={t("remove")} visit={label} />
      </div>
    </article>
  );
}
