import type { Audience } from "@prisma/client";
import { getTranslations } from "next-intl/server";
import type { Availability } from "@/lib/booking/availability";
import { getCatalogueFormatters } from "./formatters";
import { ReserveLink } from "./ReserveLink";
import { SeatsBadge } from "./SeatsBadge";

/**
 * Seats left (or "full — waiting list") beside the booking link: the foot of every slot. Seats are
 * counted for whoever the page is for: school groups (`forSchools`, or a classes-only visit) or
 * individual visitors. When every free seat is still held for classes, a visitor reads until when,
 * instead of a "Réserver" that would only put them on the waiting list; classes keep a link. A
 * classes-only visit shown to anyone but a school search says so, with "Inscrire une classe".
 * `query` (the catalogue's filters) travels with the booking link.
 */
export async function SlotAvailability({
  slot,
  forSchools = false,
  site,
  time,
  query,
}: {
  slot: Availability & { id: string; audience: Audience };
  forSchools?: boolean;
  site: string;
  time: string;
  query?: string;
}) {
  const schoolView = forSchools || slot.audience === "SCHOOL";
  const seatsLeft = schoolView ? slot.seatsLeftForSchools : slot.seatsLeftForIndividuals;
  const link = { slotId: slot.id, site, time, query };
  const held = "inline-flex items-center rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-900";
  if (!schoolView && seatsLeft === 0 && slot.schoolReservedUntil) {
    const { schoolReserved } = await getCatalogueFormatters();
    return (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span className={held}>{schoolReserved(slot.schoolReservedUntil)}</span>
        <ReserveLink {...link} variant="class" />
      </div>
    );
  }
  if (!forSchools && slot.audience === "SCHOOL") {
    const t = await getTranslations("catalogue.slot");
    return (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap gap-2">
          <span className={held}>{t("classesOnly")}</span>
          <SeatsBadge seatsLeft={seatsLeft} />
        </div>
        <ReserveLink {...link} variant="class" />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <SeatsBadge seatsLeft={seatsLeft} />
      <ReserveLink {...link} variant={seatsLeft === 0 ? "waitlist" : "book"} />
    </div>
  );
}
