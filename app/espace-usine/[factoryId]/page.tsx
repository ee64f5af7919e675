import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isSlotLanguage } from "@/lib/factory/slot-schemas";
import { seatsLeft } from "@/lib/booking/availability";
import { now } from "@/lib/clock";
import { getFactoryDashboard } from "@/lib/factory/slots";
import { statusNote } from "@/lib/representativity/reasons";
import { pageFactoryUser } from "@/lib/auth/pages";
import { PracticalPictograms } from "@/components/practical/PracticalPictograms";
import { FactoryCircuits } from "./circuits/FactoryCircuits";
import { FactoryNav } from "./FactoryNav";
import { getFactoryFormatters } from "./format";

type Props = { params: Promise<{ factoryId: string }>; searchParams: Promise<{ cree?: string; annulee?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factory.nav"))("dashboard"), robots: { index: false } };
}

const link = "font-semibold text-brand-700 underline underline-offset-4";

export default async function FactoryDashboardPage({ params, searchParams }: Props) {
  const [{ factoryId }, flags] = await Promise.all([params, searchParams]);
  const user = await pageFactoryUser(factoryId, `/espace-usine/${factoryId}`);
  const [data, t, f, locale] = await Promise.all([getFactoryDashboard(user, factoryId), getTranslations("factory"), getFactoryFormatters(), getLocale()]);
  if (!data) notFound();
  const { factory } = data;
  const note = factory.status === "APPROVED" ? null : statusNote(factory, locale === "en" ? "en" : "fr");
  const base = `/espace-usine/${factory.id}`;
  const at = now();
  const created = Number(flags.cree);
  const cancelled = flags.annulee === undefined ? NaN : Number(flags.annulee);

  return (
    <div className="flex flex-col gap-6">
      <FactoryNav factoryId={factory.id} current="dashboard" siteName={factory.siteName} />
      <div className="flex flex-col gap-1">
        <h1 className="text-3xl font-bold">{factory.siteName}</h1>
        <p className="text-slate-700">
          {t("dashboard.company", { company: factory.companyName, commune: factory.communeName })} · {factory.edition.name}
        </p>
        <p>
          {t("dashboard.statusLabel")} <strong>{t(`status.${factory.status}`)}</strong>
          {note ? ` — ${note}` : null}
        </p>
        {factory.status !== "APPROVED" && <p className="rounded-md bg-amber-50 px-4 py-3 text-amber-900">{t("dashboard.notApproved")}</p>}
      </div>

      <div role="status" aria-live="polite">
        {Number.isInteger(created) && created > 0 && (
          <p className="rounded-md bg-green-50 px-4 py-3 text-green-900">{t("dashboard.created", { count: created })}</p>
        )}
        {Number.isInteger(cancelled) && cancelled >= 0 && (
          <p className="rounded-md bg-green-50 px-4 py-3 text-green-900">{t("dashboard.cancelled", { count: cancelled })}</p>
        )}
      </div>

      <p className="flex flex-wrap gap-x-4 gap-y-1">
        <span>{t("dashboard.export")}</span>
        {/* The workbook first: recommended (see lib/factory/export.ts). */}
        <a href={`/api/v1/factories/${factory.id}/bookings.xlsx`} className={link} download>
          {t("dashboard.xlsx")}
        </a>
        <a href={`/api/v1/factories/${factory.id}/bookings.csv`} className={link} download>
          {t("dashboard.csv")}
        </a>
      </p>

      <section aria-labelledby="visits" className="flex flex-col gap-6">
        <h2 id="visits" className="text-2xl font-semibold">
          {t("dashboard.slotsTitle")}
        </h2>
        {data.days.length === 0 && <p>{t("dashboard.empty")}</p>}
        {data.days.map(({ day, slots }) => (
          <section key={day} aria-labelledby={`day-${day}`} className="flex flex-col gap-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id={`day-${day}`} className="text-xl font-semibold first-letter:uppercase">
                {f.day(day)}
              </h3>
              <Link href={`${base}/inscrits?day=${day}`} className={link} aria-label={t("dashboard.dayAttendeesLabel", { day: f.day(day, false) })}>
                {t("dashboard.dayAttendees")}
              </Link>
            </div>
            <ul className="grid gap-3 md:grid-cols-2">
              {slots.map((slot) => {
                const when = `${f.day(day, false)}, ${f.clock(slot.startsAt)}`;
                const isCancelled = slot.status === "CANCELLED";
                return (
                  <li key={slot.id} className={`flex flex-col gap-2 rounded-xl border p-4 ${isCancelled ? "border-slate-200 bg-slate-50 text-slate-600" : "border-slate-300"}`}>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <p className="text-lg font-semibold">
                        <time dateTime={slot.startsAt.toISOString()}>{f.timeRange(slot.startsAt, slot.endsAt)}</time>
                      </p>
                      {isCancelled ? (
                        <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-sm font-semibold text-slate-800">{t("dashboard.cancelledBadge")}</span>
                      ) : seatsLeft(slot, at, true) === 0 ? (
                        <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-900">{t("dashboard.full")}</span>
                      ) : null}
                    </div>
                    <p className="text-sm text-slate-700">
                      {t(`format.${slot.format}`)} · {t(`audience.${slot.audience}`)} · {isSlotLanguage(slot.language) ? t(`language.${slot.language}`) : slot.language}
                    </p>
                    <PracticalPictograms items={slot.practical} />
                    {!isCancelled && (
                      <ul className="text-sm">
                        <li className="font-medium">{t("dashboard.seats", { taken: slot.taken, capacity: slot.capacity })}</li>
                        <li>{t("dashboard.waitlist", { count: slot.counts.waitlistedBookings, seats: slot.counts.waitlistedSeats })}</li>
                        <li>{t("dashboard.checkedIn", { people: slot.counts.checkedInPeople })}</li>
                        {slot.schoolReservedSeats > 0 && slot.schoolReservedUntil && (
                          <li>{t("dashboard.reserved", { seats: slot.schoolReservedSeats, date: f.dateTime(slot.schoolReservedUntil) })}</li>
                        )}
                        {slot.circuitReservedSeats > 0 && slot.circuitReservedUntil && (
                          <li>{t("dashboard.reservedForCircuits", { seats: slot.circuitReservedSeats, date: f.dateTime(slot.circuitReservedUntil) })}</li>
                        )}
                      </ul>
                    )}
                    <p className="flex flex-wrap gap-4">
                      {!isCancelled && (
                        <Link href={`${base}/creneaux/${slot.id}`} className={link} aria-label={t("dashboard.editLabel", { when })}>
                          {t("dashboard.edit")}
                        </Link>
                      )}
                      <Link href={`${base}/inscrits?slot=${slot.id}`} className={link} aria-label={t("dashboard.attendeesLabel", { when })}>
                        {t("dashboard.attendees")}
                      </Link>
                    </p>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </section>

      <FactoryCircuits factoryId={factory.id} />
    </div>
  );
}
