// The teacher is told when an organiser decides on the coach asked with a class booking
// (lib/transport/decide.ts): accepted (the coach is organised and paid by the event) or refused, with
// the organiser's reason. In the booking's language, with its private link.
import { aboutBooking, COMMON_MESSAGES, langOf, manageUrl, renderMail, visitDetails, type BookingMailData } from "@/lib/email/templates/common";

export const TRANSPORT_TEMPLATES = { ACCEPTED: "transport.accepted", REFUSED: "transport.refused" } as const;

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    subject: { ACCEPTED: "Transport en car accepté", REFUSED: "Transport en car non retenu" },
    lead: {
      ACCEPTED: (pupils: number, from: string) =>
        `Bonne nouvelle : votre demande de car pour ${pupils} élève${pupils > 1 ? "s" : ""} au départ de ${from} est acceptée. L'équipe d'organisation prend en charge le transport et vous contactera pour l'heure et le lieu de départ.`,
      REFUSED: (pupils: number, from: string) =>
        `Votre demande de car pour ${pupils} élève${pupils > 1 ? "s" : ""} au départ de ${from} n'a pas pu être retenue. Votre réservation de la visite reste valable.`,
    },
    reason: (reason: string) => `Motif : ${reason}`,
  },
  en: {
    ...COMMON_MESSAGES.en,
    subject: { ACCEPTED: "Coach transport accepted", REFUSED: "Coach transport not granted" },
    lead: {
      ACCEPTED: (pupils: number, from: string) =>
        `Good news: your request for a coach for ${pupils} pupil${pupils === 1 ? "" : "s"} from ${from} is accepted. The organisers pay for the transport and will contact you about the departure time and place.`,
      REFUSED: (pupils: number, from: string) =>
        `Your request for a coach for ${pupils} pupil${pupils === 1 ? "" : "s"} from ${from} could not be granted. Your booking of the visit still stands.`,
    },
    reason: (reason: string) => `Reason: ${reason}`,
  },
} as const;

export interface TransportDecision {
  status: "ACCEPTED" | "REFUSED";
  pupils: number;
  departureCommuneName: string;
  refusalReason: string | null;
}

/** `manageToken`: null when the sealed link cannot be opened (AUTH_SECRET rotated): no link then. */
export function transportDecidedEmail(data: BookingMailData, decision: TransportDecision, manageToken: string | null) {
  const lang = langOf(data.locale);
  const m = MESSAGES[lang];
  return renderMail({
    ...aboutBooking(data, m.subject[decision.status]),
    template: TRANSPORT_TEMPLATES[decision.status],
    title: m.subject[decision.status],
    lead: [m.lead[decision.status](decision.pupils, decision.departureCommuneName), ...(decision.refusalReason ? [m.reason(decision.refusalReason)] : [])],
    details: visitDetails(m, data, false),
    links: manageToken ? [{ label: m.manageLink, url: manageUrl(manageToken) }] : [],
  });
}
