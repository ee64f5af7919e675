import "server-only";
import { availability, slotSeatsSelect } from "@/lib/booking/availability";
import { mailFactorySelect } from "@/lib/booking/mail-data";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { practicalItems, practicalSlotFields } from "@/lib/practical/info";
import { isRowId } from "@/lib/booking/ids";

// What the booking page needs to show about one visit before booking it, with its seats left now.
export async function getSlotForBooking(slotId: string, now: Date = clockNow()) {
  if (!isRowId(slotId)) return null;
  const slot = await db.slot.findFirst({
    where: { id: slotId, factory: { status: "APPROVED" } },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      durationMinutes: true,
      ...slotSeatsSelect,
      audience: true,
      openToEmployment: true,
      language: true,
      format: true,
      minAge: true,
      maxSeatsPerBooking: true,
      ...practicalSlotFields,
      edition: { select: { name: true, dataRetentionDays: true, bookingOpensAt: true, bookingClosesAt: true, transportBudgetEuros: true } },
      factory: { select: { id: true, studentsPerAdult: true, ...mailFactorySelect } },
    },
  });
  return slot && { ...slot, seats: availability(slot, now), practical: practicalItems(slot, slot.factory) };
}

export type SlotForBooking = NonNullable<Awaited<ReturnType<typeof getSlotForBooking>>>;
