// The receipt of a draw application: the wishes as ranked, when the draw runs, the commitment to its
// seed, and the private link to change or withdraw them. The draw's results arrive as the usual
// booking e-mails (confirmed with the ticket, or on a waiting list), written when it places them.
import { COMMON_MESSAGES, drawApplicationUrl, drawUrl, formatVisitTime, langOf, renderMail, seatsText, type Link, type PartyMailData } from "@/lib/email/templates/common";
import { formatDateTime } from "@/lib/i18n/format";

export interface DrawApplicationMailData extends PartyMailData {
  editionName: string;
  draw: { id: string; name: string; wishesCloseAt: Date; commitment: string };
  /** The visits and circuits wished for, most wanted first (a circuit: its name, departure and return). */
  wishes: { circuit: boolean; name: string; communeName: string; startsAt: Date; endsAt: Date }[];
}

const MESSAGES = {
  fr: {
    ...COMMON_MESSAGES.fr,
    subject: "Vœux enregistrés",
    title: "Vos vœux pour le tirage au sort sont enregistrés",
    lead: (close: string) =>
      `Le tirage aura lieu à la clôture des vœux, le ${close}. Vous recevrez alors un e-mail : votre billet si un de vos vœux est retenu, sinon votre place sur les listes d'attente, dans l'ordre du tirage.`,
    change: "Jusqu'à la clôture, vous pouvez modifier l'ordre de vos vœux ou retirer votre demande depuis le lien ci-dessous. Il est personnel : ne le transférez pas.",
    wishesTitle: "Vos vœux, par ordre de préférence",
    circuit: (name: string) => `Circuit « ${name} », départ de`,
    labels: { ...COMMON_MESSAGES.fr.labels, draw: "Tirage", commitment: "Empreinte de la graine (SHA-256)" },
    manage: "Voir ou modifier mes vœux",
    rules: "Règles et résultats du tirage",
  },
  en: {
    ...COMMON_MESSAGES.en,
    subject: "Wishes received",
    title: "Your wishes for the draw are recorded",
    lead: (close: string) =>
      `The draw takes place when wishes close, on ${close}. You will then receive an e-mail: your ticket if one of your wishes is drawn, else your places on the waiting lists, in draw order.`,
    change: "Until the close, you can reorder your wishes or withdraw from the link below. It is personal: do not forward it.",
    wishesTitle: "Your wishes, most wanted first",
    circuit: (name: string) => `Coach tour “${name}”, leaving from`,
    labels: { ...COMMON_MESSAGES.en.labels, draw: "Draw", commitment: "Seed fingerprint (SHA-256)" },
    manage: "See or change my wishes",
    rules: "The draw's rules and results",
  },
} as const;

/** The receipt sent when someone applies (and again if they apply twice with the same address). */
export function drawApplicationEmail(data: DrawApplicationMailData, manageToken: string) {
  const lang = langOf(data.locale);
  const m = MESSAGES[lang];
  const links: Link[] = [
    { label: m.manage, url: drawApplicationUrl(manageToken) },
    { label: m.rules, url: drawUrl(data.draw.id) },
  ];
  return renderMail({
    lang,
    to: data.email,
    template: "draw-application",
    drawApplicationId: data.id,
    subject: `${m.subject}${m.colon}${data.draw.name}`,
    title: m.title,
    greeting: m.greeting(data.contactName),
    lead: [m.lead(`${formatDateTime(data.draw.wishesCloseAt, data.locale)} (${m.parisTime})`), m.change],
    details: [
      [m.labels.draw, data.draw.name],
      [m.labels.seats, seatsText(m, data)],
      [m.labels.commitment, data.draw.commitment],
    ],
    listTitle: m.wishesTitle,
    list: data.wishes.map(
      (wish) => `${wish.circuit ? `${m.circuit(wish.name)} ${wish.communeName}` : `${wish.name} (${wish.communeName})`}${m.colon}${formatVisitTime(wish.startsAt, wish.endsAt, data.locale)}`,
    ),
    links,
    footer: m.footer(data.editionName),
  });
}
