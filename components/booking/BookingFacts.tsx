import { getLocale, getTranslations } from "next-intl/server";
import type { TicketView } from "@/lib/booking";
import { visitConditions } from "@/lib/booking/visit-conditions";
import { formatVisitTime } from "@/lib/i18n/format";
import { practicalItems } from "@/lib/practical/info";
import { PracticalInfo } from "@/components/practical/PracticalInfo";
import { VisitConditionList } from "./VisitConditionList";

// The facts of a booking shared by the private booking page and the ticket page, with the visit's
// conditions and practical information as its e-mails list them.
export async function BookingFacts({ booking }: { booking: TicketView }) {
  const [t, tc, locale] = await Promise.all([getTranslations("booking.manage"), getTranslations("booking.conditions"), getLocale()]);
  const { slot } = booking;
  const f = slot.factory;
  const rows: [string, string][] = [
    [t("visit"), `${f.siteName} (${f.companyName})`],
    [t("when"), formatVisitTime(slot.startsAt, slot.endsAt, locale)],
    [t("where"), `${f.address}, ${f.postalCode} ${f.communeName}`],
    [
      t("seats"),
      booking.kind !== "GROUP"
        ? t("seatsValue", { count: booking.seats })
        : booking.organisationName
          ? t("organisationGroup", { students: booking.students ?? 0, adults: booking.adults ?? 0, organisation: booking.organisationName })
          : t("group", { students: booking.students ?? 0, adults: booking.adults ?? 0, school: booking.schoolName ?? "", level: booking.classLevel ?? "" }),
    ],
    [t("contact"), booking.contactName],
  ];
  // A waiting-list entry or a cancelled booking has no ticket to show.
  if (booking.status === "CONFIRMED" || booking.status === "CHECKED_IN") rows.push([t("ticketCode"), booking.ticketCode]);
  const conditions = visitConditions(slot, f, { group: booking.kind === "GROUP" });
  return (
    <>
    <dl className="grid gap-3 sm:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-sm text-slate-700">{label}</dt>
          <dd className="font-semibold">{value}</dd>
        </div>
      ))}
      {conditions.length > 0 && (
        <div className="sm:col-span-2">
          <dt className="text-sm text-slate-700">{tc("title")}</dt>
          <dd>
            <VisitConditionList conditions={conditions} />
          </dd>
        </div>
      )}
    </dl>
    <PracticalInfo items={practicalItems(slot, f)} site={f.siteName} place={f} />
    </>
  );
}
