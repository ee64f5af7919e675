import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BookingFacts } from "@/components/booking/BookingFacts";
import { TicketQr } from "@/components/booking/TicketQr";
import { getBookingByTicketToken } from "@/lib/booking";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("booking.manage"))("ticket"), robots: { index: false }, referrer: "no-referrer" };
}

// The ticket alone (linked from the confirmation e-mail): what to show at the door, no contact details.
export default async function TicketPage({ params }: Props) {
  const { token } = await params;
  const [booking, t] = await Promise.all([getBookingByTicketToken(token), getTranslations("booking.manage")]);
  if (!booking) notFound();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("ticket")}</h1>
      <p>
        {t("status.label")} : <strong>{t(`status.${booking.status}`)}</strong>
      </p>
      <BookingFacts booking={booking} />
      {booking.status === "CONFIRMED" && (
        <>
          <p className="text-slate-700">{t("ticketHelp")}</p>
          <TicketQr ticketToken={token} label={t("qrAlt", { code: booking.ticketCode })} />
        </>
      )}
    </div>
  );
}
