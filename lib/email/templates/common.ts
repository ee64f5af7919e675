// What the e-mails about a booking share (lib/email/templates/booking.ts and lifecycle.ts): the
// common French/English wording, the visit's details and conditions, and one renderer that writes
// the plain text and the HTML of an e-mail from its parts. Times in Europe/Paris whatever the
// server's time zone.
import type { Prisma } from "@prisma/client";
import { createTranslator } from "next-intl";
import type { mailBookingSelect, mailFactorySelect } from "@/lib/booking/mail-data";
import { conditionLines, visitConditions, type ConditionMessages } from "@/lib/booking/visit-conditions";
import { emailLayout, html, type SafeHtml } from "@/lib/email/layout";
import { env } from "@/lib/env";
import { formatVisitTime as formatVisitTimeText } from "@/lib/i18n/format";
import type { Attachment, OutgoingEmail } from "@/lib/email/outbox";
import bookingEn from "@/lib/i18n/messages/en/booking.json";
import bookingFr from "@/lib/i18n/messages/fr/booking.json";
import practicalEn from "@/lib/i18n/messages/en/practical.json";
import practicalFr from "@/lib/i18n/messages/fr/practical.json";
import { directionsUrl } from "@/lib/practical/directions";
import { PRACTICAL_SIGNS, practicalItems, practicalText, type PracticalMessages } from "@/lib/practical/info";

export type BookingMailFactory = Prisma.FactoryGetPayload<{ select: typeof mailFactorySelect }>;

// What every booking e-mail (and the calendar file) needs; lib/booking selects exactly this. Its
// `id` is written with each e-mail (EmailOutbox.bookingId): erasure finds them by it.
export type BookingMailData = Prisma.BookingGetPayload<{ select: typeof mailBookingSelect }>;

/** Whom an e-mail about one party's place goes to, and for how many (a circuit booking, a draw application). */
export interface PartyMailData {
  id: string;
  email: string;
  contactName: string;
  locale: string;
  kind: "INDIVIDUAL" | "GROUP";
  seats: number;
  students: number | null;
  adults: number | null;
}

export type Lang = "fr" | "en";
export const langOf = (locale: string | null | undefined): Lang => (locale === "en" ? "en" : "fr");

export const baseUrl = () => env.APP_URL.replace(/\/+$/, "");
export const manageUrl = (manageToken: string) => `${baseUrl()}/reservation/${manageToken}`;
// The attendance answer's page; the answer is only recorded when the visitor presses its button (a
// mail scanner that opens every link must not answer for them).
export const attendanceUrl = (manageToken: string, answer: "oui" | "non") => `${manageUrl(manageToken)}/presence?reponse=${answer}`;
export const circuitManageUrl = (manageToken: string) => `${baseUrl()}/circuits/reservation/${manageToken}`;
export const surveyUrl = (surveyToken: string) => `${baseUrl()}/enquete/${surveyToken}`;
export const drawApplicationUrl = (manageToken: string) => `${baseUrl()}/tirages/demande/${manageToken}`;
export const drawUrl = (drawId: string) => `${baseUrl()}/tirages/${drawId}`;
export const ticketUrl = (ticketToken: string) => `${baseUrl()}/billet/${ticketToken}`;

// French counts 0 and 1 as singular, English only 1.
export const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
export const pluralEn = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The wording every booking e-mail uses; each template file spreads it into its own messages. */
export const COMMON_MESSAGES = {
  fr: {
    colon: " : ", // French typography: a space before the colon
    parisTime: "heure de Paris",
    greeting: (name: string) => `Bonjour ${name},`,
    footer: (edition: string) => `${edition} · E-mail automatique, merci de ne pas y répondre.`,
    labels: { visit: "Visite", date: "Date", address: "Adresse", seats: "Places", ticketCode: "Code billet" },
    seats: (n: number) => plural(n, "place", "places"),
    group: (students: number, adults: number) =>
      `${plural(students, "élève", "élèves")} et ${plural(adults, "accompagnateur", "accompagnateurs")}`,
    organisationGroup: (participants: number, staff: number, organisation: string) =>
      `${plural(participants, "participant", "participants")} et ${plural(staff, "accompagnateur", "accompagnateurs")} (${organisation})`,
    manageLink: "Gérer ou annuler ma réservation",
    ticketLink: "Mon billet (QR code à présenter à l'entrée)",
  },
  en: {
    colon: ": ",
    parisTime: "Paris time",
    greeting: (name: string) => `Hello ${name},`,
    footer: (edition: string) => `${edition} · Automatic e-mail, please do not reply.`,
    labels: { visit: "Visit", date: "Date", address: "Address", seats: "Seats", ticketCode: "Ticket code" },
    seats: (n: number) => pluralEn(n, "seat", "seats"),
    group: (students: number, adults: number) =>
      `${pluralEn(students, "student", "students")} and ${pluralEn(adults, "accompanying adult", "accompanying adults")}`,
    organisationGroup: (participants: number, staff: number, organisation: string) =>
      `${pluralEn(participants, "participant", "participants")} and ${pluralEn(staff, "accompanying staff member", "accompanying staff")} (${organisation})`,
    manageLink: "Manage or cancel my booking",
    ticketLink: "My ticket (QR code to show at the entrance)",
  },
} as const;

type CommonMessages = (typeof COMMON_MESSAGES)[Lang];

export const factoryName = (f: Pick<BookingMailFactory, "companyName" | "siteName">) => `${f.companyName} – ${f.siteName}`;
export const fullAddress = (f: BookingMailFactory) => `${f.address}, ${f.postalCode} ${f.communeName}`;

// "samedi 13 mars 2027, 10 h 00 – 11 h 30 (heure de Paris)": the site's wording (lib/i18n/format.ts).
export function formatVisitTime(startsAt: Date, endsAt: Date, locale: string): string {
  return `${formatVisitTimeText(startsAt, endsAt, locale)} (${COMMON_MESSAGES[langOf(locale)].parisTime})`;
}

// Another organisation's group (docs/decisions/0017-groups-beyond-schools.md) is named: its advisers
// forward the e-mail within the organisation.
export function seatsText(
  m: CommonMessages,
  data: Pick<BookingMailData, "kind" | "seats" | "students" | "adults"> & { organisationName?: string | null },
): string {
  if (data.kind !== "GROUP" || data.students === null || data.adults === null) return m.seats(data.seats);
  return data.organisationName ? m.organisationGroup(data.students, data.adults, data.organisationName) : m.group(data.students, data.adults);
}

/** The visit, its date, address and seats (and the ticket code when it is valid), label by label. */
export function visitDetails(m: CommonMessages, data: BookingMailData, withTicketCode: boolean): [string, string][] {
  const f = data.slot.factory;
  return [
    [m.labels.visit, factoryName(f)],
    [m.labels.date, formatVisitTime(data.slot.startsAt, data.slot.endsAt, data.locale)],
    [m.labels.address, fullAddress(f)],
    [m.labels.seats, seatsText(m, data)],
    ...(withTicketCode ? [[m.labels.ticketCode, data.ticketCode] as [string, string]] : []),
  ];
}

// The visit conditions are worded once, in the site's messages (`booking.conditions`): the e-mails
// read the same JSON, in the booking's language.
const CONDITION_MESSAGES: Record<Lang, ConditionMessages> = {
  fr: createTranslator({ locale: "fr", messages: { booking: bookingFr }, namespace: "booking.conditions" }),
  en: createTranslator({ locale: "en", messages: { booking: bookingEn }, namespace: "booking.conditions" }),
};

/** The visit's conditions for this booking (lib/booking/visit-conditions.ts), titled, in its language. */
export function conditionsList(data: Pick<BookingMailData, "locale" | "kind" | "slot">): Pick<MailParts, "listTitle" | "list"> {
  const t = CONDITION_MESSAGES[langOf(data.locale)];
  return { listTitle: t("title"), list: conditionLines(visitConditions(data.slot, data.slot.factory, { group: data.kind === "GROUP" }), t) };
}

// The practical information is worded once too (the "practical" messages).
const practicalTranslator = (locale: Lang, messages: typeof practicalFr) =>
  createTranslator({ locale, messages: { practical: messages }, namespace: "practical" }) as unknown as (key: string, values?: Record<string, string | number>) => string;
const PRACTICAL_MESSAGES = { fr: practicalTranslator("fr", practicalFr), en: practicalTranslator("en", practicalEn) };

/**
 * The visit's practical information (lib/practical) as a headed list, each line after a Unicode
 * sign (mail clients drop SVG, so no pictogram), with the directions link to the site's address.
 */
export function practicalSection(data: Pick<BookingMailData, "locale" | "slot">): NonNullable<MailParts["sections"]>[number] {
  const t = PRACTICAL_MESSAGES[langOf(data.locale)];
  const full: PracticalMessages = (key, values) => t(`full.${key}`, values as Record<string, string | number>);
  const f = data.slot.factory;
  return {
    heading: t("title"),
    lines: practicalItems(data.slot, f).map((item) => `${PRACTICAL_SIGNS[item.code].sign} ${practicalText(item, full)}`),
    links: [{ label: t("directions", { site: f.siteName }), url: directionsUrl(fullAddress(f)) }],
  };
}

export interface Link {
  label: string;
  url: string;
}

const button = (link: Link) =>
  html`<p><a href="${link.url}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${link.label}</a></p>`;

/** The ticket and manage links of a booking's e-mails. */
export function ticketAndManageLinks(m: CommonMessages, tokens: { manageToken: string; ticketToken: string }): Link[] {
  return [
    { label: m.ticketLink, url: ticketUrl(tokens.ticketToken) },
    { label: m.manageLink, url: manageUrl(tokens.manageToken) },
  ];
}

/**
 * The parts every e-mail about one booking shares: about that booking (its id goes with the
 * e-mail), to its contact, in its language, greeted by name, the subject ending with the factory
 * and visit time, the edition in the footer.
 */
export function aboutBooking(
  data: Pick<BookingMailData, "id" | "email" | "contactName" | "locale" | "edition" | "slot">,
  subject: string,
): Pick<MailParts, "bookingId" | "lang" | "to" | "subject" | "greeting" | "footer"> {
  const lang = langOf(data.locale);
  const m = COMMON_MESSAGES[lang];
  const { factory, startsAt, endsAt } = data.slot;
  return {
    bookingId: data.id,
    lang,
    to: data.email,
    subject: `${subject}${m.colon}${factoryName(factory)}, ${formatVisitTime(startsAt, endsAt, data.locale)}`,
    greeting: m.greeting(data.contactName),
    footer: m.footer(data.edition.name),
  };
}

export interface MailParts {
  lang: Lang;
  to: string;
  template: string;
  // The booking (or circuit booking) the e-mail is about, if any.
  bookingId?: string;
  circuitBookingId?: string;
  drawApplicationId?: string;
  dedupeKey?: string;
  subject: string;
  title: string;
  greeting: string;
  lead: string[];
  details?: [string, string][];
  listTitle?: string;
  list?: string[];
  // Headed lists; a section's links (e.g. one booking's among several) follow its lines.
  sections?: { heading: string; lines: string[]; links?: Link[] }[];
  links?: Link[];
  after?: string[];
  footer: string;
  attachments?: Attachment[];
}

/** One e-mail, plain text and HTML (escaped by the `html` tag), from its parts in reading order. */
export function renderMail(p: MailParts): OutgoingEmail {
  const m = COMMON_MESSAGES[p.lang];
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
    ...sections.flatMap((s) => [
      "",
      s.heading,
      ...s.lines.map((line) => `- ${line}`),
      ...(s.links ?? []).map((link) => `- ${link.label}${m.colon}${link.url}`),
    ]),
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
${sections.map((s) => html`<h2 style="font-size:17px;margin:16px 0 8px">${s.heading}</h2><ul>${s.lines.map((line) => html`<li>${line}</li>`)}${(s.links ?? []).map((link) => html`<li><a href="${link.url}">${link.label}</a></li>`)}</ul>`)}
${links.map(button)}
${after.map((line) => html`<p>${line}</p>`)}`;

  return {
    to: p.to,
    subject: p.subject,
    text,
    html: emailLayout({ lang: p.lang, title: p.title, body, footer: p.footer }),
    template: p.template,
    ...(p.bookingId !== undefined ? { bookingId: p.bookingId } : {}),
    ...(p.circuitBookingId !== undefined ? { circuitBookingId: p.circuitBookingId } : {}),
    ...(p.drawApplicationId !== undefined ? { drawApplicationId: p.drawApplicationId } : {}),
    ...(p.dedupeKey !== undefined ? { dedupeKey: p.dedupeKey } : {}),
    ...(p.attachments !== undefined ? { attachments: p.attachments } : {}),
  };
}
