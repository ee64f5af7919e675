import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getLocale, getTranslations } from "next-intl/server";
import { AudienceBadge } from "@/components/catalogue/AudienceBadge";
import { CircuitStops } from "@/components/circuit/CircuitStops";
import { JsonLd } from "@/components/seo/JsonLd";
import { circuitEvent } from "@/lib/catalogue/structured-data";
import { currentUser } from "@/lib/auth/session";
import { drawOfOffer } from "@/lib/draw/queries";
import { getPublishedCircuit } from "@/lib/circuit/catalogue";
import { formatWeekdayDate } from "@/lib/i18n/format";
import { publicMetadata, siteOrigin } from "@/lib/seo/site";
import { DrawBanner } from "../../tirages/DrawBanner";
import { BookingForm } from "../../visites/[slotId]/reserver/BookingForm";
import { bookCircuitAction } from "./actions";

type Props = { params: Promise<{ circuitId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { circuitId } = await params;
  const [circuit, t, locale] = await Promise.all([getPublishedCircuit(circuitId), getTranslations("circuits.public"), getLocale()]);
  if (!circuit) return {};
  const day = formatWeekdayDate(circuit.departsAt, locale, { year: false });
  return publicMetadata({
    path: `/circuits/${circuit.id}`,
    title: t("pageTitle", { name: circuit.name, day }),
    description: t("pageDescription", { day, commune: circuit.departure.communeName, count: circuit.stops.length }),
  });
}

// A circuit and its booking form: the visit's form (one booking for the whole tour), posting to the
// circuit's server action.
export default async function CircuitPage({ params }: Props) {
  const { circuitId } = await params;
  const [circuit, t, tCommon, locale, user, draw] = await Promise.all([
    getPublishedCircuit(circuitId),
    getTranslations("circuits.public"),
    getTranslations("common"),
    getLocale(),
    currentUser(),
    drawOfOffer({ circuitId }),
  ]);
  if (!circuit) notFound();
  const kinds = circuit.audience === "PUBLIC" ? (["INDIVIDUAL"] as const) : circuit.audience === "SCHOOL" ? (["GROUP"] as const) : (["INDIVIDUAL", "GROUP"] as const);
  const forVisitors = circuit.audience !== "SCHOOL";
  const left = forVisitors ? circuit.seatsLeftForIndividuals : circuit.seatsLeftForSchools;
  const event = circuitEvent(
    { ...circuit, seatsLeft: Math.max(circuit.seatsLeftForIndividuals, circuit.seatsLeftForSchools) },
    { origin: siteOrigin(), editionName: circuit.edition.name, organiserName: tCommon("siteName"), bookingOpensAt: circuit.edition.bookingOpensAt },
  );

  return (
    <div className="flex flex-col gap-6">
      <JsonLd data={event} />
      <nav aria-label={t("trail")}>
        <Link prefetch={false} href="/circuits" className="text-brand-700 underline underline-offset-4">
          <span aria-hidden="true">← </span>
          {t("back")}
        </Link>
      </nav>
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{circuit.name}</h1>
        <p className="text-lg font-semibold">
          <time dateTime={circuit.departsAt.toISOString()}>{formatWeekdayDate(circuit.departsAt, locale)}</time>
        </p>
        <div className="flex flex-wrap gap-2">
          <AudienceBadge audience={circuit.audience} />
        </div>
      </div>
      <section aria-labelledby="deroule" className="grid gap-4 rounded-xl bg-brand-50 p-5 md:grid-cols-2">
        <div className="flex flex-col gap-3">
          <h2 id="deroule" className="text-xl font-semibold">
            {t("programme")}
          </h2>
          <CircuitStops circuit={circuit} />
        </div>
        <div className="flex flex-col gap-3">
          <p className="whitespace-pre-line">{circuit.description}</p>
          <p className="font-semibold text-brand-900">{left > 0 ? t("seatsLeft", { count: left }) : t("fullWaitlist")}</p>
          <p className="text-slate-700">{t("howItWorks")}</p>
        </div>
      </section>
      <h2 className="text-2xl font-semibold">{t("bookTitle")}</h2>
      {draw ? (
        // Until its draw is complete, the circuit's seats go to the draw's applicants.
        <DrawBanner draw={draw} offer="circuit" />
      ) : (
      <BookingForm
        action={bookCircuitAction}
        target={{ name: "circuitId", id: circuit.id }}
        idempotencyKey={randomUUID()}
        locale={locale}
        kinds={[...kinds]}
        signedIn={Boolean(user)}
        signInHref={`/connexion?callbackUrl=${encodeURIComponent(`/circuits/${circuit.id}`)}`}
        maxSeats={circuit.maxSeatsPerBooking}
        seatsLeft={{ INDIVIDUAL: circuit.seatsLeftForIndividuals, GROUP: circuit.seatsLeftForSchools }}
        studentsPerAdult={circuit.studentsPerAdult}
        retentionDays={circuit.edition.dataRetentionDays}
        defaultEmail={user?.email}
        emailHint={t("emailHint")}
      />
      )}
    </div>
  );
}
