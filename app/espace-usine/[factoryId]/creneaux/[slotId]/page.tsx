import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { parisDay, toParisLocalInput } from "@/lib/paris-time";
import { getSlotForEdit } from "@/lib/factory/slots";
import { photographyChoice } from "@/lib/practical/schemas";
import { pageFactoryUser } from "@/lib/auth/pages";
import { FactoryNav } from "../../FactoryNav";
import { getFactoryFormatters } from "../../format";
import { CancelSlotForm } from "../CancelSlotForm";
import { SlotForm } from "../SlotForm";

type Props = { params: Promise<{ factoryId: string; slotId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factory.slotForm"))("editTitle"), robots: { index: false } };
}

export default async function EditSlotPage({ params }: Props) {
  const { factoryId, slotId } = await params;
  const user = await pageFactoryUser(factoryId, `/espace-usine/${factoryId}/creneaux/${slotId}`);
  const [slot, t, td, f] = await Promise.all([
    getSlotForEdit(user, factoryId, slotId),
    getTranslations("factory.slotForm"),
    getTranslations("factory"),
    getFactoryFormatters(),
  ]);
  if (!slot) notFound();
  const base = `/espace-usine/${slot.factory.id}`;
  return (
    <div className="flex flex-col gap-6">
      <FactoryNav factoryId={slot.factory.id} siteName={slot.factory.siteName} />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("editTitle")}</h1>
        <p className="text-lg first-letter:uppercase">
          <time dateTime={slot.startsAt.toISOString()}>
            {f.day(parisDay(slot.startsAt))}, {f.timeRange(slot.startsAt, slot.endsAt)}
          </time>{" "}
          — {slot.factory.siteName}
        </p>
        <ul className="text-slate-700">
          <li>{td("dashboard.seats", { taken: slot.taken, capacity: slot.capacity })}</li>
          <li>{td("dashboard.waitlist", { count: slot.counts.waitlistedBookings, seats: slot.counts.waitlistedSeats })}</li>
        </ul>
        <Link href={`${base}/inscrits?slot=${slot.id}`} className="self-start font-semibold text-brand-700 underline underline-offset-4">
          {td("dashboard.attendees")}
        </Link>
      </div>
      {slot.status === "CANCELLED" ? (
        <p role="status" className="rounded-md bg-slate-100 px-4 py-3">
          {t("slotCancelled")}
        </p>
      ) : (
        <>
          <p className="max-w-prose text-slate-700">{t("timeFixed")}</p>
          <SlotForm
            mode="edit"
            factoryId={slot.factory.id}
            slotId={slot.id}
            booked={slot.taken}
            siteMinAge={slot.factory.minAge}
            initial={{
              capacity: slot.capacity,
              audience: slot.audience,
              openToEmployment: slot.openToEmployment,
              schoolReservedSeats: slot.schoolReservedSeats,
              schoolReservedUntil: toParisLocalInput(slot.schoolReservedUntil),
              circuitReservedSeats: slot.circuitReservedSeats,
              circuitReservedUntil: toParisLocalInput(slot.circuitReservedUntil),
              maxSeatsPerBooking: slot.maxSeatsPerBooking,
              minAge: slot.minAge,
              language: slot.language,
              format: slot.format,
              meetingPoint: slot.meetingPoint,
              parkingInfo: slot.parkingInfo,
              publicTransport: slot.publicTransport,
              walkingDistanceMeters: slot.walkingDistanceMeters,
              ppe: slot.ppe,
              photographyAllowed: photographyChoice(slot.photographyAllowed),
            }}
          />
          <CancelSlotForm factoryId={slot.factory.id} slotId={slot.id} activeBookings={slot.counts.activeBookings} />
        </>
      )}
      <Link href={base} className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
    </div>
  );
}
