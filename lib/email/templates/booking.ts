// The e-mails of a booking's life, in French or English (the booking's locale): confirmed, waitlisted,
// promoted from the waiting list, seats changed, cancelled, slot cancelled by the factory. Each is
// plain text + HTML; times are shown in Europe/Paris whatever the server's time zone.
import { createEvent } from "ics";
import type { Attachment } from "@/lib/email/outbox";
import {
  COMMON_MESSAGES,
  aboutBooking,
  conditionsList,
  factoryName,
  fullAddress,
  langOf,
  manageUrl,
  renderMail,
  seatsText,
  ticketAndManageLinks,
  visitDetails,
  type BookingMailData,
  type Link,
} from "@/lib/email/templates/common";
import { hashToken } from "@/lib/tokens";

export type { BookingMailData, BookingMailFactory } from "@/lib/email/templates/common";

export type CancelledBy = "VISITOR" | "FACTORY" | "ORGANISER";

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    keepLink: "Conservez cet e-mail : ce lien personnel est le seul moyen de gérer votre réservation.",
    calendar: "Le fichier joint ajoute la visite à votre agenda.",
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
      } satisfies Record<CancelledBy, string>,
    },
    slotCancelled: {
      subject: "Visite annulée par l'usine",
      title: "Cette visite est annulée",
      lead:
        "Nous sommes désolés : l'usine a annulé ce créneau de visite, et votre réservation avec lui. " +
        "D'autres visites vous attendent sur notre site.",
    },
  },
  en: {
    ...COMMON_MESSAGES.en,
    keepLink: "Keep this e-mail: this personal link is the only way to manage your booking.",
    calendar: "The attached file adds the visit to your calendar.",
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
      } satisfies Record<CancelledBy, string>,
    },
    slotCancelled: {
      subject: "Visit cancelled by the factory",
      title: "This visit is cancelled",
      lead:
        "We are sorry: the factory has cancelled this visit, and your booking with it. Other visits are " +
        "waiting for you on our website.",
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
  withCalendar?: boolean;
}

function compose(data: BookingMailData, parts: BookingMailParts) {
  const m = MESSAGES[langOf(data.locale)];
  return renderMail({
    ...aboutBooking(data, parts.subject),
    template: parts.template,
    title: parts.title,
    lead: [...parts.lead, ...(parts.withCalendar ? [m.calendar] : [])],
    details: visitDetails(m, data, parts.withTicketCode ?? false),
    ...(parts.withConditions ? conditionsList(data) : {}),
    links: parts.links,
    attachments: parts.withCalendar ? [icsAttachment(data)] : undefined,
  });
}

// The calendar event of a visit (times in UTC, which every calendar converts). Also served by the
// ticket page's "add to calendar" link. The UID is stable per booking so re-imports update the event.
// Calendars get shared: no link and no ticket code inside.
export function icsForBooking(
  data: Pick<BookingMailData, "editionId" | "ticketCode" | "locale" | "edition" | "slot">,
  status: "CONFIRMED" | "CANCELLED" = "CONFIRMED",
): string {
  const m = MESSAGES[langOf(data.locale)];
  const f = data.slot.factory;
  const { error, value } = createEvent({
    productId: "usines-ouvertes/booking",
    uid: `${hashToken(`${data.editionId}:${data.ticketCode}`).slice(0, 32)}@usines-ouvertes`,
    title: `${m.labels.visit}${m.colon}${factoryName(f)}`,
    description: data.edition.name,
    location: fullAddress(f),
    start: data.slot.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: data.slot.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status,
  });
  if (error || !value) throw error ?? new Error("ics: empty calendar");
  return value;
}

function icsAttachment(data: BookingMailData): Attachment {
  return {
    filename: "visite.ics",
    contentType: "text/calendar",
    content: Buffer.from(icsForBooking(data), "utf8").toString("base64"),
  };
}

export function confirmationEmail(data: BookingMailData, tokens: { manageToken: string; ticketToken: string }) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, {
    template: "booking.confirmed",
    subject: m.confirmed.subject,
    title: m.confirmed.title,
    lead: [m.confirmed.lead, m.keepLink],
    links: ticketAndManageLinks(m, tokens),
    withTicketCode: true,
    withConditions: true,
    withCalendar: true,
  });
}

export function waitlistedEmail(data: BookingMailData, tokens: { manageToken: string }) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, {
    template: "booking.waitlisted",
    subject: m.waitlisted.subject,
    title: m.waitlisted.title,
    lead: [m.waitlisted.lead, m.keepLink],
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
    withCalendar: true,
  });
}

export function seatsChangedEmail(
  data: BookingMailData & { status: string },
  previous: Pick<BookingMailData, "kind" | "seats" | "students" | "adults">,
) {
  const m = MESSAGES[langOf(data.locale)];
  const waitlisted = data.status === "WAITLISTED";
  return compose(data, {
    template: "booking.seats_changed",
    subject: m.seatsChanged.subject,
    title: m.seatsChanged.title,
    lead: [m.seatsChanged.lead(seatsText(m, previous), seatsText(m, data), waitlisted)],
    withTicketCode: !waitlisted,
  });
}

export function cancelledEmail(data: BookingMailData, by: CancelledBy) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, {
    template: "booking.cancelled",
    subject: m.cancelled.subject,
    title: m.cancelled.title,
    lead: [m.cancelled.lead[by]],
  });
}

export function slotCancelledEmail(data: BookingMailData) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, {
    template: "booking.slot_cancelled",
    subject: m.slotCancelled.subject,
    title: m.slotCancelled.title,
    lead: [m.slotCancelled.lead],
  });
}
