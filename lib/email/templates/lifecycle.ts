// The scheduled e-mails around a visit, in French or English: the reminder to visitors (48 h
// before), the day-before summary to factory contacts, and the post-visit survey invitation. Plain
// text + HTML (escaped by the `html` tag); times in Europe/Paris whatever the server's time zone.
// The subject line ends like the booking e-mails' ("…: <factory>, <visit time>"), which lets
// lib/privacy find a booking's e-mails again.
import { emailLayout, html, type SafeHtml } from "@/lib/email/layout";
import type { OutgoingEmail } from "@/lib/email/outbox";
import { baseUrl, formatVisitTime, manageUrl, ticketUrl, type BookingMailData, type BookingMailFactory } from "@/lib/email/templates/booking";

type Lang = "fr" | "en";
export const langOf = (locale: string | null | undefined): Lang => (locale === "en" ? "en" : "fr");

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const pluralEn = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const surveyUrl = (surveyToken: string) => `${baseUrl()}/enquete/${surveyToken}`;
export const factorySpaceUrl = () => `${baseUrl()}/espace-usine`;

const MESSAGES = {
  fr: {
    colon: " : ",
    greeting: (name: string) => `Bonjour ${name},`,
    greetingPlain: "Bonjour,",
    footer: (edition: string) => `${edition} · E-mail automatique, merci de ne pas y répondre.`,
    labels: { visit: "Visite", date: "Date", address: "Adresse", seats: "Places", ticketCode: "Code billet" },
    seats: (n: number) => plural(n, "place", "places"),
    group: (students: number, adults: number) =>
      `${plural(students, "élève", "élèves")} et ${plural(adults, "accompagnateur", "accompagnateurs")}`,
    conditions: "Conditions de visite",
    minAge: (age: number) => `Âge minimum : ${age} ans`,
    closedShoes: "Chaussures fermées obligatoires",
    idRequired: "Pièce d'identité demandée à l'entrée",
    pacemaker: "Déconseillé aux porteurs de stimulateur cardiaque (champs magnétiques)",
    minors: "Les mineurs doivent être accompagnés d'un adulte.",
    wheelchair: "Site accessible en fauteuil roulant",
    manageLink: "Gérer ou annuler ma réservation",
    ticketLink: "Mon billet (QR code à présenter à l'entrée)",
    reminder: {
      subject: "Rappel de votre visite",
      title: "Votre visite approche",
      lead: "Nous vous rappelons votre visite d'usine. Présentez votre billet (QR code) ou votre code billet à l'entrée.",
      cancelHint: "Un empêchement ? Annulez votre réservation : votre place ira à une personne de la liste d'attente.",
      noLink: "Retrouvez votre billet et le lien de gestion dans l'e-mail de confirmation de votre réservation.",
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
  },
  en: {
    colon: ": ",
    greeting: (name: string) => `Hello ${name},`,
    greetingPlain: "Hello,",
    footer: (edition: string) => `${edition} · Automatic e-mail, please do not reply.`,
    labels: { visit: "Visit", date: "Date", address: "Address", seats: "Seats", ticketCode: "Ticket code" },
    seats: (n: number) => pluralEn(n, "seat", "seats"),
    group: (students: number, adults: number) =>
      `${pluralEn(students, "student", "students")} and ${pluralEn(adults, "accompanying adult", "accompanying adults")}`,
    conditions: "Visit conditions",
    minAge: (age: number) => `Minimum age: ${age}`,
    closedShoes: "Closed shoes required",
    idRequired: "Photo ID required at the entrance",
    pacemaker: "Not advised for people with a pacemaker (magnetic fields)",
    minors: "Minors must be accompanied by an adult.",
    wheelchair: "Wheelchair accessible",
    manageLink: "Manage or cancel my booking",
    ticketLink: "My ticket (QR code to show at the entrance)",
    reminder: {
      subject: "Reminder of your visit",
      title: "Your visit is coming up",
      lead: "This is a reminder of your factory visit. Show your ticket (QR code) or your ticket code at the entrance.",
      cancelHint: "Can't make it? Cancel your booking: your seat will go to someone on the waiting list.",
      noLink: "Your ticket and management link are in your booking confirmation e-mail.",
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
  },
} as const;

type Messages = (typeof MESSAGES)[Lang];

const factoryName = (f: Pick<BookingMailFactory, "companyName" | "siteName">) => `${f.companyName} – ${f.siteName}`;
const fullAddress = (f: BookingMailFactory) => `${f.address}, ${f.postalCode} ${f.communeName}`;

/**
 * The end of the subject line of every e-mail about one booking ("<factory>, <visit time>"): the
 * booking e-mails (lib/email/templates/booking.ts) and these share it.
 */
export function bookingSubjectSuffix(data: Pick<BookingMailData, "locale" | "slot">): string {
  return `${factoryName(data.slot.factory)}, ${formatVisitTime(data.slot.startsAt, data.slot.endsAt, data.locale)}`;
}

function seatsText(m: Messages, data: Pick<BookingMailData, "kind" | "seats" | "students" | "adults">): string {
  return data.kind === "GROUP" && data.students !== null && data.adults !== null ? m.group(data.students, data.adults) : m.seats(data.seats);
}

function conditionLines(m: Messages, data: BookingMailData): string[] {
  const f = data.slot.factory;
  const minAge = data.slot.minAge ?? f.minAge;
  return [
    minAge !== null && minAge > 0 ? m.minAge(minAge) : null,
    f.closedShoesRequired ? m.closedShoes : null,
    f.idRequired ? m.idRequired : null,
    f.pacemakerWarning ? m.pacemaker : null,
    f.otherConditions,
    data.kind === "INDIVIDUAL" ? m.minors : null,
    f.wheelchairAccessible ? m.wheelchair : null,
    f.accessibilityNotes,
  ].filter((line): line is string => Boolean(line));
}

interface Link {
  label: string;
  url: string;
}

const button = (link: Link) =>
  html`<p><a href="${link.url}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${link.label}</a></p>`;

interface Parts {
  lang: Lang;
  to: string;
  template: string;
  dedupeKey: string;
  subject: string;
  title: string;
  greeting: string;
  lead: string[];
  details?: [string, string][];
  listTitle?: string;
  list?: string[];
  sections?: { heading: string; lines: string[] }[];
  links?: Link[];
  after?: string[];
  footer: string;
}

function render(p: Parts): OutgoingEmail {
  const m = MESSAGES[p.lang];
  const details = p.details ?? [];
  const list = p.list ?? [];
  const sections = p.sections ?? [];
  const links = p.links ?? [];
  const after = p.after ?? [];
  const text = [
    p.greeting,
    "",
    ...p.lead.flatMap((line) => [line, ""]),
    ...details.map(([label, value]) => `${label}${m.colon}${value}`),
    ...(list.length ? ["", `${p.listTitle}${m.colon.trimEnd()}`, ...list.map((line) => `- ${line}`)] : []),
    ...sections.flatMap((s) => ["", s.heading, ...s.lines.map((line) => `- ${line}`)]),
    ...links.flatMap((link) => ["", `${link.label}${m.colon.trimEnd()}`, link.url]),
    ...after.flatMap((line) => ["", line]),
    "",
    "--",
    p.footer,
  ].join("\n");

  const body: SafeHtml = html`<p>${p.greeting}</p>
${p.lead.map((line) => html`<p>${line}</p>`)}
${details.length ? html`<table role="presentation" style="border-collapse:collapse;margin:16px 0">${details.map(([label, value]) => html`<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${label}</th><td style="padding:4px 0">${value}</td></tr>`)}</table>` : null}
${list.length ? html`<h2 style="font-size:17px;margin:16px 0 8px">${p.listTitle}</h2><ul>${list.map((line) => html`<li>${line}</li>`)}</ul>` : null}
${sections.map((s) => html`<h2 style="font-size:17px;margin:16px 0 8px">${s.heading}</h2><ul>${s.lines.map((line) => html`<li>${line}</li>`)}</ul>`)}
${links.map(button)}
${after.map((line) => html`<p>${line}</p>`)}`;

  return {
    to: p.to,
    subject: p.subject,
    text,
    html: emailLayout({ lang: p.lang, title: p.title, body, footer: p.footer }),
    template: p.template,
    dedupeKey: p.dedupeKey,
  };
}

/** Dedupe keys: one reminder and one survey invitation per booking, one summary per factory contact and day. */
export const reminderKey = (bookingId: string) => `reminder:${bookingId}`;
export const surveyKey = (bookingId: string) => `survey:${bookingId}`;
export const factoryDayKey = (factoryId: string, day: string, userId: string) => `factory-day:${factoryId}:${day}:${userId}`;

/**
 * The reminder before a visit, with the ticket and manage links (null tokens: the sealed link could
 * not be opened, the e-mail then points to the confirmation e-mail).
 */
export function reminderEmail(
  data: BookingMailData & { bookingId: string },
  tokens: { manageToken: string; ticketToken: string } | null,
): OutgoingEmail {
  const lang = langOf(data.locale);
  const m = MESSAGES[lang];
  const f = data.slot.factory;
  return render({
    lang,
    to: data.email,
    template: "lifecycle.reminder",
    dedupeKey: reminderKey(data.bookingId),
    subject: `${m.reminder.subject}${m.colon}${bookingSubjectSuffix(data)}`,
    title: m.reminder.title,
    greeting: m.greeting(data.contactName),
    lead: [m.reminder.lead],
    details: [
      [m.labels.visit, factoryName(f)],
      [m.labels.date, formatVisitTime(data.slot.startsAt, data.slot.endsAt, data.locale)],
      [m.labels.address, fullAddress(f)],
      [m.labels.seats, seatsText(m, data)],
      [m.labels.ticketCode, data.ticketCode],
    ],
    listTitle: m.conditions,
    list: conditionLines(m, data),
    links: tokens
      ? [
          { label: m.ticketLink, url: ticketUrl(tokens.ticketToken) },
          { label: m.manageLink, url: manageUrl(tokens.manageToken) },
        ]
      : [],
    after: [tokens ? m.reminder.cancelHint : m.reminder.noLink],
    footer: m.footer(data.edition.name),
  });
}

/** The invitation to the one-minute post-visit survey. */
export function surveyInvitationEmail(
  data: Pick<BookingMailData, "email" | "contactName" | "locale" | "edition" | "slot"> & { bookingId: string },
  surveyToken: string,
): OutgoingEmail {
  const lang = langOf(data.locale);
  const m = MESSAGES[lang];
  return render({
    lang,
    to: data.email,
    template: "lifecycle.survey",
    dedupeKey: surveyKey(data.bookingId),
    subject: `${m.survey.subject}${m.colon}${bookingSubjectSuffix(data)}`,
    title: m.survey.title,
    greeting: m.greeting(data.contactName),
    lead: [m.survey.lead],
    details: [
      [m.labels.visit, factoryName(data.slot.factory)],
      [m.labels.date, formatVisitTime(data.slot.startsAt, data.slot.endsAt, data.locale)],
    ],
    links: [{ label: m.survey.link, url: surveyUrl(surveyToken) }],
    after: [m.survey.why],
    footer: m.footer(data.edition.name),
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

const DAY_FORMATS = {
  fr: new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", weekday: "long", day: "numeric", month: "long" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", weekday: "long", day: "numeric", month: "long" }),
};
const TIME_FORMATS = {
  fr: new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }),
};

/**
 * The day-before summary to one factory contact: per slot, how many come (seats, individuals,
 * classes with their school and level, waiting list). No visitor names or contact details: those
 * stay in the factory space, behind sign-in (an e-mail cannot be erased on request).
 */
export function factoryDayBeforeEmail(contact: { userId: string; email: string; name: string | null; locale: string }, summary: FactoryDaySummary): OutgoingEmail {
  const lang = langOf(contact.locale);
  const m = MESSAGES[lang];
  const fd = m.factoryDay;
  // Noon UTC of the Paris day: the same calendar day in Paris whatever the season.
  const dayLabel = DAY_FORMATS[lang].format(new Date(`${summary.day}T12:00:00Z`));
  const open = summary.slots.filter((s) => s.status === "OPEN");
  const people = open.reduce((sum, s) => sum + s.confirmedSeats, 0);
  const site = factoryName(summary.factory);
  const sections = summary.slots.map((s) => {
    const time = `${TIME_FORMATS[lang].format(s.startsAt)}–${TIME_FORMATS[lang].format(s.endsAt)}`;
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
  return render({
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
