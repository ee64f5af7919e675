// What the booking e-mails need, selected in one place (BookingMailData in lib/email/templates is
// its result). The factory part (where, and the visit conditions) is also what booking pages show.
import type { Prisma } from "@prisma/client";
import { practicalSlotFields } from "@/lib/practical/info";
import { visitConditionFields } from "./visit-conditions";

export const mailFactorySelect = {
  companyName: true,
  siteName: true,
  address: true,
  postalCode: true,
  communeName: true,
  ...visitConditionFields,
} satisfies Prisma.FactorySelect;

export const mailSlotSelect = {
  startsAt: true,
  endsAt: true,
  minAge: true,
  // The practical information the confirmation and reminder list (lib/practical).
  ...practicalSlotFields,
  factory: { select: mailFactorySelect },
} satisfies Prisma.SlotSelect;

// The booking's id goes with its e-mails: the outbox row names the booking it is about.
export const mailBookingSelect = {
  id: true,
  editionId: true,
  kind: true,
  contactName: true,
  email: true,
  locale: true,
  seats: true,
  students: true,
  adults: true,
  organisationType: true,
  organisationName: true,
  ticketCode: true,
  edition: { select: { name: true } },
  slot: { select: mailSlotSelect },
} satisfies Prisma.BookingSelect;
