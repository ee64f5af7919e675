import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getLocale, getTranslations } from "next-intl/server";
import { VisitConditionList } from "@/components/booking/VisitConditionList";
import { getCatalogueFormatters } from "@/components/catalogue/formatters";
import { getProgrammeWording } from "@/components/programme/labels";
import { ProgrammeToggle } from "@/components/programme/ProgrammeToggle";
import { PracticalInfo } from "@/components/practical/PracticalInfo";
import { currentUser } from "@/lib/auth/session";
import { CLASS_LEVEL_AGES, isClassTooYoung } from "@/lib/booking/class-levels";
import { groupTypesFor } from "@/lib/booking/groups";
import { CLASS_LEVELS } from "@/lib/booking/schemas";
import { effectiveMinAge, visitConditions } from "@/lib/booking/visit-conditions";
import { catalogueQueryString, parseCatalogueFilters } from "@/lib/catalogue/schemas";
import { getSlotForBooking } from "@/lib/catalogue/slot";
import { formatDateTime, formatDuration, formatVisitTime } from "@/lib/i18n/format";
import { publicMetadata } from "@/lib/seo/site";
import { bookAction } from "./actions";
import { drawOfOffer } from "@/lib/draw/queries";
import { DrawBanner } from "../../../tirages/DrawBanner";
import { BookingForm, type BookingChoice } from "./BookingForm";

type Props = { params: Promise<{ slotId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slotId } = await params;
  const [slot, t, locale] = await Promise.all([getSlotForBooking(slotId), getTranslations("booking.meta"), getLocale()]);
  if (!slot) return {};
  const when = formatVisitTime(slot.startsAt, slot.endsAt, locale);
  const { siteName: site, communeName: commune } = slot.factory;
  return publicMetadata({
    path: `/visites/${slot.id}/reserver`,
    title: t("title", { when, site }),
    description: t("description", { when, site, commune }),
    // Its own card (opengraph-image.tsx beside this page): the factory, the date and the time.
    largeImage: true,
  });
}

export default async function BookSlotPage({ params, searchParams }: Props) {
  const { slotId } = await params;
  // The catalogue's search, carried from the factory page for the way back (parsed: only known filters).
  const query = catalogueQueryString(parseCatalogueFilters(await searchParams));
  const tf = await getTranslations("catalogue.factory");
  const [slot, t, locale, user, draw] = await Promise.all([
    getSlotForBooking(slotId),
    getTranslations("booking"),
    getLocale(),
    currentUser(),
    drawOfOffer({ slotId }),
  ]);
  if (!slot || slot.status !== "OPEN") notFound();
  const { factory } = slot;
  const { seats } = slot;
  const forVisitors = slot.audience !== "SCHOOL";
  const groupTypes = groupTypesFor(slot);
  const forClasses = groupTypes.includes("SCHOOL");
  const forOrganisations = slot.openToEmployment;
  const kinds: BookingChoice[] = [
    ...(forVisitors ? (["INDIVIDUAL"] as const) : []),
    ...(forClasses ? (["GROUP"] as const) : []),
    ...(forOrganisations ? (["ORGANISATION"] as const) : []),
  ];
  // Every free seat is still held for classes: a visitor can only join the waiting list until then.
  const allHeldForClasses = forVisitors && seats.seatsLeftForIndividuals === 0 && seats.seatsLeftForSchools > 0;
  const [{ schoolReserved }, programme] = await Promise.all([getCatalogueFormatters(), getProgrammeWording()]);
  const when = formatVisitTime(slot.startsAt, slot.endsAt, locale);
  // A visit for classes only: its adults come with the class (no rule on minors).
  const conditions = visitConditions(slot, factory, { group: slot.audience === "SCHOOL" });
  // The maximum each kind of booking can have now, said before the form is filled.
  const maxSeats = Math.min(slot.maxSeatsPerBooking, slot.capacity);
  const minAge = effectiveMinAge(slot, factory);
  // Said when the minimum age rules some levels out ("Autre" has no age, so it is not listed).
  const someLevelsTooYoung = CLASS_LEVELS.some((level) => isClassTooYoung(level, minAge));
  const classLevels = CLASS_LEVELS.filter((level) => CLASS_LEVEL_AGES[level] !== null && !isClassTooYoung(level, minAge));

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={tf("trail")}>
        <ol className="flex flex-wrap gap-x-2 text-brand-700">
          <li>
            <Link prefetch={false} href={`/visites${query}`} className="underline underline-offset-4">
              <span aria-hidden="true">← </span>
              {tf("back")}
            </Link>
          </li>
          <li>
            <span aria-hidden="true">/ </span>
            <Link prefetch={false} href={`/usines/${factory.id}${query}`} className="underline underline-offset-4">
              {factory.siteName}
            </Link>
          </li>
        </ol>
      </nav>
      <h1 className="text-3xl font-bold">
        {t("title")} : {factory.siteName}
      </h1>
      <ProgrammeToggle slotId={slot.id} visit={programme.visit(factory.siteName, when)} labels={programme.toggle} />
      <section aria-label={factory.siteName} className="grid gap-4 rounded-xl bg-brand-50 p-5 sm:grid-cols-2">
        <dl className="flex flex-col gap-2">
          <div>
            <dt className="text-sm text-slate-700">{t("summary.when")}</dt>
            <dd className="font-semibold">
              {when} ({formatDuration(slot.durationMinutes, locale)})
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">{t("summary.where")}</dt>
            <dd className="font-semibold">
              {factory.companyName} — {factory.address}, {factory.postalCode} {factory.communeName}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">{t("summary.seats")}</dt>
            <dd className="font-semibold text-brand-900">
              {allHeldForClasses && seats.schoolReservedUntil
                ? schoolReserved(seats.schoolReservedUntil)
                : t("summary.seatsLeft", { count: forVisitors ? seats.seatsLeftForIndividuals : seats.seatsLeftForSchools })}
            </dd>
            {forVisitors && seats.seatsLeftForIndividuals > 0 && (
              <dd>{t("summary.maxIndividual", { count: seats.seatsLeftForIndividuals, max: maxSeats })}</dd>
            )}
            {forClasses && seats.seatsLeftForSchools > 0 && <dd>{t("summary.maxGroup", { count: seats.seatsLeftForSchools })}</dd>}
            {forOrganisations && seats.seatsLeftForIndividuals > 0 && (
              <dd>{t("summary.maxOrganisation", { count: seats.seatsLeftForIndividuals })}</dd>
            )}
            {forOrganisations && <dd>{t("summary.openToEmployment")}</dd>}
            {forClasses && minAge !== null && someLevelsTooYoung && (
              <dd>{t("summary.classLevels", { minAge, levels: classLevels.join(", ") })}</dd>
            )}
            {seats.schoolReservedUntil && forVisitors && !allHeldForClasses && (
              <dd className="text-brand-900">
                {t("summary.schoolReserved", {
                  count: seats.seatsLeftForSchools - seats.seatsLeftForIndividuals,
                  until: formatDateTime(seats.schoolReservedUntil, locale),
                })}
              </dd>
            )}
          </div>
        </dl>
        <div className="flex flex-col gap-4">
          {conditions.length > 0 && (
            <div>
              <h2 className="font-semibold">{t("conditions.title")}</h2>
              <VisitConditionList conditions={conditions} />
            </div>
          )}
          <PracticalInfo items={slot.practical} site={factory.siteName} place={factory} />
        </div>
      </section>
      {draw ? (
        // Until its draw is complete, the visit's seats go to the draw's applicants.
        <DrawBanner draw={draw} offer="visit" />
      ) : (
      <BookingForm
        action={bookAction}
        target={{ name: "slotId", id: slot.id }}
        idempotencyKey={randomUUID()}
        locale={locale}
        kinds={[...kinds]}
        signedIn={Boolean(user)}
        signInHref={`/connexion?callbackUrl=${encodeURIComponent(`/visites/${slot.id}/reserver`)}`}
        maxSeats={maxSeats}
        seatsLeft={{ INDIVIDUAL: seats.seatsLeftForIndividuals, GROUP: seats.seatsLeftForSchools, ORGANISATION: seats.seatsLeftForIndividuals }}
        studentsPerAdult={factory.studentsPerAdult}
        retentionDays={slot.edition.dataRetentionDays}
        defaultEmail={user?.email}
        transport={slot.edition.transportBudgetEuros > 0}
      />
      )}
    </div>
  );
}
