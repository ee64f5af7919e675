// The e-mails of a booking's life, in French or English (the booking's locale): confirmed, waitlisted,
// promoted from the waiting list, seats changed, cancelled, slot cancelled by the factory. Each is
// plain text + HTML; times are shown in Europe/Paris whatever the server's time zone.
import { createEvent } from "ics";
import { googleCalendarUrl, outlookCalendarUrl, type CalendarEvent } from "@/lib/calendar-links";
import type { Attachment } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import {
  COMMON_MESSAGES,
  aboutBooking,
  baseUrl,
  conditionsList,
  factoryName,
  formatVisitTime,
  fullAddress,
  langOf,
  manageUrl,
  practicalSection,
  renderMail,
  seatsText,
  ticketAndManageLinks,
  visitDetails,
  type BookingMailData,
  type Link,
  type MailParts,
} from "@/lib/email/templates/common";
import { lookupPageUrl } from "@/lib/email/templates/lookup";
import { hashToken } from "@/lib/tokens";

export type { BookingMailData, BookingMailFactory } from "@/lib/email/templates/common";

export type CancelledBy = "VISITOR" | "FACTORY" | "ORGANISER";
// A visit's booking may also be released the day before because its visitor never answered the
// attendance request (lib/booking/attendance.ts).
type VisitCancelledBy = CancelledBy | "UNCONFIRMED";

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    keepLink: (url: string) =>
      `Conservez cet e-mail : ce lien est personnel, ne le transférez pas. Perdu ? Demandez-le de nouveau sur « Retrouver mes réservations » : ${url}`,
    calendar: {
      added: "Le fichier joint ajoute la visite à votre agenda.",
      updated: "Le fichier joint met à jour la visite dans votre agenda.",
      removed: "Le fichier joint retire la visite de votre agenda.",
    },
    googleCalendar: "Ajouter à Google Agenda",
    outlookCalendar: "Ajouter à Outlook",
    confirmed: {
      subject: "Réservation confirmée",
      title: "Votre visite est confirmée",
      lead: "Votre réservation est confirmée. Présentez votre billet (QR code) ou votre code billet à l'entrée.",
    },
    waitlisted: {
      subject: "Liste d'attente",
      title: "Vous êtes sur la liste d'attente",
      lead:
        "La visite est complète pour le moment. Votre demande est inscrite sur la liste d'attente, par ordre d'arrivée : " +
        "si des places se libèrent, elle sera confirmée automatiquement et vous recevrez votre billet par e-mail.",
    },
    promoted: {
      subject: "Place confirmée",
      title: "Une place s'est libérée : votre visite est confirmée",
      lead:
        "Votre demande sur liste d'attente est maintenant confirmée. Voici votre billet. Pour modifier ou annuler, " +
        "utilisez le lien reçu dans notre premier e-mail.",
    },
    seatsChanged: {
      subject: "Réservation modifiée",
      title: "Votre réservation a été modifiée",
      lead: (before: string, after: string, waitlisted: boolean) =>
        `Nombre de places : ${before} → ${after}.` +
        (waitlisted ? " Votre demande reste sur la liste d'attente." : " Votre billet reste valable."),
    },
    cancelled: {
      subject: "Réservation annulée",
      title: "Votre réservation est annulée",
      lead: {
        VISITOR: "Votre réservation est bien annulée. Merci d'avoir libéré votre place !",
        FACTORY: "L'usine a annulé votre réservation. Nous sommes désolés pour ce contretemps.",
        ORGANISER: "L'équipe d'organisation a annulé votre réservation.",
        UNCONFIRMED:
          "Vous n'avez pas confirmé votre venue malgré nos deux e-mails : comme annoncé, votre place a été libérée pour une personne de la liste d'attente. " +
          "Si vous pouvez venir quand même, réservez de nouveau sur notre site s'il reste des places.",
      } satisfies Record<VisitCancelledBy, string>,
      releasedSubject: "Votre place a été libérée",
      releasedTitle: "Votre réservation est annulée faute de confirmation",
    },
    slotCancelled: {
      subject: "Visite annulée par l'usine",
      title: "Cette visite est annulée",
      lead:
        "Nous sommes désolés : l'usine a annulé ce créneau de visite, et votre réservation avec lui. " +
        "D'autres visites vous attendent sur notre site.",
      reason: (reason: string) => `Motif donné par l'usine : « ${reason} »`,
      otherVisits: "Autres visites de cette usine où il reste assez de places",
      factoryLink: "Voir l'usine et toutes ses visites",
    },
  },
  en: {
    ...COMMON_MESSAGES.en,
    keepLink: (url: string) =>
      `Keep this e-mail: this link is private, do not forward it. Lost it? Ask for it again on "Find my bookings": ${url}`,
    calendar: {
      added: "The attached file adds the visit to your calendar.",
      updated: "The attached file updates the visit in your calendar.",
      removed: "The attached file removes the visit from your calendar.",
    },
    googleCalendar: "Add to Google Calendar",
    outlookCalendar: "Add to Outlook",
    confirmed: {
      subject: "Booking confirmed",
      title: "Your visit is confirmed",
      lead: "Your booking is confirmed. Show your ticket (QR code) or your ticket code at the entrance.",
    },
    waitlisted: {
      subject: "Waiting list",
      title: "You are on the waiting list",
      lead:
        "This visit is full for now. Your request is on the waiting list, in order of arrival: if seats become " +
        "free, it will be confirmed automatically and you will receive your ticket by e-mail.",
    },
    promoted: {
      subject: "Seat confirmed",
      title: "A seat became free: your visit is confirmed",
      lead:
        "Your waiting-list request is now confirmed. Here is your ticket. To change or cancel, use the link " +
        "in our first e-mail.",
    },
    seatsChanged: {
      subject: "Booking changed",
      title: "Your booking has been changed",
      lead: (before: string, after: string, waitlisted: boolean) =>
        `Number of seats: ${before} → ${after}.` +
        (waitlisted ? " Your request stays on the waiting list." : " Your ticket remains valid."),
    },
    cancelled: {
      subject: "Booking cancelled",
      title: "Your booking is cancelled",
      lead: {
        VISITOR: "Your booking is cancelled. Thank you for freeing your seat!",
        FACTORY: "The factory has cancelled your booking. We are sorry for the inconvenience.",
        ORGANISER: "The organising team has cancelled your booking.",
        UNCONFIRMED:
          "You did not confirm that you are coming despite our two e-mails: as announced, your seat has been given to someone on the waiting list. " +
          "If you can come after all, book again on our website if seats are left.",
      } satisfies Record<VisitCancelledBy, string>,
      releasedSubject: "Your seat has been released",
      releasedTitle: "Your booking is cancelled for lack of confirmation",
    },
    slotCancelled: {
      subject: "Visit cancelled by the factory",
      title: "This visit is cancelled",
      lead:
        "We are sorry: the factory has cancelled this visit, and your booking with it. Other visits are " +
        "waiting for you on our website.",
      reason: (reason: string) => `Reason given by the factory: “${reason}”`,
      otherVisits: "Other visits of this factory with enough seats left",
      factoryLink: "See the factory and all its visits",
    },
  },
} as const;

// The parts of a booking e-mail; the visit's details, conditions and calendar file are added by compose().
interface BookingMailParts {
  template: string;
  subject: string;
  title: string;
  lead: string[];
  links?: Link[];
  withTicketCode?: boolean;
  withConditions?: boolean;
  // The practical information and directions link (a visit the person is going to).
  withPractical?: boolean;
  // Attach the visit's calendar file: a REQUEST adds (SEQUENCE 0) or updates the event, a CANCEL
  // removes it; both addressed to the visitor (see icsForBooking).
  calendar?: { method: "REQUEST" | "CANCEL"; sequence: number };
  // The manage link, written in the calendar event's description (and its Google/Outlook links).
  manageUrl?: string;
  sections?: MailParts["sections"];
}

const calendarChange = ({ method, sequence }: NonNullable<BookingMailParts["calendar"]>) =>
  method === "CANCEL" ? "removed" : sequence === 0 ? "added" : "updated";

function compose(data: BookingMailData, parts: BookingMailParts) {
  const m = MESSAGES[langOf(data.locale)];
  return renderMail({
    ...aboutBooking(data, parts.subject),
    template: parts.template,
    title: parts.title,
    lead: [...parts.lead, ...(parts.calendar ? [m.calendar[calendarChange(parts.calendar)]] : [])],
    details: visitDetails(m, data, parts.withTicketCode ?? false),
    ...(parts.withConditions ? conditionsList(data) : {}),
    sections: [...(parts.withPractical ? [practicalSection(data)] : []), ...(parts.sections ?? [])],
    // A new event (SEQUENCE 0) is also offered as Google/Outlook links: such a link can add an
    // event, never update one, so later e-mails carry only the .ics.
    links: [
      ...(parts.links ?? []),
      ...(parts.calendar?.method === "REQUEST" && parts.calendar.sequence === 0 && parts.manageUrl ? webCalendarLinks(m, data, parts.manageUrl) : []),
    ],
    attachments: parts.calendar ? [icsAttachment(data, parts.calendar, parts.manageUrl)] : undefined,
  });
}

// The calendar event of a visit, shared by the .ics file and the Google/Outlook links. Its description
// carries the ticket code and a link back: the private manage link when the holder has it (the
// e-mail, "Ma réservation"), else the ticket's own link (the ticket page may be shown to others).
export function calendarEvent(
  data: Pick<BookingMailData, "ticketCode" | "locale" | "edition" | "slot">,
  links: { manageUrl?: string; ticketUrl?: string } = {},
): CalendarEvent {
  const m = MESSAGES[langOf(data.locale)];
  const f = data.slot.factory;
  const details = [
    data.edition.name,
    `${m.labels.ticketCode}${m.colon}${data.ticketCode}`,
    ...(links.manageUrl ? [`${m.manageLink}${m.colon}${links.manageUrl}`] : []),
    ...(links.ticketUrl ? [`${m.ticketLink}${m.colon}${links.ticketUrl}`] : []),
  ];
  return {
    title: `${m.labels.visit}${m.colon}${factoryName(f)}`,
    start: data.slot.startsAt,
    end: data.slot.endsAt,
    location: fullAddress(f),
    details: details.join("\n"),
  };
}

/** "Add to Google Calendar" and "Add to Outlook" links of a visit. */
export function calendarLinks(event: CalendarEvent): { google: string; outlook: string } {
  return { google: googleCalendarUrl(event), outlook: outlookCalendarUrl(event) };
}

/**
 * How a calendar is to read a visit's file (iTIP, RFC 5546). The e-mails send a REQUEST (add the
 * event, or update it when SEQUENCE is higher than the one held) or a CANCEL (remove it); a file
 * downloaded by hand is a PUBLISH. All versions of a booking share its UID, and `sequence` is the
 * booking's stored counter (Booking.calendarSequence), raised by each change or cancellation.
 * `attendee`: the visitor, named in the REQUEST and CANCEL the calendar matches to its invitation.
 */
export interface CalendarVersion {
  method: "PUBLISH" | "REQUEST" | "CANCEL";
  sequence: number;
  attendee?: { name: string; email: string };
}

// The platform sends the e-mails, so it is the event's ORGANIZER: the sender of the mail config
// ("Name <address>" or a bare address).
function organizer(): { name: string; email: string } {
  const from = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(env.MAIL_FROM);
  return from ? { name: from[1] || from[2], email: from[2] } : { name: env.MAIL_FROM.trim(), email: env.MAIL_FROM.trim() };
}

// A CN parameter is written between double quotes: one inside would end it early.
const paramText = (text: string) => text.replace(/["\p{Cc}]/gu, "'");

// The .ics of a visit (times in UTC, which every calendar converts). Also served by "Ma réservation"
// and the ticket page. `links`: what the DESCRIPTION links to (see calendarEvent).
export function icsForBooking(
  data: Pick<BookingMailData, "editionId" | "ticketCode" | "locale" | "edition" | "slot">,
  calendar: CalendarVersion = { method: "PUBLISH", sequence: 0 },
  links: Parameters<typeof calendarEvent>[1] = {},
): string {
  return icsFile(calendarEvent(data, links), `${data.editionId}:${data.ticketCode}`, calendar, "usines-ouvertes/booking");
}

/**
 * One event as an .ics file: `uidSeed` names it (every version of a booking shares it, so a later
 * REQUEST or CANCEL updates the event the calendar holds). A cancelled version has
 * STATUS:CANCELLED, as RFC 5546 asks of a CANCEL.
 */
export function icsFile(event: CalendarEvent, uidSeed: string, calendar: CalendarVersion, productId: string): string {
  const from = organizer();
  const { error, value } = createEvent({
    method: calendar.method,
    sequence: calendar.sequence,
    organizer: { name: paramText(from.name), email: from.email },
    ...(calendar.attendee
      ? {
          attendees: [
            { name: paramText(calendar.attendee.name), email: calendar.attendee.email, rsvp: false, partstat: "ACCEPTED", role: "REQ-PARTICIPANT" },
          ],
        }
      : {}),
    productId,
    uid: `${hashToken(uidSeed).slice(0, 32)}@usines-ouvertes`,
    title: event.title,
    description: event.details,
    location: event.location,
    start: event.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: calendar.method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
  });
  if (error || !value) throw error ?? new Error("ics: empty calendar");
  return foldOctets(value);
}

// RFC 5545 limits a content line to 75 octets; the ics package folds at 75 characters, too long once
// accents take two bytes in UTF-8. Unfold, then fold again by octets, never inside a character.
function foldOctets(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .map((line) => {
      const parts: string[] = [];
      let part = "";
      let size = 0;
      for (const char of line) {
        const bytes = Buffer.byteLength(char, "utf8");
        // The first line holds 75 octets, the next ones a space and 74.
        if (size + bytes > (parts.length ? 74 : 75)) {
          parts.push(part);
          part = "";
          size = 0;
        }
        part += char;
        size += bytes;
      }
      return [...parts, part].join("\r\n ");
    })
    .join("\r\n");
}

// The e-mailed file is an invitation to the visitor (iMIP): the worker sends a `method=` calendar
// as the part mail clients read to add, update or remove the event.
function icsAttachment(data: BookingMailData, calendar: { method: "REQUEST" | "CANCEL"; sequence: number }, manageUrl?: string): Attachment {
  const version = { ...calendar, attendee: { name: data.contactName, email: data.email } };
  return {
    filename: "visite.ics",
    contentType: `text/calendar; method=${calendar.method}`,
    content: Buffer.from(icsForBooking(data, version, { manageUrl }), "utf8").toString("base64"),
  };
}

function webCalendarLinks(m: (typeof MESSAGES)[keyof typeof MESSAGES], data: BookingMailData, manageUrl: string): Link[] {
  const { google, outlook } = calendarLinks(calendarEvent(data, { manageUrl }));
  return [
    { label: m.googleCalendar, url: google },
    { label: m.outlookCalendar, url: outlook },
  ];
}

export function confirmationEmail(data: BookingMailData, tokens: { manageToken: string; ticketToken: string }) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, {
    template: "booking.confirmed",
    subject: m.confirmed.subject,
    title: m.confirmed.title,
    lead: [m.confirmed.lead, m.keepLink(lookupPageUrl())],
    links: ticketAndManageLinks(m, tokens),
    withTicketCode: true,
    withConditions: true,
    withPractical: true,
    // A new event in the person's calendar: the first version.
    calendar: { method: "REQUEST", sequence: 0 },
    manageUrl: manageUrl(tokens.manageToken),
  });
}

export function waitlistedEmail(data: BookingMailData, tokens: { manageToken: string }) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, {
    template: "booking.waitlisted",
    subject: m.waitlisted.subject,
    title: m.waitlisted.title,
    lead: [m.waitlisted.lead, m.keepLink(lookupPageUrl())],
    links: [{ label: m.manageLink, url: manageUrl(tokens.manageToken) }],
    withConditions: true,
  });
}

// Tokens are null only if the sealed link could not be opened (AUTH_SECRET rotated): the e-mail then
// points to the links of the first e-mail.
export function promotedEmail(data: BookingMailData, tokens: { manageToken: string; ticketToken: string } | null) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, {
    template: "booking.promoted",
    subject: m.promoted.subject,
    title: m.promoted.title,
    lead: [m.promoted.lead],
    links: tokens ? ticketAndManageLinks(m, tokens) : [],
    withTicketCode: true,
    withConditions: true,
    withPractical: true,
    // A waitlisted booking had no event: this is its first version.
    calendar: { method: "REQUEST", sequence: 0 },
    manageUrl: tokens ? manageUrl(tokens.manageToken) : undefined,
  });
}

// `sequence` (the booking's raised calendarSequence) updates the event a confirmed booking's calendar
// holds; `manageToken` keeps the manage link in the updated event's description.
export function seatsChangedEmail(
  data: BookingMailData & { status: string },
  previous: Pick<BookingMailData, "kind" | "seats" | "students" | "adults">,
  sequence?: number,
  manageToken?: string,
) {
  const m = MESSAGES[langOf(data.locale)];
  const waitlisted = data.status === "WAITLISTED";
  return compose(data, {
    template: "booking.seats_changed",
    subject: m.seatsChanged.subject,
    title: m.seatsChanged.title,
    lead: [m.seatsChanged.lead(seatsText(m, previous), seatsText(m, data), waitlisted)],
    withTicketCode: !waitlisted,
    calendar: !waitlisted && sequence !== undefined ? { method: "REQUEST", sequence } : undefined,
    manageUrl: manageToken ? manageUrl(manageToken) : undefined,
  });
}

// `sequence` (the booking's raised calendarSequence; none for a booking that had no event): the
// attached file removes the calendar's event.
export function cancelledEmail(data: BookingMailData, by: VisitCancelledBy, sequence?: number) {
  const m = MESSAGES[langOf(data.locale)];
  const released = by === "UNCONFIRMED";
  return compose(data, {
    template: released ? "booking.released" : "booking.cancelled",
    subject: released ? m.cancelled.releasedSubject : m.cancelled.subject,
    title: released ? m.cancelled.releasedTitle : m.cancelled.title,
    lead: [m.cancelled.lead[by]],
    calendar: sequence !== undefined ? { method: "CANCEL", sequence } : undefined,
  });
}

/** What the factory said and what else it offers, for the e-mail of a cancelled visit. */
export interface SlotCancellation {
  reason: string | null;
  factoryId: string;
  // The same factory's other visits this booking would fit (at most 3, soonest first).
  otherVisits: { startsAt: Date; endsAt: Date }[];
  // The calendar SEQUENCE of the cancelling .ics (the booking's raised counter); none for a booking
  // that had no event (waitlisted).
  sequence?: number;
}

export function slotCancelledEmail(data: BookingMailData, cancellation?: SlotCancellation) {
  const m = MESSAGES[langOf(data.locale)];
  const s = m.slotCancelled;
  if (!cancellation) return compose(data, { template: "booking.slot_cancelled", subject: s.subject, title: s.title, lead: [s.lead] });
  const { reason, factoryId, otherVisits, sequence } = cancellation;
  return compose(data, {
    template: "booking.slot_cancelled",
    subject: s.subject,
    title: s.title,
    lead: [s.lead, ...(reason ? [s.reason(reason)] : [])],
    sections: otherVisits.length
      ? [{ heading: s.otherVisits, lines: otherVisits.map((v) => formatVisitTime(v.startsAt, v.endsAt, data.locale)) }]
      : undefined,
    links: [{ label: s.factoryLink, url: `${baseUrl()}/usines/${encodeURIComponent(factoryId)}` }],
    calendar: sequence !== undefined ? { method: "CANCEL", sequence } : undefined,
  });
}
