import { ReserveLink } from "./ReserveLink";
import { SeatsBadge } from "./SeatsBadge";

/** Seats left (or "full — waiting list") beside the booking link: the foot of every slot. */
export function SlotAvailability({ slotId, seatsLeft, site, time }: { slotId: string; seatsLeft: number; site: string; time: string }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <SeatsBadge seatsLeft={seatsLeft} />
      <ReserveLink slotId={slotId} full={seatsLeft === 0} site={site} time={time} />
    </div>
  );
}
