import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { VisitConditionList } from "@/components/booking/VisitConditionList";
import { AudienceBadge } from "@/components/catalogue/AudienceBadge";
import { getCatalogueFormatters } from "@/components/catalogue/formatters";
import { SlotAvailability } from "@/components/catalogue/SlotAvailability";
import { SlotFacts } from "@/components/catalogue/SlotFacts";
import { ShareLinks } from "@/components/catalogue/ShareLinks";
import { SlotTime } from "@/components/catalogue/SlotTime";
import { JobsSection, showsJobs } from "@/components/factory/JobsSection";
import { PhotoGallery } from "@/components/factory/PhotoGallery";
import { getProgrammeWording } from "@/components/programme/labels";
import { ProgrammeToggle } from "@/components/programme/ProgrammeToggle";
import { JsonLd } from "@/components/seo/JsonLd";
import { isAccessCondition, visitConditions } from "@/lib/booking/visit-conditions";
import { getFactoryPage, type FactoryPage as FactoryPageData } from "@/lib/catalogue/queries";
import { factoryPhotos } from "@/lib/factory/profile";
import { catalogueQueryString, opensTo, parseCatalogueFilters } from "@/lib/catalogue/schemas";
import { visitEvents } from "@/lib/catalogue/structured-data";
import { departmentName, regionName } from "@/lib/geo/regions";
import { sectorLabel } from "@/lib/reference/naf";
import { SIZE_BAND_LABELS } from "@/lib/reference/size-band";
import { shortDescription } from "@/lib/seo/metadata";
import { absoluteUrl, publicMetadata, siteOrigin } from "@/lib/seo/site";
import { AlertEntry } from "@/components/alerts/AlertEntry";
import { CircuitCard } from "@/components/circuit/CircuitCard";
import { circuitsStoppingAt } from "@/lib/circuit/catalogue";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const factory = await getFactoryPage((await params).id);
  if (!factory) return {};
  const t = await getTranslations("catalogue.meta");
  const { siteName: site, communeName: commune, companyName: company } = factory;
  // Without the catalogue's filters, which only choose the visits shown first and the way back.
  return publicMetadata({
    path: `/usines/${factory.id}`,
    title: t("factoryTitle", { site, commune }),
    description: shortDescription(t("factory", { site, commune, company, about: factory.description })),
    largeImage: true,
  });
}

export default async function FactoryPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const factory = await getFactoryPage((await params).id);
  if (!factory) notFound();
  // The catalogue's search travels here (parsed, so only known filters: the way back cannot leave
  // the catalogue): its audience picks the visits shown first, and the back link restores it.
  const filters = parseCatalogueFilters(await searchParams);
  const query = catalogueQueryString(filters);
  const { audience } = filters;
  const shown = audience ? factory.slots.filter((slot) => opensTo(slot, audience)) : factory.slots;
  const others = audience ? factory.slots.filter((slot) => !opensTo(slot, audience)) : [];
  const [t, tc, tCommon, tCircuits, locale, photos, circuits] = await Promise.all([
    getTranslations("catalogue.factory"),
    getTranslations("booking.conditions"),
    getTranslations("common"),
    getTranslations("circuits.public"),
    getLocale(),
    factoryPhotos(factory.id),
    circuitsStoppingAt(factory.id),
  ]);
  const events = visitEvents(factory, factory.slots, {
    origin: siteOrigin(),
    editionName: factory.edition.name,
    organiserName: tCommon("siteName"),
    bookingOpensAt: factory.edition.bookingOpensAt,
  });
  const lang = locale === "en" ? "en" : "fr";

  // The site's conditions (each visit may add a higher minimum age, shown with it), then access.
  const conditions = visitConditions(null, factory);
  const facts: [string, string][] = [
    [
      t("location"),
      t("locationValue", {
        commune: factory.communeName,
        department: departmentName(factory.departmentCode) ?? factory.departmentCode,
        code: factory.departmentCode,
        region: regionName(factory.regionCode) ?? factory.regionCode,
      }),
    ],
    [t("sector"), sectorLabel(factory.sectorCode, lang) ?? factory.sectorCode],
    [t("size"), SIZE_BAND_LABELS[factory.sizeBand][lang]],
    [t("address"), `${factory.address}, ${factory.postalCode} ${factory.communeName}`],
  ];
  const section = "flex flex-col gap-3";
  // "Métiers à découvrir" between the presentation and the visits, when the factory filled it in.
  const withJobs = showsJobs(factory);
  const h2 = "text-2xl font-semibold text-slate-900";

  return (
    <div className="flex flex-col gap-8">
      {events.length > 0 && <JsonLd data={events} />}
      <p>
        <Link prefetch={false} href={`/visites${query}`} className="font-medium text-brand-700 underline underline-offset-4">
          <span aria-hidden="true">← </span>
          {t("back")}
        </Link>
      </p>
      <div className="flex flex-col gap-1">
        <h1 className="text-3xl font-bold text-slate-900">{factory.siteName}</h1>
        <p className="text-lg text-slate-800">{t("company", { company: factory.companyName })}</p>
      </div>

      {/* Reading order: what the site is, the conditions to know before booking, then the visits.
          On wide screens the facts and conditions sit in a column beside the description and visits. */}
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)] lg:items-start">
        <section aria-labelledby="presentation" className={`${section} lg:col-start-1 lg:row-start-1`}>
          <h2 id="presentation" className={h2}>
            {t("about")}
          </h2>
          <p className="max-w-prose whitespace-pre-line text-slate-800">{factory.description}</p>
          {photos.length > 0 && (
            <>
              <h3 className="sr-only">{t("photos")}</h3>
              <PhotoGallery photos={photos} fallbackAlt={(n) => t("photoAlt", { n, site: factory.siteName })} />
            </>
          )}
        </section>

        {withJobs && <JobsSection factory={factory} className={`${section} lg:col-start-1 lg:row-start-2`} />}

        <div className={`flex flex-col gap-8 lg:col-start-2 lg:row-start-1 ${withJobs ? "lg:row-span-3" : "lg:row-span-2"}`}>
          <section aria-labelledby="en-bref" className={`${section} rounded-xl bg-slate-50 p-4`}>
            <h2 id="en-bref" className={h2}>
              {t("facts")}
            </h2>
            <dl className="flex flex-col gap-3">
              {facts.map(([term, value]) => (
                <div key={term}>
                  <dt className="text-sm font-medium text-slate-700">{term}</dt>
                  <dd className="text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="conditions" className={section}>
            <h2 id="conditions" className={h2}>
              {tc("title")}
            </h2>
            <VisitConditionList conditions={conditions.filter((c) => !isAccessCondition(c))} className="list-disc space-y-1 pl-5 text-slate-800" />
          </section>

          <section aria-labelledby="accessibilite" className={section}>
            <h2 id="accessibilite" className={h2}>
              {t("accessibility.title")}
            </h2>
            {!factory.wheelchairAccessible && <p className="text-slate-800">{tc("notWheelchair")}</p>}
            <VisitConditionList conditions={conditions.filter(isAccessCondition)} className="flex flex-col gap-1 text-slate-800" />
          </section>

          <ShareLinks url={absoluteUrl(`/usines/${factory.id}`)} site={factory.siteName} commune={factory.communeName} edition={factory.edition.name} />
          <AlertEntry postalCode={factory.postalCode} />
        </div>

        <section aria-labelledby="visites" className={`${section} lg:col-start-1 ${withJobs ? "lg:row-start-3" : "lg:row-start-2"}`}>
          <h2 id="visites" className={h2}>
            {t("slots.title")}
          </h2>
          {factory.slots.length === 0 ? (
            <p>{t("slots.none")}</p>
          ) : (
            <>
              {audience && <p className="text-slate-800">{t(shown.length > 0 ? "slots.matching" : "slots.noneMatching", { audience })}</p>}
              {shown.length > 0 && <SlotList slots={shown} site={factory.siteName} forSchools={audience === "SCHOOL"} query={query} />}
              {others.length > 0 && audience && (
                <details className="rounded-xl border border-slate-300">
                  <summary className="flex min-h-11 cursor-pointer items-center px-4 font-semibold text-brand-900">
                    {t("slots.others", { audience, count: others.length })}
                  </summary>
                  <div className="border-t border-slate-200 p-4">
                    <SlotList slots={others} site={factory.siteName} query={query} />
                  </div>
                </details>
              )}
            </>
          )}
          {circuits.length > 0 && (
            <>
              <h3 className="text-xl font-semibold text-slate-900">{tCircuits("atFactory", { count: circuits.length })}</h3>
              <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
                {circuits.map((circuit) => (
                  <li key={circuit.id}>
                    <CircuitCard circuit={circuit} forSchools={audience === "SCHOOL"} headingLevel={4} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

// The visits of the page, each with its time, facts, audience and booking link (which carries `query`).
async function SlotList({ slots, site, forSchools = false, query }: { slots: FactoryPageData["slots"]; site: string; forSchools?: boolean; query: string }) {
  const [{ slotTime }, programme] = await Promise.all([getCatalogueFormatters(), getProgrammeWording()]);
  return (
    <ul className="flex flex-col gap-4">
      {slots.map((slot) => (
        <li key={slot.id}>
          <article aria-labelledby={`visite-${slot.id}`} className="flex flex-col gap-3 rounded-xl border border-slate-300 p-4">
            <h3 id={`visite-${slot.id}`} className="text-lg font-semibold text-slate-900">
              <SlotTime startsAt={slot.startsAt} endsAt={slot.endsAt} />
            </h3>
            <SlotFacts slot={slot} />
            <div className="flex flex-wrap gap-2">
              <AudienceBadge audience={slot.audience} openToEmployment={slot.openToEmployment} />
            </div>
            <SlotAvailability slot={slot} forSchools={forSchools} site={site} time={slotTime(slot.startsAt, slot.endsAt)} query={query} />
            <ProgrammeToggle slotId={slot.id} visit={programme.visit(site, slotTime(slot.startsAt, slot.endsAt))} labels={programme.toggle} />
          </article>
        </li>
      ))}
    </ul>
  );
}
