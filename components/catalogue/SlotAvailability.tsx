import type { Audience } from "@prisma/client";
import type { Availability } from "@/lib/booking/availability";
import { getCatalogueFormatters } from "./formatters";
import { ReserveLink } from "./ReserveLink";
import { SeatsBadge } from "./SeatsBadge";

/**
 * Seats left (or "full — waiting list") beside the booking link: the foot of every slot. Seats are
 * counted for whoever the page is for: school groups (`forSchools`, or a classes-only visit) or
 * individual visitors. When every free seat is still held for classes, a visitor reads until when,
 * instead of a "Réserver" that would only put them on the waiting list; classes keep a link.
 */
export async function SlotAvailability({
  slot,
  forSchools = false,
  site,
  time,
}: {
  slot: Availability & { id: string; audience: Audience };
  forSchools?: boolean;
  site: string;
  time: string;
}) {
  const schoolView = forSchools || slot.audience === "SCHOOL";
  const seatsLeft = schoolView ? slot.seatsLeftForSchools : slot.seatsLeftForIndividuals;
  if (!schoolView && seatsLeft === 0 && slot.schoolReservedUntil) {
    const { schoolReserved } = await getCatalogueFormatters();
    return (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span className="inline-flex items-center rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-900">
          {schoolReserved(slot.schoolReservedUntil)}
        </span>
        <ReserveLink slotId={slot.id} variant="class" site={site} time={time} />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <SeatsBadge seatsLeft={seatsLeft} />
      <ReserveLink slotId={slot.id} variant={seatsLeft === 0 ? "waitlist" : "book"} site={site} time={time} />
    </div>
  );
}
