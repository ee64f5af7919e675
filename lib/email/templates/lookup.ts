// "Retrouver mes réservations": one e-mail listing every active booking of an address, each with
// its private manage link and calendar file, in the language of the page it was asked from.
// Not about one booking, so it carries no bookingId: lib/privacy/erase.ts deletes these e-mails by
// template and address when it erases a booking of that address.
import type { OutgoingEmail } from "@/lib/email/outbox";
import {
  baseUrl,
  circuitManageUrl,
  COMMON_MESSAGES,
  factoryName,
  formatVisitTime,
  manageUrl,
  renderMail,
  seatsText,
  type BookingMailData,
  type Lang,
} from "@/lib/email/templates/common";

export const BOOKING_LOOKUP_TEMPLATE = "booking.lookup";

export const lookupPageUrl = () => `${baseUrl()}/reservations/retrouver`;
export const calendarUrl = (manageToken: string) => `${manageUrl(manageToken)}/calendrier.ics`;

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    subject: (edition: string) => `Vos réservations${COMMON_MESSAGES.fr.colon}${edition}`,
    title: "Vos réservations",
    greetingPlain: "Bonjour,",
    lead: (n: number) =>
      n > 1
        ? `Vous avez demandé à retrouver vos réservations. Voici les ${n} réservations en cours à cette adresse.`
        : "Vous avez demandé à retrouver vos réservations. Voici la réservation en cours à cette adresse.",
    private:
      "Ces liens sont personnels : toute personne qui les a peut modifier ou annuler la réservation. Ne les transférez pas.",
    notYou: "Vous n'avez rien demandé ? Ignorez cet e-mail : rien n'a changé.",
    status: { CONFIRMED: "Confirmée", WAITLISTED: "Sur liste d'attente" },
    calendarLink: "Ajouter à mon agenda (.ics)",
    circuit: (name: string) => `Circuit en car${COMMON_MESSAGES.fr.colon}${name}`,
  },
  en: {
    ...COMMON_MESSAGES.en,
    subject: (edition: string) => `Your bookings${COMMON_MESSAGES.en.colon}${edition}`,
    title: "Your bookings",
    greetingPlain: "Hello,",
    lead: (n: number) =>
      n > 1
        ? `You asked to find your bookings. Here are the ${n} current bookings of this address.`
        : "You asked to find your bookings. Here is the current booking of this address.",
    private: "These links are private: anyone who has them can change or cancel the booking. Do not forward them.",
    notYou: "You did not ask for this? Ignore this e-mail: nothing has changed.",
    status: { CONFIRMED: "Confirmed", WAITLISTED: "On the waiting list" },
    calendarLink: "Add to my calendar (.ics)",
    circuit: (name: string) => `Coach tour${COMMON_MESSAGES.en.colon}${name}`,
  },
} as const;

export type LookupBooking = Pick<BookingMailData, "kind" | "seats" | "students" | "adults" | "slot"> & {
  status: "CONFIRMED" | "WAITLISTED";
  manageToken: string;
};

/** A circuit booking of the address (lib/circuit), with its private link. */
export type LookupCircuitBooking = Pick<BookingMailData, "kind" | "seats" | "students" | "adults"> & {
  status: "CONFIRMED" | "WAITLISTED";
  manageToken: string;
  circuit: { name: string; departsAt: Date; returnsAt: Date };
};

export function bookingLookupEmail(to: string, lang: Lang, editionName: string, bookings: LookupBooking[], circuits: LookupCircuitBooking[] = []): OutgoingEmail {
  const m = MESSAGES[lang];
  const circuitSections = circuits.map((b) => ({
    heading: m.circuit(b.circuit.name),
    lines: [
      `${m.labels.date}${m.colon}${formatVisitTime(b.circuit.departsAt, b.circuit.returnsAt, lang)}`,
      `${m.labels.seats}${m.colon}${seatsText(m, b)}`,
      m.status[b.status],
    ],
    links: [{ label: m.manageLink, url: circuitManageUrl(b.manageToken) }],
  }));
  return renderMail({
    lang,
    to,
    template: BOOKING_LOOKUP_TEMPLATE,
    subject: m.subject(editionName),
    title: m.title,
    greeting: m.greetingPlain,
    lead: [m.lead(bookings.length + circuits.length), m.private],
    sections: [
      ...bookings.map((b) => ({
        heading: factoryName(b.slot.factory),
        lines: [
          `${m.labels.date}${m.colon}${formatVisitTime(b.slot.startsAt, b.slot.endsAt, lang)}`,
          `${m.labels.seats}${m.colon}${seatsText(m, b)}`,
          m.status[b.status],
        ],
        links: [
          { label: m.manageLink, url: manageUrl(b.manageToken) },
          { label: m.calendarLink, url: calendarUrl(b.manageToken) },
        ],
      })),
      ...circuitSections,
    ],
    after: [m.notYou],
    footer: m.footer(editionName),
  });
}
