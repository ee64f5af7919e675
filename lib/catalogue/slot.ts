import "server-only";
import { mailFactorySelect } from "@/lib/booking/mail-data";
import { db } from "@/lib/db";

// What the booking page needs to show about one visit before booking it.
export function getSlotForBooking(slotId: string) {
  return db.slot.findFirst({
    where: { id: slotId, factory: { status: "APPROVED" } },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      durationMinutes: true,
      capacity: true,
      taken: true,
      audience: true,
      status: true,
      language: true,
      format: true,
      minAge: true,
      maxSeatsPerBooking: true,
      edition: { select: { dataRetentionDays: true, bookingOpensAt: true, bookingClosesAt: true } },
      factory: { select: { id: true, studentsPerAdult: true, ...mailFactorySelect } },
    },
  });
}

export type SlotForBooking = NonNullable<Awaited<ReturnType<typeof getSlotForBooking>>>;
