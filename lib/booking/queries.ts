import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/tokens";
import { mailFactorySelect } from "./mail-data";
import { practicalSlotFields } from "@/lib/practical/info";

const factoryView = { id: true, ...mailFactorySelect } satisfies Prisma.FactorySelect;

const slotView = {
  id: true,
  startsAt: true,
  endsAt: true,
  durationMinutes: true,
  status: true,
  cancelReason: true,
  audience: true,
  language: true,
  format: true,
  minAge: true,
  maxSeatsPerBooking: true,
  ...practicalSlotFields,
  factory: { select: factoryView },
} satisfies Prisma.SlotSelect;

/**
 * A booking as its owner may see it: who comes, how many, its status and dates. Never the token
 * hashes, the sealed link, the queue position nor the idempotency key. The manage page and the
 * personal data export (lib/privacy/export.ts) both start from it.
 */
/** Who a booking is for: an individual's seats, or a class (students + adults, school, level). */
export const bookingPartySelect = {
  id: true,
  kind: true,
  status: true,
  seats: true,
  students: true,
  adults: true,
  schoolName: true,
  classLevel: true,
} satisfies Prisma.BookingSelect & Prisma.CircuitBookingSelect;

/** Who a visit's booking is for: also another organisation's group (circuits take classes only). */
export const visitPartySelect = {
  ...bookingPartySelect,
  organisationType: true,
  organisationName: true,
} satisfies Prisma.BookingSelect;

export const ownBookingSelect = {
  ...visitPartySelect,
  schoolUai: true,
  contactName: true,
  email: true,
  phone: true,
  participantNames: true,
  locale: true,
  ticketCode: true,
  promotedAt: true,
  cancelledAt: true,
  checkedInCount: true,
  checkedInAt: true,
  createdAt: true,
} satisfies Prisma.BookingSelect;

// What the booking's owner sees on the manage page.
const manageView = {
  ...ownBookingSelect,
  editionId: true,
  calendarSequence: true,
  attendanceRequestedAt: true,
  attendanceConfirmedAt: true,
  attendanceReleasedAt: true,
  edition: { select: { name: true, slug: true, releaseUnconfirmed: true } },
  slot: { select: slotView },
} satisfies Prisma.BookingSelect;

// What a ticket (QR code) reveals: enough to admit the holder, no contact details.
const ticketView = {
  id: true,
  editionId: true,
  kind: true,
  status: true,
  seats: true,
  students: true,
  adults: true,
  schoolName: true,
  classLevel: true,
  organisationType: true,
  organisationName: true,
  contactName: true,
  locale: true,
  ticketCode: true,
  checkedInCount: true,
  checkedInAt: true,
  calendarSequence: true,
  edition: { select: { name: true, slug: true } },
  slot: { select: slotView },
} satisfies Prisma.BookingSelect;

export type ManageBookingView = Prisma.BookingGetPayload<{ select: typeof manageView }>;
export type TicketView = Prisma.BookingGetPayload<{ select: typeof ticketView }>;

export function getBookingByManageToken(token: string): Promise<ManageBookingView | null> {
  return db.booking.findUnique({ where: { manageTokenHash: hashToken(token) }, select: manageView });
}

export function getBookingByTicketToken(token: string): Promise<TicketView | null> {
  return db.booking.findUnique({ where: { ticketTokenHash: hashToken(token) }, select: ticketView });
}
