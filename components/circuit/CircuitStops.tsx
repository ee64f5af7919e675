import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { PublicCircuit } from "@/lib/circuit/catalogue";
import { formatTime, formatTimeRange } from "@/lib/i18n/format";

/** A circuit's day in order: the meeting point, each stop (factory, commune, times), the return. */
export async function CircuitStops({ circuit, linkFactories = true }: { circuit: PublicCircuit; linkFactories?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("circuits.public"), getLocale()]);
  const { departure } = circuit;
  return (
    <ol className="flex flex-col gap-2 border-l-2 border-brand-300 pl-4">
      <li>
        <span className="font-semibold">{formatTime(circuit.departsAt, locale)}</span> — {t("meeting", { address: departure.address, commune: departure.communeName })}
      </li>
      {circuit.stops.map((stop) => (
        <li key={stop.slotId}>
          <span className="font-semibold">{formatTimeRange(stop.startsAt, stop.endsAt, locale)}</span> —{" "}
          {t("stop", { position: stop.position })}{" "}
          {linkFactories ? (
            <Link prefetch={false} href={`/usines/${encodeURIComponent(stop.factory.id)}`} className="font-medium text-brand-700 underline underline-offset-4">
              {stop.factory.siteName}
            </Link>
          ) : (
            <span className="font-medium">{stop.factory.siteName}</span>
          )}{" "}
          ({stop.factory.communeName})
        </li>
      ))}
      <li>
        <span className="font-semibold">{formatTime(circuit.returnsAt, locale)}</span> — {t("return", { commune: departure.communeName })}
      </li>
    </ol>
  );
}
