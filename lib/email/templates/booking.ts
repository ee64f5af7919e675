// The e-mails of a booking's life, in French or English (the booking's locale): confirmed, waitlisted,
// promoted from the waiting list, seats changed, cancelled, slot cancelled by the factory. Each is
// plain text + HTML; times are shown in Europe/Paris whatever the server's time zone.
import { createEvent } from "ics";
import { emailLayout, html, type SafeHtml } from "@/lib/email/layout";
import type { Attachment, OutgoingEmail } from "@/lib/email/outbox";
import { hashToken } from "@/lib/tokens";

export interface BookingMailFactory {
  companyName: string;
  siteName: string;
  address: string;
  postalCode: string;
  communeName: string;
  minAge: number | null;
  closedShoesRequired: boolean;
  idRequired: boolean;
  pacemakerWarning: boolean;
  otherConditions: string | null;
  wheelchairAccessible: boolean;
  accessibilityNotes: string | null;
}

// What every booking e-mail (and the calendar file) needs; lib/booking selects exactly this.
export interface BookingMailData {
  editionId: string;
  kind: "INDIVIDUAL" | "GROUP";
  contactName: string;
  email: string;
  locale: string;
  seats: number;
  students: number | null;
  adults: number | null;
  ticketCode: string;
  edition: { name: string };
  slot: { startsAt: Date; endsAt: Date; minAge: number | null; factory: BookingMailFactory };
}

export type CancelledBy = "VISITOR" | "FACTORY" | "ORGANISER";
type Lang = "fr" | "en";

export const baseUrl = () => (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
export const manageUrl = (manageToken: string) => `${baseUrl()}/reservation/${manageToken}`;
export const ticketUrl = (ticketToken: string) => `${baseUrl()}/billet/${ticketToken}`;

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

const MESSAGES = {
  fr: {
    intl: "fr-FR",
    colon: " : ", // French typography: a space before the colon
    parisTime: "heure de Paris",
    greeting: (name: string) => `Bonjour ${name},`,
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
    intl: "en-GB",
    colon: ": ",
    parisTime: "Paris time",
    greeting: (name: string) => `Hello ${name},`,
    footer: (edition: string) => `${edition} · Automatic e-mail, please do not reply.`,
    labels: { visit: "Visit", date: "Date", address: "Address", seats: "Seats", ticketCode: "Ticket code" },
    seats: (n: number) => plural(n, "seat", "seats"),
    group: (students: number, adults: number) =>
      `${plural(students, "student", "students")} and ${plural(adults, "accompanying adult", "accompanying adults")}`,
    conditions: "Visit conditions",
    minAge: (age: number) => `Minimum age: ${age}`,
    closedShoes: "Closed shoes required",
    idRequired: "Photo ID required at the entrance",
    pacemaker: "Not advised for people with a pacemaker (magnetic fields)",
    minors: "Minors must be accompanied by an adult.",
    wheelchair: "Wheelchair accessible",
    manageLink: "Manage or cancel my booking",
    ticketLink: "My ticket (QR code to show at the entrance)",
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

type Messages = (typeof MESSAGES)[Lang];

const langOf = (locale: string): Lang => (locale === "en" ? "en" : "fr");
const factoryName = (f: BookingMailFactory) => `${f.companyName} – ${f.siteName}`;
const fullAddress = (f: BookingMailFactory) => `${f.address}, ${f.postalCode} ${f.communeName}`;

// Building an Intl.DateTimeFormat costs ~10× more than using one: one per language.
const VISIT_TIME_FORMATS = {
  fr: new Intl.DateTimeFormat(MESSAGES.fr.intl, { timeZone: "Europe/Paris", dateStyle: "full", timeStyle: "short" }),
  en: new Intl.DateTimeFormat(MESSAGES.en.intl, { timeZone: "Europe/Paris", dateStyle: "full", timeStyle: "short" }),
};

// "samedi 13 mars 2027, 10:00 – 11:30 (heure de Paris)"
export function formatVisitTime(startsAt: Date, endsAt: Date, locale: string): string {
  const lang = langOf(locale);
  return `${VISIT_TIME_FORMATS[lang].formatRange(startsAt, endsAt)} (${MESSAGES[lang].parisTime})`;
}

function seatsText(m: Messages, data: Pick<BookingMailData, "kind" | "seats" | "students" | "adults">): string {
  return data.kind === "GROUP" && data.students !== null && data.adults !== null
    ? m.group(data.students, data.adults)
    : m.seats(data.seats);
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

interface MailParts {
  template: string;
  subject: string;
  title: string;
  lead: string[];
  links?: Link[];
  withTicketCode?: boolean;
  withConditions?: boolean;
  withCalendar?: boolean;
}

function compose(data: BookingMailData, parts: MailParts): OutgoingEmail {
  const m = MESSAGES[langOf(data.locale)];
  const f = data.slot.factory;
  const when = formatVisitTime(data.slot.startsAt, data.slot.endsAt, data.locale);
  const details: [string, string][] = [
    [m.labels.visit, factoryName(f)],
    [m.labels.date, when],
    [m.labels.address, fullAddress(f)],
    [m.labels.seats, seatsText(m, data)],
  ];
  if (parts.withTicketCode) details.push([m.labels.ticketCode, data.ticketCode]);
  const conditions = parts.withConditions ? conditionLines(m, data) : [];
  const links = parts.links ?? [];
  const lead = [...parts.lead, ...(parts.withCalendar ? [m.calendar] : [])];
  const footer = m.footer(data.edition.name);

  const text = [
    m.greeting(data.contactName),
    "",
    ...lead.flatMap((p) => [p, ""]),
    ...details.map(([label, value]) => `${label}${m.colon}${value}`),
    ...(conditions.length ? ["", `${m.conditions}${m.colon.trimEnd()}`, ...conditions.map((c) => `- ${c}`)] : []),
    ...links.flatMap((link) => ["", `${link.label}${m.colon.trimEnd()}`, link.url]),
    "",
    "--",
    footer,
  ].join("\n");

  const body: SafeHtml = html`<p>${m.greeting(data.contactName)}</p>
${lead.map((p) => html`<p>${p}</p>`)}
<table role="presentation" style="border-collapse:collapse;margin:16px 0">
${details.map(([label, value]) => html`<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${label}</th><td style="padding:4px 0">${value}</td></tr>`)}
</table>
${conditions.length ? html`<h2 style="font-size:17px;margin:16px 0 8px">${m.conditions}</h2><ul>${conditions.map((c) => html`<li>${c}</li>`)}</ul>` : null}
${links.map((link) => html`<p><a href="${link.url}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${link.label}</a></p>`)}`;

  return {
    to: data.email,
    subject: `${parts.subject}${m.colon}${factoryName(f)}, ${when}`,
    text,
    html: emailLayout({ lang: langOf(data.locale), title: parts.title, body, footer }),
    template: parts.template,
    attachments: parts.withCalendar ? [icsAttachment(data)] : undefined,
  };
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
    links: [
      { label: m.ticketLink, url: ticketUrl(tokens.ticketToken) },
      { label: m.manageLink, url: manageUrl(tokens.manageToken) },
    ],
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
    links: tokens
      ? [
          { label: m.ticketLink, url: ticketUrl(tokens.ticketToken) },
          { label: m.manageLink, url: manageUrl(tokens.manageToken) },
        ]
      : [],
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
