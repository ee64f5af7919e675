import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSlotCreationContext } from "@/lib/factory/slots";
import { pageFactoryUser } from "@/lib/auth/pages";
import { FactoryNav } from "../../FactoryNav";
import { getFactoryFormatters } from "../../format";
import { SlotForm } from "../SlotForm";

type Props = { params: Promise<{ factoryId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factory.slotForm"))("createTitle"), robots: { index: false } };
}

export default async function NewSlotsPage({ params }: Props) {
  const { factoryId } = await params;
  const user = await pageFactoryUser(factoryId, `/espace-usine/${factoryId}/creneaux/nouveau`);
  const [context, t, f] = await Promise.all([getSlotCreationContext(user, factoryId), getTranslations("factory.slotForm"), getFactoryFormatters()]);
  if (!context) notFound();
  const { factory, days } = context;
  return (
    <div className="flex flex-col gap-6">
      <FactoryNav factoryId={factory.id} current="newSlots" siteName={factory.siteName} />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">
          {t("createTitle")} — {factory.siteName}
        </h1>
        <p className="max-w-prose text-slate-700">{t("createIntro")}</p>
      </div>
      <SlotForm
        mode="create"
        factoryId={factory.id}
        days={days.map((day) => ({ value: day, label: f.day(day) }))}
        defaultMaxSeats={factory.edition.defaultMaxSeatsPerBooking}
        siteMinAge={factory.minAge}
        initial={{
          capacity: 20,
          audience: "BOTH",
          openToEmployment: false,
          schoolReservedSeats: 0,
          schoolReservedUntil: "",
          circuitReservedSeats: 0,
          circuitReservedUntil: "",
          maxSeatsPerBooking: null,
          minAge: null,
          language: "fr",
          format: "GUIDED_TOUR",
          meetingPoint: null,
          parkingInfo: null,
          publicTransport: null,
          walkingDistanceMeters: null,
          ppe: "NONE",
          photographyAllowed: "",
        }}
      />
      <Link href={`/espace-usine/${factory.id}`} className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
    </div>
  );
}
