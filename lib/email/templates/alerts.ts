// « Prévenez-moi » e-mails (lib/alerts): the double opt-in confirmation and the daily digest, in the
// subscriber's language. Every alert e-mail carries the one-click unsubscribe headers (RFC 8058):
// mail providers show their own "Unsubscribe" button and POST to the link.
import type { OutgoingEmail } from "@/lib/email/outbox";
import { baseUrl, COMMON_MESSAGES, factoryName, formatVisitTime, type Lang, renderMail } from "@/lib/email/templates/common";

export const ALERT_CONFIRM_TEMPLATE = "alerts.confirm";
export const ALERT_DIGEST_TEMPLATE = "alerts.digest";

export const alertConfirmUrl = (token: string) => `${baseUrl()}/alertes/confirmer/${token}`;
export const alertUnsubscribeUrl = (token: string) => `${baseUrl()}/alertes/desabonnement/${token}`;

export function unsubscribeHeaders(unsubscribeToken: string): Record<string, string> {
  return { "List-Unsubscribe": `<${alertUnsubscribeUrl(unsubscribeToken)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    hello: "Bonjour,",
    confirmSubject: "Confirmez vos alertes Usines Ouvertes",
    confirmTitle: "Confirmez vos alertes",
    confirmLead: "Vous avez demandé à être prévenu·e par e-mail :",
    confirmAction: "Confirmer mes alertes",
    confirmAfter: "Sans confirmation, vous ne recevrez rien et votre demande sera effacée dans 7 jours. Vous n'avez rien demandé ? Ignorez cet e-mail.",
    kinds: {
      BOOKINGS_OPEN: "à l'ouverture des réservations",
      NEW_VISIT_NEAR: (department: string) => `des nouvelles visites près de chez vous (${department})`,
      NEXT_EDITION: "de l'annonce de la prochaine édition",
    },
    digestSubject: "Du nouveau chez Usines Ouvertes",
    digestTitle: "Du nouveau pour vous",
    bookingsOpen: (edition: string) => `Les réservations de ${edition} sont ouvertes.`,
    nextEdition: (edition: string) => `La prochaine édition est annoncée : ${edition}.`,
    newVisits: (n: number) => (n > 1 ? `${n} nouvelles visites près de chez vous :` : "Une nouvelle visite près de chez vous :"),
    bookLink: "Voir et réserver",
    catalogueLink: "Voir toutes les visites",
    unsubscribe: "Ne plus recevoir ces alertes",
    why: "Vous recevez cet e-mail parce que vous avez demandé et confirmé ces alertes. Au plus un e-mail par jour.",
  },
  en: {
    ...COMMON_MESSAGES.en,
    hello: "Hello,",
    confirmSubject: "Confirm your Usines Ouvertes alerts",
    confirmTitle: "Confirm your alerts",
    confirmLead: "You asked to be told by e-mail:",
    confirmAction: "Confirm my alerts",
    confirmAfter: "Without confirmation you will receive nothing and your request will be erased within 7 days. You did not ask for this? Ignore this e-mail.",
    kinds: {
      BOOKINGS_OPEN: "when bookings open",
      NEW_VISIT_NEAR: (department: string) => `about new visits near you (${department})`,
      NEXT_EDITION: "when the next edition is announced",
    },
    digestSubject: "News from Usines Ouvertes",
    digestTitle: "News for you",
    bookingsOpen: (edition: string) => `Bookings for ${edition} are open.`,
    nextEdition: (edition: string) => `The next edition is announced: ${edition}.`,
    newVisits: (n: number) => (n > 1 ? `${n} new visits near you:` : "A new visit near you:"),
    bookLink: "See and book",
    catalogueLink: "See every visit",
    unsubscribe: "Stop these alerts",
    why: "You receive this e-mail because you asked for these alerts and confirmed them. One e-mail a day at most.",
  },
} as const;

const FOOTER_NAME = "Usines Ouvertes";

export interface AlertConfirmData {
  subscriptionId: string;
  to: string;
  lang: Lang;
  kinds: readonly ("BOOKINGS_OPEN" | "NEW_VISIT_NEAR" | "NEXT_EDITION")[];
  departmentName: string | null;
  confirmToken: string;
}

export function alertConfirmEmail(data: AlertConfirmData): OutgoingEmail {
  const m = MESSAGES[data.lang];
  const kinds = data.kinds.map((kind) => (kind === "NEW_VISIT_NEAR" ? m.kinds.NEW_VISIT_NEAR(data.departmentName ?? "") : m.kinds[kind]));
  return {
    ...renderMail({
      lang: data.lang,
      to: data.to,
      template: ALERT_CONFIRM_TEMPLATE,
      subject: m.confirmSubject,
      title: m.confirmTitle,
      greeting: m.hello,
      lead: [m.confirmLead],
      list: kinds,
      listTitle: m.confirmTitle,
      links: [{ label: m.confirmAction, url: alertConfirmUrl(data.confirmToken) }],
      after: [m.confirmAfter],
      footer: m.footer(FOOTER_NAME),
    }),
    alertSubscriptionId: data.subscriptionId,
  };
}

export interface DigestVisit {
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  companyName: string;
  siteName: string;
  communeName: string;
  postalCode: string;
}

export interface AlertDigestData {
  subscriptionId: string;
  to: string;
  lang: Lang;
  unsubscribeToken: string;
  // Paris day of the digest: with the subscription, the dedupe key (one digest a day, whatever reruns).
  day: string;
  bookingsOpen: string | null; // the edition's name
  nextEdition: string | null;
  visits: DigestVisit[];
}

export function alertDigestEmail(data: AlertDigestData): OutgoingEmail {
  const m = MESSAGES[data.lang];
  const lead = [
    ...(data.bookingsOpen ? [m.bookingsOpen(data.bookingsOpen)] : []),
    ...(data.nextEdition ? [m.nextEdition(data.nextEdition)] : []),
    ...(data.visits.length ? [m.newVisits(data.visits.length)] : []),
  ];
  return {
    ...renderMail({
      lang: data.lang,
      to: data.to,
      template: ALERT_DIGEST_TEMPLATE,
      dedupeKey: `alerts:digest:${data.subscriptionId}:${data.day}`,
      subject: m.digestSubject,
      title: m.digestTitle,
      greeting: m.hello,
      lead,
      sections: data.visits.map((visit) => ({
        heading: factoryName(visit),
        lines: [formatVisitTime(visit.startsAt, visit.endsAt, data.lang), `${visit.postalCode} ${visit.communeName}`],
        links: [{ label: m.bookLink, url: `${baseUrl()}/visites/${visit.slotId}/reserver` }],
      })),
      links: [{ label: m.catalogueLink, url: `${baseUrl()}/visites` }],
      after: [m.why, `${m.unsubscribe}${m.colon}${alertUnsubscribeUrl(data.unsubscribeToken)}`],
      footer: m.footer(FOOTER_NAME),
    }),
    alertSubscriptionId: data.subscriptionId,
    headers: unsubscribeHeaders(data.unsubscribeToken),
  };
}
