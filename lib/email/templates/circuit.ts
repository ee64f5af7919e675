// The e-mails of a circuit booking's life, in its language: confirmed (or confirmed from the waiting
// list), waitlisted, cancelled. One calendar event for the whole circuit, from the meeting time to
// the return, at the meeting point: the group travels together, so the stops are the event's
// description, not events of their own that would send someone to a factory's gate by car.
import type { CalendarEvent } from "@/lib/calendar-links";
import type { Attachment } from "@/lib/email/outbox";
import { icsFile, type CalendarVersion, type CancelledBy } from "@/lib/email/templates/booking";
import { circuitManageUrl, COMMON_MESSAGES, surveyUrl, type Link, type PartyMailData, formatVisitTime, langOf, renderMail, seatsText } from "@/lib/email/templates/common";
import { formatTimeRange } from "@/lib/i18n/format";

export interface CircuitMailData extends PartyMailData {
  ticketCode: string;
  editionId: string;
  editionName: string;
  circuit: {
    name: string;
    departsAt: Date;
    returnsAt: Date;
    departureAddress: string;
    departureCommuneName: string;
    stops: { siteName: string; communeName: string; startsAt: Date; endsAt: Date }[];
  };
}

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    labels: { ...COMMON_MESSAGES.fr.labels, circuit: "Circuit", meeting: "Rendez-vous" },
    stops: "Les étapes",
    keepLink: "Conservez cet e-mail : le lien est personnel, ne le transférez pas.",
    calendar: "Le fichier joint ajoute le circuit à votre agenda.",
    calendarRemoved: "Le fichier joint retire le circuit de votre agenda.",
    confirmed: {
      subject: "Circuit confirmé",
      title: "Votre place sur le circuit est confirmée",
      lead: "Vous avez une place dans le car et dans chaque visite. Donnez votre code billet au guide au point de rendez-vous : il vaut pour toutes les étapes.",
    },
    promoted: {
      subject: "Place confirmée sur le circuit",
      title: "Une place s'est libérée : votre circuit est confirmé",
      lead: "Votre demande sur liste d'attente est confirmée : vous avez une place dans le car et dans chaque visite. Donnez votre code billet au guide au point de rendez-vous.",
    },
    reminder: {
      subject: "Rappel : votre circuit approche",
      title: "Votre circuit, c'est bientôt",
      lead: "Soyez au point de rendez-vous à l'heure : le car part à l'heure dite. Donnez votre code billet au guide. Vous ne pouvez plus venir ? Annulez pour qu'une personne en liste d'attente profite de votre place.",
    },
    waitlisted: {
      subject: "Liste d'attente du circuit",
      title: "Vous êtes sur la liste d'attente du circuit",
      lead:
        "Le car ou une des visites est complet pour le moment. Votre demande est inscrite sur la liste d'attente, par ordre d'arrivée : " +
        "dès qu'il y a de la place dans le car et dans chaque visite, elle est confirmée automatiquement et vous recevez un e-mail.",
    },
    survey: {
      subject: "Votre avis sur le circuit",
      title: "Merci d'être venu !",
      lead: "Vous avez visité plusieurs usines en car avec les Journées Usines Ouvertes. Votre avis compte : donnez-le sur chaque visite, une minute chacune, sans compte, en quatre questions.",
      why: "Vos réponses sont anonymes dans nos statistiques : elles montrent ce que les visites changent au regard porté sur l'industrie.",
      link: (site: string) => `Mon avis sur la visite : ${site}`,
    },
    cancelled: {
      subject: "Circuit annulé",
      title: "Votre réservation de circuit est annulée",
      lead: {
        VISITOR: "Votre réservation est bien annulée. Merci d'avoir libéré vos places !",
        FACTORY: "Une usine du circuit a annulé sa visite : votre réservation est annulée. Nous sommes désolés pour ce contretemps.",
        ORGANISER: "L'équipe d'organisation a annulé votre réservation de circuit.",
      } satisfies Record<CancelledBy, string>,
    },
  },
  en: {
    ...COMMON_MESSAGES.en,
    labels: { ...COMMON_MESSAGES.en.labels, circuit: "Tour", meeting: "Meeting point" },
    stops: "The stops",
    keepLink: "Keep this e-mail: the link is personal, do not forward it.",
    calendar: "The attached file adds the tour to your calendar.",
    calendarRemoved: "The attached file removes the tour from your calendar.",
    confirmed: {
      subject: "Tour confirmed",
      title: "Your place on the tour is confirmed",
      lead: "You have a seat on the coach and in every visit. Give your ticket code to the guide at the meeting point: it is valid for every stop.",
    },
    promoted: {
      subject: "Place confirmed on the tour",
      title: "A place freed up: your tour is confirmed",
      lead: "Your waiting-list request is confirmed: you have a seat on the coach and in every visit. Give your ticket code to the guide at the meeting point.",
    },
    reminder: {
      subject: "Reminder: your tour is coming up",
      title: "Your tour is soon",
      lead: "Be at the meeting point on time: the coach leaves at the stated time. Give your ticket code to the guide. Cannot come? Cancel so that someone on the waiting list gets your seat.",
    },
    waitlisted: {
      subject: "Tour waiting list",
      title: "You are on the tour's waiting list",
      lead:
        "The coach or one of the visits is full for now. Your request is on the waiting list, in order of arrival: " +
        "as soon as there is room on the coach and in every visit, it is confirmed automatically and you receive an e-mail.",
    },
    survey: {
      subject: "Your opinion of the tour",
      title: "Thank you for coming!",
      lead: "You visited several factories by coach with the Open Factory Days. Your opinion matters: give it on each visit, one minute each, no account, four questions.",
      why: "Your answers are anonymous in our statistics: they show what visits change in how people see industry.",
      link: (site: string) => `My opinion of the visit: ${site}`,
    },
    cancelled: {
      subject: "Tour cancelled",
      title: "Your tour booking is cancelled",
      lead: {
        VISITOR: "Your booking is cancelled. Thank you for releasing your seats!",
        FACTORY: "A factory of the tour cancelled its visit: your booking is cancelled. We are sorry for the inconvenience.",
        ORGANISER: "The organisers cancelled your tour booking.",
      } satisfies Record<CancelledBy, string>,
    },
  },
} as const;

const stopLines = (data: CircuitMailData) =>
  data.circuit.stops.map((stop) => `${formatTimeRange(stop.startsAt, stop.endsAt, data.locale)}${COMMON_MESSAGES[langOf(data.locale)].colon}${stop.siteName} (${stop.communeName})`);

/** The whole circuit as one calendar event at the meeting point, its stops in the description. */
export function circuitCalendarEvent(data: CircuitMailData, manageUrl?: string): CalendarEvent {
  const m = MESSAGES[langOf(data.locale)];
  const { circuit } = data;
  return {
    title: `${m.labels.circuit}${m.colon}${circuit.name}`,
    start: circuit.departsAt,
    end: circuit.returnsAt,
    location: `${circuit.departureAddress}, ${circuit.departureCommuneName}`,
    details: [
      data.editionName,
      `${m.labels.ticketCode}${m.colon}${data.ticketCode}`,
      `${m.stops}${m.colon}`,
      ...stopLines(data),
      ...(manageUrl ? [`${m.manageLink}${m.colon}${manageUrl}`] : []),
    ].join("\n"),
  };
}

function icsAttachment(data: CircuitMailData, method: "REQUEST" | "CANCEL", manageUrl?: string): Attachment {
  // A circuit booking is confirmed once and cancelled once: the cancellation is the second version.
  const calendar: CalendarVersion = { method, sequence: method === "CANCEL" ? 1 : 0, attendee: { name: data.contactName, email: data.email } };
  const ics = icsFile(circuitCalendarEvent(data, manageUrl), `${data.editionId}:circuit:${data.ticketCode}`, calendar, "usines-ouvertes/circuit");
  return { filename: "circuit.ics", contentType: `text/calendar; method=${method}`, content: Buffer.from(ics, "utf8").toString("base64") };
}

type Kind = "confirmed" | "promoted" | "waitlisted" | "reminder";

/** One reminder per circuit booking, whatever reruns (the outbox's dedupe key). */
export const circuitReminderKey = (circuitBookingId: string) => `circuit-reminder:${circuitBookingId}`;
export const circuitSurveyKey = (circuitBookingId: string) => `circuit-survey:${circuitBookingId}`;

function compose(
  data: CircuitMailData,
  subject: string,
  title: string,
  lead: string[],
  extra: { withTicket: boolean; manageUrl?: string; links?: Link[]; after?: string[]; attachment?: Attachment; template: string; dedupeKey?: string },
) {
  const lang = langOf(data.locale);
  const m = MESSAGES[lang];
  const { circuit } = data;
  return renderMail({
    lang,
    to: data.email,
    circuitBookingId: data.id,
    template: extra.template,
    dedupeKey: extra.dedupeKey,
    subject: `${subject}${m.colon}${circuit.name}, ${formatVisitTime(circuit.departsAt, circuit.returnsAt, data.locale)}`,
    title,
    greeting: m.greeting(data.contactName),
    lead,
    details: [
      [m.labels.circuit, circuit.name],
      [m.labels.date, formatVisitTime(circuit.departsAt, circuit.returnsAt, data.locale)],
      [m.labels.meeting, `${circuit.departureAddress}, ${circuit.departureCommuneName}`],
      [m.labels.seats, seatsText(m, data)],
      ...(extra.withTicket ? [[m.labels.ticketCode, data.ticketCode] as [string, string]] : []),
    ],
    sections: [{ heading: m.stops, lines: stopLines(data) }],
    links: [...(extra.manageUrl ? [{ label: m.manageLink, url: extra.manageUrl }] : []), ...(extra.links ?? [])],
    after: extra.after,
    footer: m.footer(data.editionName),
    attachments: extra.attachment ? [extra.attachment] : undefined,
  });
}

/**
 * A new circuit booking's e-mail (confirmed or waitlisted), the one of a waiting booking confirmed
 * later ("promoted"), or the reminder before departure. `manageToken` is null only when the sealed link could not be opened
 * (AUTH_SECRET rotated): the e-mail then has no link and points to the first one.
 */
export function circuitBookingEmail(data: CircuitMailData, kind: Kind, manageToken: string | null) {
  const m = MESSAGES[langOf(data.locale)];
  const manageUrl = manageToken ? circuitManageUrl(manageToken) : undefined;
  const words = m[kind];
  // A new event for the calendar when the place is confirmed; the reminder adds nothing to it.
  const newEvent = kind === "confirmed" || kind === "promoted";
  return compose(data, words.subject, words.title, [words.lead, ...(newEvent ? [m.calendar, m.keepLink] : kind === "waitlisted" ? [m.keepLink] : [])], {
    withTicket: kind !== "waitlisted",
    manageUrl,
    attachment: newEvent ? icsAttachment(data, "REQUEST", manageUrl) : undefined,
    template: `circuit.${kind}`,
    dedupeKey: kind === "reminder" ? circuitReminderKey(data.id) : undefined,
  });
}

/**
 * The invitation to the post-visit survey after a circuit: one link per stop, each the survey of
 * that stop's visit (the leg's booking), since the questions are about one factory.
 */
export function circuitSurveyEmail(data: CircuitMailData, stops: { siteName: string; surveyToken: string }[]) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, m.survey.subject, m.survey.title, [m.survey.lead], {
    withTicket: false,
    links: stops.map((stop) => ({ label: m.survey.link(stop.siteName), url: surveyUrl(stop.surveyToken) })),
    after: [m.survey.why],
    template: "circuit.survey",
    dedupeKey: circuitSurveyKey(data.id),
  });
}

/** A circuit booking cancelled; a confirmed one's calendar event is withdrawn. */
export function circuitCancelledEmail(data: CircuitMailData, by: CancelledBy, wasConfirmed: boolean) {
  const m = MESSAGES[langOf(data.locale)];
  return compose(data, m.cancelled.subject, m.cancelled.title, [m.cancelled.lead[by], ...(wasConfirmed ? [m.calendarRemoved] : [])], {
    withTicket: false,
    attachment: wasConfirmed ? icsAttachment(data, "CANCEL") : undefined,
    template: "circuit.cancelled",
  });
}
