import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { doorDay } from "@/lib/factory/checkin";
import { pageFactoryUser } from "@/lib/auth/pages";
import { FactoryNav } from "../FactoryNav";
import { getFactoryFormatters } from "../format";
import { DoorDesk } from "./DoorDesk";
import { WalkInForm } from "./WalkInForm";

type Props = { params: Promise<{ factoryId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factory.door"))("title"), robots: { index: false } };
}

// Check-in at the door, on a phone: today's visits at a glance, then the scanner and its fallbacks.
export default async function DoorPage({ params }: Props) {
  const { factoryId } = await params;
  const user = await pageFactoryUser(factoryId, `/espace-usine/${factoryId}/accueil`);
  const [day, t, f] = await Promise.all([doorDay(user, factoryId), getTranslations("factory.door"), getFactoryFormatters()]);
  if (!day) notFound();
  // Walk-ins are let in to today's visits that have not ended.
  const open = day.slots.filter((slot) => slot.status === "OPEN" && !slot.ended);
  return (
    <div className="flex flex-col gap-6">
      <FactoryNav factoryId={day.factory.id} current="door" siteName={day.factory.siteName} />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">
          {t("title")} — {day.factory.siteName}
        </h1>
        <h2 className="text-lg font-semibold first-letter:uppercase">{t("today", { day: f.day(day.day, false) })}</h2>
        {day.slots.length === 0 ? (
          <p>{t("noVisitToday")}</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {day.slots.map((slot) => (
              <li key={slot.id}>
                <Link href={`/espace-usine/${day.factory.id}/inscrits?slot=${slot.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                  {f.timeRange(slot.startsAt, slot.endsAt)}
                </Link>{" "}
                {slot.status === "CANCELLED"
                  ? `(${t("slotCancelled")})`
                  : `: ${t("slotLine", { expected: slot.counts?.confirmedSeats ?? 0, arrived: slot.counts?.checkedInPeople ?? 0 })}${t("walkIn.line", { walkIns: slot.walkIns })}`}
              </li>
            ))}
          </ul>
        )}
      </div>
      <DoorDesk factoryId={day.factory.id} />
      {open.length > 0 && (
        <section aria-labelledby="walkin-title" className="flex flex-col gap-3">
          <h2 id="walkin-title" className="text-xl font-semibold">
            {t("walkIn.title")}
          </h2>
          <p className="text-slate-700">{t("walkIn.intro")}</p>
          {open.map((slot) => (
            <WalkInForm key={slot.id} factoryId={day.factory.id} slotId={slot.id} label={f.timeRange(slot.startsAt, slot.endsAt)} seatsLeft={slot.seatsLeft} />
          ))}
        </section>
      )}
    </div>
  );
}
