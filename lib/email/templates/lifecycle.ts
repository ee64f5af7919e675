// The scheduled e-mails around a visit, in French or English: the reminder to visitors (48 h
// before), the day-before summary to factory contacts, and the post-visit survey invitation. Plain
// text + HTML (escaped by the `html` tag); times in Europe/Paris whatever the server's time zone.
// The visitors' e-mails are about one booking and carry its id, as the booking e-mails do.
import { formatDateTime, formatTimeRange, formatWeekdayDate } from "@/lib/i18n/format";
import type { OutgoingEmail } from "@/lib/email/outbox";
import {
  COMMON_MESSAGES,
  aboutBooking,
  attendanceUrl,
  baseUrl,
  conditionsList,
  practicalSection,
  factoryName,
  formatVisitTime,
  langOf,
  plural,
  pluralEn,
  renderMail,
  surveyUrl,
  ticketAndManageLinks,
  visitDetails,
  type BookingMailData,
  type Lang,
} from "@/lib/email/templates/common";

export const factorySpaceUrl = () => `${baseUrl()}/espace-usine`;
export const hostSurveyUrl = (token: string) => `${baseUrl()}/enquete-usine/${token}`;

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    greetingPlain: "Bonjour,",
    reminder: {
      subject: "Rappel de votre visite",
      title: "Votre visite approche",
      lead: "Nous vous rappelons votre visite d'usine. Présentez votre billet (QR code) ou votre code billet à l'entrée.",
      cancelHint: "Un empêchement ? Annulez votre réservation : votre place ira à une personne de la liste d'attente.",
      noLink: "Retrouvez votre billet et le lien de gestion dans l'e-mail de confirmation de votre réservation.",
    },
    attendance: {
      subject: "Venez-vous toujours ?",
      title: "Confirmez votre venue",
      lead: "Votre visite approche. Dites-nous en un clic si vous venez toujours : si vous ne pouvez plus, votre place ira aussitôt à une personne de la liste d'attente.",
      reminderLead: "Vous ne nous avez pas encore dit si vous venez : un clic suffit.",
      deadline: (when: string) => `Sans réponse de votre part avant le ${when}, votre place sera libérée pour la liste d'attente.`,
      yes: "Je viens",
      no: "Je libère ma place",
    },
    survey: {
      subject: "Votre avis sur la visite",
      title: "Merci de votre visite !",
      lead: "Vous avez visité une usine avec les Journées Usines Ouvertes. Votre avis compte : il nous faut une minute, sans compte, en quatre questions.",
      why: "Vos réponses sont anonymes dans nos statistiques : elles montrent ce que les visites changent au regard porté sur l'industrie.",
      link: "Donner mon avis (1 minute)",
    },
    factoryDay: {
      subject: (site: string, day: string) => `Vos visites de demain (${day}) : ${site}`,
      title: (day: string) => `Vos visites du ${day}`,
      lead: (site: string, people: number, visits: number) =>
        `Demain, ${site} accueille ${plural(people, "visiteur", "visiteurs")} (places confirmées) sur ${plural(visits, "visite", "visites")}. Voici le récapitulatif par créneau.`,
      slot: (time: string, format: string) => `${time} · ${format}`,
      confirmed: (seats: number, capacity: number, bookings: number) =>
        `${seats} / ${capacity} places confirmées (${plural(bookings, "réservation", "réservations")})`,
      individuals: (bookings: number, seats: number, minors: number) =>
        `Grand public : ${plural(bookings, "réservation", "réservations")}, ${plural(seats, "personne", "personnes")}` +
        (minors > 0 ? ` dont ${plural(minors, "mineur", "mineurs")}` : ""),
      groupLine: (school: string, level: string | null, students: number, adults: number) =>
        `Classe : ${school}${level ? ` (${level})` : ""}, ${plural(students, "élève", "élèves")} et ${plural(adults, "accompagnateur", "accompagnateurs")}`,
      waitlist: (n: number) => `Liste d'attente : ${plural(n, "demande", "demandes")}`,
      empty: "Aucune réservation pour l'instant.",
      cancelledSlot: "Créneau annulé.",
      listLink: "Liste nominative et pointage à l'entrée (espace usine)",
      privacy: "Par protection des données personnelles, les noms et coordonnées des visiteurs ne figurent que dans votre espace usine.",
    },
    formats: { GUIDED_TOUR: "Visite guidée", WORKSHOP: "Atelier", TALK: "Rencontre", DEMONSTRATION: "Démonstration" },
    hostSurvey: {
      subject: (site: string) => `Merci d'avoir ouvert vos portes : ${site}`,
      title: "Comment se sont passées vos visites ?",
      lead: (site: string, edition: string) =>
        `Merci d'avoir accueilli des visiteurs à ${site} pendant les ${edition}. Cinq minutes, sans compte : combien de personnes sont vraiment venues, ce qui a marché, et ce qui a suivi (contacts pour des emplois, candidatures en apprentissage).`,
      why: "Vos réponses servent au bilan de l'édition présenté aux partenaires : jamais site par site, toujours regroupées.",
      link: "Répondre au questionnaire",
      shared: "Ce lien est le même pour tous les contacts du site : la dernière réponse enregistrée compte.",
    },
  },
  en: {
    ...COMMON_MESSAGES.en,
    greetingPlain: "Hello,",
    reminder: {
      subject: "Reminder of your visit",
      title: "Your visit is coming up",
      lead: "This is a reminder of your factory visit. Show your ticket (QR code) or your ticket code at the entrance.",
      cancelHint: "Can't make it? Cancel your booking: your seat will go to someone on the waiting list.",
      noLink: "Your ticket and management link are in your booking confirmation e-mail.",
    },
    attendance: {
      subject: "Are you still coming?",
      title: "Confirm that you are coming",
      lead: "Your visit is coming up. Tell us in one click whether you are still coming: if you cannot, your seat goes at once to someone on the waiting list.",
      reminderLead: "You have not told us yet whether you are coming: one click is enough.",
      deadline: (when: string) => `Without an answer from you before ${when}, your seat will be released for the waiting list.`,
      yes: "I am coming",
      no: "Release my seat",
    },
    survey: {
      subject: "Your opinion on the visit",
      title: "Thank you for visiting!",
      lead: "You visited a factory during the Open Factory Days. Your opinion matters: one minute, no account, four questions.",
      why: "Your answers are anonymous in our statistics: they show how visits change the way people see industry.",
      link: "Give my opinion (1 minute)",
    },
    factoryDay: {
      subject: (site: string, day: string) => `Your visits tomorrow (${day}): ${site}`,
      title: (day: string) => `Your visits on ${day}`,
      lead: (site: string, people: number, visits: number) =>
        `Tomorrow, ${site} welcomes ${pluralEn(people, "visitor", "visitors")} (confirmed seats) over ${pluralEn(visits, "visit", "visits")}. Here is the summary per slot.`,
      slot: (time: string, format: string) => `${time} · ${format}`,
      confirmed: (seats: number, capacity: number, bookings: number) =>
        `${seats} / ${capacity} seats confirmed (${pluralEn(bookings, "booking", "bookings")})`,
      individuals: (bookings: number, seats: number, minors: number) =>
        `General public: ${pluralEn(bookings, "booking", "bookings")}, ${pluralEn(seats, "person", "people")}` +
        (minors > 0 ? ` including ${pluralEn(minors, "minor", "minors")}` : ""),
      groupLine: (school: string, level: string | null, students: number, adults: number) =>
        `Class: ${school}${level ? ` (${level})` : ""}, ${pluralEn(students, "student", "students")} and ${pluralEn(adults, "accompanying adult", "accompanying adults")}`,
      waitlist: (n: number) => `Waiting list: ${pluralEn(n, "request", "requests")}`,
      empty: "No bookings yet.",
      cancelledSlot: "Slot cancelled.",
      listLink: "Names list and check-in at the door (factory space)",
      privacy: "To protect personal data, visitors' names and contact details are only in your factory space.",
    },
    formats: { GUIDED_TOUR: "Guided tour", WORKSHOP: "Workshop", TALK: "Talk", DEMONSTRATION: "Demonstration" },
    hostSurvey: {
      subject: (site: string) => `Thank you for opening your doors: ${site}`,
      title: "How did your visits go?",
      lead: (site: string, edition: string) =>
        `Thank you for welcoming visitors at ${site} during the ${edition}. Five minutes, no account: how many people really came, what worked, and what followed (job enquiries, apprenticeship applications).`,
      why: "Your answers feed the edition's report to partners: never site by site, always grouped.",
      link: "Answer the questionnaire",
      shared: "This link is the same for every contact of the site: the last answer saved counts.",
    },
  },
} as const;

type Messages = (typeof MESSAGES)[Lang];

/** Dedupe keys: one reminder and one survey invitation per booking, one summary per factory contact and day. */
export const reminderKey = (bookingId: string) => `reminder:${bookingId}`;
export const attendanceRequestKey = (bookingId: string) => `reconfirm:${bookingId}`;
export const surveyKey = (bookingId: string) => `survey:${bookingId}`;
export const factoryDayKey = (factoryId: string, day: string, userId: string) => `factory-day:${factoryId}:${day}:${userId}`;
export const hostSurveyKey = (factoryId: string, userId: string) => `host-survey:${factoryId}:${userId}`;

/**
 * The reminder before a visit, with the ticket and manage links (null tokens: the sealed link could
 * not be opened, the e-mail then points to the confirmation e-mail).
 */
export function reminderEmail(
  data: BookingMailData,
  tokens: { manageToken: string; ticketToken: string } | null,
  // The attendance request still unanswered: the reminder repeats it (with its deadline, if any).
  attendance?: AttendanceAsk,
): OutgoingEmail {
  const m = MESSAGES[langOf(data.locale)];
  const ask = tokens && attendance ? attendanceParts(m, data.locale, tokens.manageToken, attendance) : null;
  return renderMail({
    ...aboutBooking(data, m.reminder.subject),
    template: "lifecycle.reminder",
    dedupeKey: reminderKey(data.id),
    title: m.reminder.title,
    lead: [...(ask ? [m.attendance.reminderLead, ...ask.lead] : []), m.reminder.lead],
    details: visitDetails(m, data, true),
    ...conditionsList(data),
    sections: [practicalSection(data)],
    links: [...(ask?.links ?? []), ...(tokens ? ticketAndManageLinks(m, tokens) : [])],
    after: [tokens ? m.reminder.cancelHint : m.reminder.noLink],
  });
}

/** When an unanswered booking is released (null: never, the edition does not release). */
export interface AttendanceAsk {
  releaseAt: Date | null;
}

function attendanceParts(m: Messages, locale: string, manageToken: string, { releaseAt }: AttendanceAsk) {
  return {
    lead: releaseAt ? [m.attendance.deadline(formatDateTime(releaseAt, locale))] : [],
    links: [
      { label: m.attendance.yes, url: attendanceUrl(manageToken, "oui") },
      { label: m.attendance.no, url: attendanceUrl(manageToken, "non") },
    ],
  };
}

/** The attendance request, N days before the visit: "Je viens / Je libère ma place". */
export function attendanceRequestEmail(data: BookingMailData, manageToken: string, attendance: AttendanceAsk): OutgoingEmail {
  const m = MESSAGES[langOf(data.locale)];
  const ask = attendanceParts(m, data.locale, manageToken, attendance);
  return renderMail({
    ...aboutBooking(data, m.attendance.subject),
    template: "lifecycle.attendance",
    dedupeKey: attendanceRequestKey(data.id),
    title: m.attendance.title,
    lead: [m.attendance.lead, ...ask.lead],
    details: visitDetails(m, data, false),
    links: ask.links,
  });
}

/** The invitation to the one-minute post-visit survey. */
export function surveyInvitationEmail(
  data: Pick<BookingMailData, "id" | "email" | "contactName" | "locale" | "edition" | "slot">,
  surveyToken: string,
): OutgoingEmail {
  const m = MESSAGES[langOf(data.locale)];
  return renderMail({
    ...aboutBooking(data, m.survey.subject),
    template: "lifecycle.survey",
    dedupeKey: surveyKey(data.id),
    title: m.survey.title,
    lead: [m.survey.lead],
    details: [
      [m.labels.visit, factoryName(data.slot.factory)],
      [m.labels.date, formatVisitTime(data.slot.startsAt, data.slot.endsAt, data.locale)],
    ],
    links: [{ label: m.survey.link, url: surveyUrl(surveyToken) }],
    after: [m.survey.why],
  });
}

export interface FactoryDaySlot {
  startsAt: Date;
  endsAt: Date;
  format: keyof Messages["formats"];
  status: "OPEN" | "CANCELLED";
  capacity: number;
  confirmedSeats: number;
  confirmedBookings: number;
  individualBookings: number;
  individualSeats: number;
  minors: number;
  groups: { schoolName: string | null; schoolUai: string | null; classLevel: string | null; students: number; adults: number }[];
  waitlisted: number;
}

export interface FactoryDaySummary {
  factoryId: string;
  day: string; // Paris calendar day, "2027-03-13"
  factory: { companyName: string; siteName: string };
  edition: { name: string };
  slots: FactoryDaySlot[];
}

/**
 * The day-before summary to one factory contact: per slot, how many come (seats, individuals,
 * classes with their school and level, waiting list). No visitor names or contact details: those
 * stay in the factory space, behind sign-in (an e-mail cannot be erased on request).
 */
export function factoryDayBeforeEmail(contact: { userId: string; email: string; name: string | null; locale: string }, summary: FactoryDaySummary): OutgoingEmail {
  const lang = langOf(contact.locale);
  const m = MESSAGES[lang];
  const fd = m.factoryDay;
  const dayLabel = formatWeekdayDate(summary.day, lang, { year: false });
  const open = summary.slots.filter((s) => s.status === "OPEN");
  const people = open.reduce((sum, s) => sum + s.confirmedSeats, 0);
  const site = factoryName(summary.factory);
  const sections = summary.slots.map((s) => {
    const time = formatTimeRange(s.startsAt, s.endsAt, lang);
    const lines =
      s.status === "CANCELLED"
        ? [fd.cancelledSlot]
        : [
            fd.confirmed(s.confirmedSeats, s.capacity, s.confirmedBookings),
            ...(s.individualBookings > 0 ? [fd.individuals(s.individualBookings, s.individualSeats, s.minors)] : []),
            ...s.groups.map((g) => fd.groupLine(g.schoolName ?? g.schoolUai ?? "—", g.classLevel, g.students, g.adults)),
            ...(s.waitlisted > 0 ? [fd.waitlist(s.waitlisted)] : []),
            ...(s.confirmedBookings === 0 ? [fd.empty] : []),
          ];
    return { heading: fd.slot(time, m.formats[s.format]), lines };
  });
  return renderMail({
    lang,
    to: contact.email,
    template: "lifecycle.factory_day_before",
    dedupeKey: factoryDayKey(summary.factoryId, summary.day, contact.userId),
    subject: fd.subject(site, dayLabel),
    title: fd.title(dayLabel),
    greeting: contact.name ? m.greeting(contact.name) : m.greetingPlain,
    lead: [fd.lead(site, people, open.length)],
    sections,
    links: [{ label: fd.listLink, url: factorySpaceUrl() }],
    after: [fd.privacy],
    footer: m.footer(summary.edition.name),
  });
}

/** The hosts' questionnaire, to one contact of a factory (lib/host-survey). */
export function hostSurveyEmail(
  contact: { userId: string; email: string; name: string | null; locale: string },
  factory: { id: string; companyName: string; siteName: string; editionName: string },
  token: string,
): OutgoingEmail {
  const lang = langOf(contact.locale);
  const m = MESSAGES[lang];
  const site = factoryName(factory);
  return renderMail({
    lang,
    to: contact.email,
    template: "lifecycle.host_survey",
    dedupeKey: hostSurveyKey(factory.id, contact.userId),
    subject: m.hostSurvey.subject(site),
    title: m.hostSurvey.title,
    greeting: contact.name ? m.greeting(contact.name) : m.greetingPlain,
    lead: [m.hostSurvey.lead(site, factory.editionName), m.hostSurvey.why],
    links: [{ label: m.hostSurvey.link, url: hostSurveyUrl(token) }],
    after: [m.hostSurvey.shared],
    footer: m.footer(factory.editionName),
  });
}
