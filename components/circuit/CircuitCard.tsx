import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AudienceBadge } from "@/components/catalogue/AudienceBadge";
import type { PublicCircuit } from "@/lib/circuit/catalogue";
import { formatWeekdayDate } from "@/lib/i18n/format";
import { CircuitStops } from "./CircuitStops";

/**
 * One circuit in a list (the catalogue of circuits, a factory page): its name, day, stops and seats
 * left, counted for school groups when `forSchools`, else for visitors (the larger when either may book).
 */
export async function CircuitCard({ circuit, forSchools = false, headingLevel = 3 }: { circuit: PublicCircuit; forSchools?: boolean; headingLevel?: 2 | 3 | 4 }) {
  const [t, locale] = await Promise.all([getTranslations("circuits.public"), getLocale()]);
  const Heading = `h${headingLevel}` as const;
  const titleId = `circuit-${circuit.id}`;
  const left =
    forSchools || circuit.audience === "SCHOOL"
      ? circuit.seatsLeftForSchools
      : circuit.audience === "PUBLIC"
        ? circuit.seatsLeftForIndividuals
        : Math.max(circuit.seatsLeftForIndividuals, circuit.seatsLeftForSchools);
  return (
    <article aria-labelledby={titleId} className="flex h-full flex-col gap-3 rounded-xl border border-slate-300 bg-white p-4 shadow-sm">
      <div className="flex flex-col gap-0.5">
        <Heading id={titleId} className="text-lg font-semibold leading-snug">
          <Link prefetch={false} href={`/circuits/${encodeURIComponent(circuit.id)}`} className="text-brand-900 underline underline-offset-4 hover:decoration-2">
            {circuit.name}
          </Link>
        </Heading>
        <p className="font-semibold text-slate-900">
          <time dateTime={circuit.departsAt.toISOString()}>{formatWeekdayDate(circuit.departsAt, locale, { year: false })}</time>
          {" · "}
          {t("stopsCount", { count: circuit.stops.length })}
        </p>
      </div>
      <CircuitStops circuit={circuit} linkFactories={false} />
      <div className="flex flex-wrap gap-2">
        <AudienceBadge audience={circuit.audience} />
      </div>
      <p className="mt-auto font-semibold text-brand-900">{left > 0 ? t("seatsLeft", { count: left }) : t("full")}</p>
      <Link
        prefetch={false}
        href={`/circuits/${encodeURIComponent(circuit.id)}`}
        aria-label={t(left > 0 ? "bookLabel" : "waitlistLabel", { name: circuit.name })}
        className="self-start rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900"
      >
        {left > 0 ? t("book") : t("waitlist")}
      </Link>
    </article>
  );
}
