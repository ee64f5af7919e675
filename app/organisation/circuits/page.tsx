import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/form/FormMessage";
import { SelectFilter } from "@/components/form/Field";
import { FactList } from "@/components/ui/FactList";
import { Section } from "@/components/ui/Section";
import { emptyClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { circuitCandidateSlots, organiserCircuits } from "@/lib/circuit/queries";
import { BUS_TRIP_MINUTES } from "@/lib/circuit/timeline";
import { factoryName } from "@/lib/email/templates/common";
import { DEPARTMENTS } from "@/lib/geo/regions";
import { formatTimeRange, formatWeekdayDate } from "@/lib/i18n/format";
import { editionDays } from "@/lib/paris-time";
import { AdminPage } from "../edition/AdminNav";
import { CircuitStatusForm, CreateCircuitForm } from "./CircuitForms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("circuits.organiser"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE = ["created", "published", "unpublished"] as const;

export default async function OrganiserCircuitsPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/circuits");
  const params = await searchParams;
  const [t, tDeparture, locale, edition] = await Promise.all([
    getTranslations("circuits.organiser"),
    getTranslations("circuits.departure"),
    getLocale(),
    getCurrentEdition(),
  ]);
  if (!edition) return <AdminPage current="circuits" title={t("title")} intro={t("noEdition")}>{null}</AdminPage>;

  const days = editionDays(edition);
  const day = typeof params.jour === "string" && days.includes(params.jour) ? params.jour : undefined;
  const department = typeof params.departement === "string" && DEPARTMENTS.some((d) => d.code === params.departement) ? params.departement : undefined;
  const done = DONE.find((key) => key === params.fait);
  const [circuits, candidates] = await Promise.all([
    organiserCircuits(edition.id),
    day && department ? circuitCandidateSlots(edition.id, day, department) : Promise.resolve([]),
  ]);

  return (
    <AdminPage current="circuits" title={t("title")} intro={t("intro", BUS_TRIP_MINUTES)}>
      <FormMessage tone="success" message={done ? t(`done.${done}`) : undefined} reserveSpace={false} />

      <Section id="create" title={t("createTitle")}>
        <form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <SelectFilter
            id="circuit-day"
            name="jour"
            label={t("day")}
            defaultValue={day}
            emptyLabel={t("chooseDay")}
            options={days.map((value) => ({ value, label: formatWeekdayDate(value, locale) }))}
          />
          <SelectFilter
            id="circuit-department"
            name="departement"
            label={t("department")}
            defaultValue={department}
            emptyLabel={t("chooseDepartment")}
            options={DEPARTMENTS.map((d) => ({ value: d.code, label: `${d.code} – ${d.name}` }))}
          />
          <button type="submit" className="inline-flex min-h-11 items-center justify-center rounded-md border border-slate-400 px-4 py-2 font-semibold hover:bg-slate-100">
            {t("showVisits")}
          </button>
        </form>
        {day && department && candidates.length < 2 && <p className={emptyClass}>{t("tooFewVisits")}</p>}
        {day && department && candidates.length >= 2 && (
          <CreateCircuitForm
            day={day}
            visits={candidates.map((slot) => ({
              id: slot.id,
              label: `${formatTimeRange(slot.startsAt, slot.endsAt, locale)} · ${factoryName(slot.factory)}`,
              detail: t("visitDetail", {
                commune: slot.factory.communeName,
                department: slot.factory.departmentCode,
                left: slot.seatsLeft,
                audience: slot.audience,
              }),
            }))}
          />
        )}
      </Section>

      <Section id="circuits" title={t("listTitle")}>
        {circuits.length === 0 ? (
          <p className={emptyClass}>{t("empty")}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {circuits.map((circuit) => {
              const refused = circuit.legs.filter((leg) => leg.refusedAt).length;
              return (
                <li key={circuit.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4">
                  <h3 className="text-lg font-semibold">
                    {circuit.name}{" "}
                    <span className={`ml-1 rounded px-1.5 text-sm ${circuit.status === "PUBLISHED" ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-800"}`}>
                      {t(`status.${circuit.status}`)}
                    </span>
                  </h3>
                  <FactList
                    className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]"
                    facts={[
                      [t("when"), `${formatWeekdayDate(circuit.departsAt, locale)}, ${formatTimeRange(circuit.departsAt, circuit.returnsAt, locale)}`],
                      [t("departure"), `${circuit.departureAddress}, ${circuit.departureCommuneName}`],
                      [t("bus"), t("busFill", { taken: circuit.busTaken, capacity: circuit.busCapacity })],
                      [t("bookings"), t("bookingCounts", { confirmed: circuit.confirmed, waiting: circuit.waiting })],
                      refused > 0 && [t("refused"), t("refusedCount", { count: refused })],
                    ]}
                  />
                  <ol className="flex list-decimal flex-col gap-1 pl-6 text-sm">
                    {circuit.legs.map((leg) => (
                      <li key={leg.id}>
                        {formatTimeRange(leg.slot.startsAt, leg.slot.endsAt, locale)} · {factoryName(leg.slot.factory)} ({leg.slot.factory.communeName}) ·{" "}
                        {t("legSeats", { taken: leg.slot.taken, capacity: leg.slot.capacity })}
                        {leg.refusedAt && <strong className="ml-1 text-red-800">{t("legRefused")}</strong>}
                      </li>
                    ))}
                  </ol>
                  {circuit.status === "PUBLISHED" && (
                    <Link href={`/organisation/circuits/${circuit.id}/depart`} className="self-start font-medium text-brand-700 underline underline-offset-4">
                      {tDeparture("link")}
                      <span className="sr-only"> : {circuit.name}</span>
                    </Link>
                  )}
                  <CircuitStatusForm circuitId={circuit.id} name={circuit.name} publish={circuit.status !== "PUBLISHED"} />
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </AdminPage>
  );
}
