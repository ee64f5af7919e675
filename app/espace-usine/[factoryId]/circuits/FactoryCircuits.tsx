import { getLocale, getTranslations } from "next-intl/server";
import { factoryCircuitLegs } from "@/lib/circuit/queries";
import { formatTimeRange, formatWeekdayDate } from "@/lib/i18n/format";
import { RefuseLegForm } from "./RefuseLegForm";

// The circuits that stop at this factory's visits: their groups come through « Qui vient ? » like
// any booking; here the factory sees each stop, and may decline it while the circuit is a draft.
export async function FactoryCircuits({ factoryId }: { factoryId: string }) {
  const [legs, t, locale] = await Promise.all([factoryCircuitLegs(factoryId), getTranslations("circuits.factory"), getLocale()]);
  if (legs.length === 0) return null;
  return (
    <section aria-labelledby="circuits" className="flex flex-col gap-3">
      <h2 id="circuits" className="text-2xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("intro")}</p>
      <ul className="grid gap-3 md:grid-cols-2">
        {legs.map((leg) => (
          <li key={leg.id} className="flex flex-col gap-2 rounded-xl border border-slate-300 p-4">
            <p className="text-lg font-semibold">{leg.circuit.name}</p>
            <p className="text-sm text-slate-700">
              {t("stop", { position: leg.position, count: leg.circuit._count.legs, commune: leg.circuit.departureCommuneName })} ·{" "}
              {formatWeekdayDate(leg.slot.startsAt, locale)}, {formatTimeRange(leg.slot.startsAt, leg.slot.endsAt, locale)}
            </p>
            <p className="text-sm">
              {leg.refusedAt ? (
                <strong className="text-red-800">{t("refused")}</strong>
              ) : leg.circuit.status === "PUBLISHED" ? (
                t("published", { taken: leg.circuit.busTaken, capacity: leg.circuit.busCapacity })
              ) : (
                t("draft")
              )}
            </p>
            {leg.circuit.status === "DRAFT" && !leg.refusedAt && <RefuseLegForm factoryId={factoryId} legId={leg.id} circuitName={leg.circuit.name} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
