// "Download my data" (GDPR art. 15 and 20): everything stored about the person for one booking,
// as JSON, from the booking's private link. Secrets (token hashes, the sealed link) and internal
// bookkeeping (queue position, idempotency key) are left out: they are not about the person.
import { bookingError } from "@/lib/booking/errors";
import { mailSlotSelect } from "@/lib/booking/mail-data";
import { ownBookingSelect } from "@/lib/booking/queries";
import { db } from "@/lib/db";
import { factoryName, fullAddress } from "@/lib/email/templates/common";
import { hashToken } from "@/lib/tokens";
import { outboxEmailsAbout, purgeDate } from "./erase";

export const EXPORT_FORMAT = "usines-ouvertes/donnees-personnelles@1";

export async function exportBookingData(manageToken: string, now: Date = new Date()) {
  const booking = await db.booking.findUnique({
    where: { manageTokenHash: hashToken(manageToken) },
    select: {
      ...ownBookingSelect,
      consentAt: true,
      updatedAt: true,
      personalDataErasedAt: true,
      user: { select: { email: true, name: true, createdAt: true } },
      edition: { select: { name: true, lastDay: true, dataRetentionDays: true } },
      slot: { select: { ...mailSlotSelect, format: true, language: true } },
      surveyResponse: { select: { satisfaction: true, recommendBefore: true, recommendAfter: true, surprise: true, createdAt: true } },
      transportRequest: { select: { pupils: true, departureCommuneName: true, departureDepartment: true, status: true, refusalReason: true, decidedAt: true, createdAt: true } },
    },
  });
  if (!booking) throw bookingError("booking.not_found");
  const { user, edition, slot, surveyResponse, transportRequest, ...fields } = booking;
  const f = slot.factory;
  const emails = await outboxEmailsAbout(booking);
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    controller: "Journées Usines Ouvertes",
    booking: fields,
    visit: {
      edition: edition.name,
      factory: factoryName(f),
      address: fullAddress(f),
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      format: slot.format,
      language: slot.language,
    },
    // The sign-in account a teacher booked with (group bookings), if any.
    account: user,
    surveyResponse,
    // A class's coach request, if the teacher asked for one.
    transportRequest,
    emails: emails.map((e) => ({ subject: e.subject, template: e.template, status: e.status, writtenAt: e.createdAt, sentAt: e.sentAt })),
    retention: { dataRetentionDays: edition.dataRetentionDays, erasedAfter: purgeDate(edition).toISOString() },
  };
}

export type BookingDataExport = Awaited<ReturnType<typeof exportBookingData>>;

/** What the "my personal data" page needs about a booking (no personal data); null for an unknown link. */
export async function getPrivacyView(manageToken: string) {
  if (!manageToken || manageToken.length > 200) return null;
  const booking = await db.booking.findUnique({
    where: { manageTokenHash: hashToken(manageToken) },
    select: {
      id: true,
      status: true,
      ticketCode: true,
      personalDataErasedAt: true,
      slot: { select: { startsAt: true } },
      edition: { select: { name: true, lastDay: true, dataRetentionDays: true } },
    },
  });
  if (!booking) return null;
  return {
    bookingId: booking.id,
    status: booking.status,
    ticketCode: booking.ticketCode,
    erasedAt: booking.personalDataErasedAt,
    visitStartsAt: booking.slot.startsAt,
    edition: { name: booking.edition.name, dataRetentionDays: booking.edition.dataRetentionDays },
    purgeAt: purgeDate(booking.edition),
  };
}

export type PrivacyView = NonNullable<Awaited<ReturnType<typeof getPrivacyView>>>;
