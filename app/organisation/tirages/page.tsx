import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/form/FormMessage";
import { Section } from "@/components/ui/Section";
import { emptyClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { drawableCircuits, drawableSlots, listDraws } from "@/lib/draw/queries";
import { formatVisitTime, formatWeekdayDate } from "@/lib/i18n/format";
import { parisDay } from "@/lib/paris-time";
import { AdminPage } from "../edition/AdminNav";
import { DrawPhaseLine } from "../../tirages/DrawPhaseLine";
import { CreateDrawForm, RunDrawForm } from "./DrawForms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("draws.organiser"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE = ["created", "run"] as const;

export default async function OrganiserDrawsPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/tirages");
  const params = await searchParams;
  const [t, tp, locale, edition] = await Promise.all([getTranslations("draws.organiser"), getTranslations("draws.public"), getLocale(), getCurrentEdition()]);
  if (!edition) return <AdminPage current="draws" title={t("title")} intro={t("noEdition")}>{null}</AdminPage>;
  const done = DONE.find((key) => key === params.fait);
  const [draws, slots, circuits] = await Promise.all([listDraws(edition.id), drawableSlots(edition.id), drawableCircuits(edition.id)]);

  return (
    <AdminPage current="draws" title={t("title")} intro={t("intro")}>
      <FormMessage tone="success" message={done ? t(`done.${done}`) : undefined} reserveSpace={false} />

      <Section id="draws" title={t("listTitle")}>
        {draws.length === 0 ? (
          <p className={emptyClass}>{t("none")}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {draws.map((draw) => (
              <li key={draw.id} className="flex flex-col gap-2 rounded-lg border border-slate-300 p-4">
                <h3 className="text-lg font-semibold">{draw.name}</h3>
                <DrawPhaseLine draw={draw} />
                <p className="text-sm">{tp("counts", { offers: draw.offers, applications: draw.applications })}</p>
                <Link href={`/tirages/${draw.id}`} className="self-start font-medium text-brand-700 underline underline-offset-4">
                  {t("publicPage")}
                  <span className="sr-only"> : {draw.name}</span>
                </Link>
                {draw.phase === "closed" && <RunDrawForm drawId={draw.id} name={draw.name} />}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="create" title={t("createTitle")}>
        {slots.length + circuits.length === 0 ? (
          <p className={emptyClass}>{t("noSlots")}</p>
        ) : (
          <CreateDrawForm
            days={[...new Set([...slots.map((slot) => slot.startsAt), ...circuits.map((circuit) => circuit.departsAt)].map(parisDay))]
              .sort()
              .map((day) => ({ value: day, label: formatWeekdayDate(day, locale, { year: false }) }))}
            circuits={circuits.map((circuit) => ({
              id: circuit.id,
              label: `${formatVisitTime(circuit.departsAt, circuit.returnsAt, locale, { year: false })} · ${circuit.name}`,
              detail: t("circuitDetail", { commune: circuit.departureCommuneName, capacity: circuit.busCapacity }),
            }))}
            visits={slots.map((slot) => ({
              id: slot.id,
              label: `${formatVisitTime(slot.startsAt, slot.endsAt, locale, { year: false })} · ${slot.factory.siteName}`,
              detail: t("slotDetail", { commune: slot.factory.communeName, capacity: slot.capacity }),
            }))}
          />
        )}
      </Section>
    </AdminPage>
  );
}
