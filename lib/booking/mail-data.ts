// What the booking e-mails need, selected in one place (see BookingMailData in the templates). The
// factory part (where, and the visit conditions) is also what booking pages show.
import type { Prisma } from "@prisma/client";

export const mailFactorySelect = {
  companyName: true,
  siteName: true,
  address: true,
  postalCode: true,
  communeName: true,
  minAge: true,
  closedShoesRequired: true,
  idRequired: true,
  pacemakerWarning: true,
  otherConditions: true,
  wheelchairAccessible: true,
  accessibilityNotes: true,
} satisfies Prisma.FactorySelect;

export const mailSlotSelect = {
  startsAt: true,
  endsAt: true,
  minAge: true,
  factory: { select: mailFactorySelect },
} satisfies Prisma.SlotSelect;

export const mailBookingSelect = {
  editionId: true,
  kind: true,
  contactName: true,
  email: true,
  locale: true,
  seats: true,
  students: true,
  adults: true,
  ticketCode: true,
  edition: { select: { name: true } },
  slot: { select: mailSlotSelect },
} satisfies Prisma.BookingSelect;
