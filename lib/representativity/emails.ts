// The e-mails of a factory registration's status, in French or English (the recipient's locale):
// registered (approved / pending review / waitlisted with the reason), approved later (waiting
// list re-evaluated, organiser approval or override), and an organiser's decision from the approval
// queue (lib/organiser/approvals) with its comment. Plain text + HTML through the shared layout.
import { emailLayout, html } from "@/lib/email/layout";
import type { OutgoingEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { reasonMessage, type ReasonLocale, type StatusReason } from "./reasons";

export interface FactoryMailFacts {
  siteName: string;
  companyName: string;
  communeName: string;
  editionName: string;
}

export interface FactoryMailRecipient {
  email: string;
  name?: string | null;
  locale?: string | null;
}

export const factorySpaceUrl = () => `${env.APP_URL.replace(/\/+$/, "")}/espace-usine`;

const MESSAGES = {
  fr: {
    colon: " : ",
    greeting: (name?: string | null) => (name ? `Bonjour ${name},` : "Bonjour,"),
    footer: (edition: string) => `${edition} · E-mail automatique, merci de ne pas y répondre.`,
    site: (f: FactoryMailFacts) => `${f.siteName} (${f.companyName}, ${f.communeName})`,
    link: "Ouvrir mon espace usine",
    reasonLabel: "Motif",
    commentLabel: "Message de l'équipe d'organisation",
    APPROVED: {
      subject: "Inscription validée",
      title: "Votre site est inscrit",
      lead: (site: string, edition: string) =>
        `Bonne nouvelle : l'inscription de ${site} à l'édition « ${edition} » est validée. Vous pouvez dès maintenant publier vos créneaux de visite depuis votre espace usine.`,
    },
    PENDING: {
      subject: "Inscription reçue",
      title: "Votre inscription est en cours d'examen",
      lead: (site: string, edition: string) =>
        `Nous avons bien reçu l'inscription de ${site} à l'édition « ${edition} ». L'équipe d'organisation l'examine et vous écrira dès qu'elle sera validée.`,
    },
    WAITLISTED: {
      subject: "Inscription sur liste d'attente",
      title: "Votre site est sur liste d'attente",
      lead: (site: string, edition: string) =>
        `Nous avons bien reçu l'inscription de ${site} à l'édition « ${edition} ». Pour que les sites ouverts représentent toute l'industrie française, leur nombre est limité par région, par secteur et par taille d'entreprise.`,
      next: "Si une place se libère, les inscriptions en attente sont validées dans leur ordre d'arrivée : nous vous préviendrons par e-mail.",
    },
    approvedLater: {
      subject: "Inscription validée",
      title: "Votre site est maintenant inscrit",
      lead: (site: string, edition: string) =>
        `L'inscription de ${site} à l'édition « ${edition} » est maintenant validée. Vous pouvez publier vos créneaux de visite depuis votre espace usine.`,
    },
    decision: {
      APPROVED: {
        subject: "Inscription validée",
        title: "Votre site est inscrit",
        lead: (site: string, edition: string) =>
          `L'inscription de ${site} à l'édition « ${edition} » est validée. Vous pouvez publier vos créneaux de visite depuis votre espace usine.`,
      },
      WAITLISTED: {
        subject: "Inscription sur liste d'attente",
        title: "Votre site est sur liste d'attente",
        lead: (site: string, edition: string) =>
          `L'équipe d'organisation a placé l'inscription de ${site} à l'édition « ${edition} » sur liste d'attente. Si une place se libère, les inscriptions en attente sont validées dans leur ordre d'arrivée : nous vous préviendrons par e-mail.`,
      },
      REJECTED: {
        subject: "Inscription non retenue",
        title: "Votre inscription n'a pas été retenue",
        lead: (site: string, edition: string) => `L'inscription de ${site} à l'édition « ${edition} » n'a pas été retenue par l'équipe d'organisation.`,
      },
    },
  },
  en: {
    colon: ": ",
    greeting: (name?: string | null) => (name ? `Hello ${name},` : "Hello,"),
    footer: (edition: string) => `${edition} · Automatic e-mail, please do not reply.`,
    site: (f: FactoryMailFacts) => `${f.siteName} (${f.companyName}, ${f.communeName})`,
    link: "Open my factory area",
    reasonLabel: "Reason",
    commentLabel: "Message from the organising team",
    APPROVED: {
      subject: "Registration approved",
      title: "Your site is registered",
      lead: (site: string, edition: string) =>
        `Good news: the registration of ${site} for “${edition}” is approved. You can now publish your visit slots from your factory area.`,
    },
    PENDING: {
      subject: "Registration received",
      title: "Your registration is being reviewed",
      lead: (site: string, edition: string) =>
        `We have received the registration of ${site} for “${edition}”. The organising team is reviewing it and will write to you as soon as it is approved.`,
    },
    WAITLISTED: {
      subject: "Registration on the waiting list",
      title: "Your site is on the waiting list",
      lead: (site: string, edition: string) =>
        `We have received the registration of ${site} for “${edition}”. So that the open sites reflect the whole of French industry, their number is limited per region, sector and company size.`,
      next: "If a place becomes free, waiting registrations are approved in order of arrival: we will let you know by e-mail.",
    },
    approvedLater: {
      subject: "Registration approved",
      title: "Your site is now registered",
      lead: (site: string, edition: string) =>
        `The registration of ${site} for “${edition}” is now approved. You can publish your visit slots from your factory area.`,
    },
    decision: {
      APPROVED: {
        subject: "Registration approved",
        title: "Your site is registered",
        lead: (site: string, edition: string) =>
          `The registration of ${site} for “${edition}” is approved. You can publish your visit slots from your factory area.`,
      },
      WAITLISTED: {
        subject: "Registration on the waiting list",
        title: "Your site is on the waiting list",
        lead: (site: string, edition: string) =>
          `The organising team has put the registration of ${site} for “${edition}” on the waiting list. If a place becomes free, waiting registrations are approved in order of arrival: we will let you know by e-mail.`,
      },
      REJECTED: {
        subject: "Registration not accepted",
        title: "Your registration was not accepted",
        lead: (site: string, edition: string) => `The registration of ${site} for “${edition}” was not accepted by the organising team.`,
      },
    },
  },
} as const;

const langOf = (locale?: string | null): ReasonLocale => (locale === "en" ? "en" : "fr");

// A boxed line after the first paragraph: the waiting list's reason, or the organiser's comment.
interface Note {
  kind: "reason" | "comment";
  label: string;
  text: string;
}
const NOTE_STYLE = {
  reason: "padding:12px 16px;background:#fef3c7;border-radius:4px",
  comment: "padding:12px 16px;background:#f1f5f9;border-radius:4px;white-space:pre-line",
};

function compose(
  to: FactoryMailRecipient,
  facts: FactoryMailFacts,
  parts: { template: string; subject: string; title: string; paragraphs: string[]; note?: Note },
): OutgoingEmail {
  const lang = langOf(to.locale);
  const m = MESSAGES[lang];
  const footer = m.footer(facts.editionName);
  const url = factorySpaceUrl();
  const text = [
    m.greeting(to.name),
    "",
    ...parts.paragraphs.slice(0, 1).flatMap((p) => [p, ""]),
    ...(parts.note ? [`${parts.note.label}${m.colon}${parts.note.text}`, ""] : []),
    ...parts.paragraphs.slice(1).flatMap((p) => [p, ""]),
    `${m.link}${m.colon.trimEnd()}`,
    url,
    "",
    "--",
    footer,
  ].join("\n");
  const body = html`<p>${m.greeting(to.name)}</p>
<p>${parts.paragraphs[0]}</p>
${parts.note ? html`<p style="${NOTE_STYLE[parts.note.kind]}"><strong>${parts.note.label}${m.colon}</strong>${parts.note.text}</p>` : null}
${parts.paragraphs.slice(1).map((p) => html`<p>${p}</p>`)}
<p><a href="${url}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${m.link}</a></p>`;
  return {
    to: to.email,
    subject: `${parts.subject}${m.colon}${facts.siteName}`,
    text,
    html: emailLayout({ lang, title: parts.title, body, footer }),
    template: parts.template,
  };
}

/** To the registrant, right after the registration: approved, pending review, or waitlisted with the reason. */
export function registrationStatusEmail(
  to: FactoryMailRecipient,
  facts: FactoryMailFacts,
  outcome: { status: "APPROVED" | "PENDING" | "WAITLISTED"; statusReason: StatusReason | null },
): OutgoingEmail {
  const lang = langOf(to.locale);
  const m = MESSAGES[lang];
  const site = m.site(facts);
  if (outcome.status === "WAITLISTED") {
    return compose(to, facts, {
      template: "factory.registered.waitlisted",
      subject: m.WAITLISTED.subject,
      title: m.WAITLISTED.title,
      paragraphs: [m.WAITLISTED.lead(site, facts.editionName), m.WAITLISTED.next],
      note: outcome.statusReason ? { kind: "reason", label: m.reasonLabel, text: reasonMessage(outcome.statusReason, lang) } : undefined,
    });
  }
  const messages = m[outcome.status];
  return compose(to, facts, {
    template: `factory.registered.${outcome.status.toLowerCase()}`,
    subject: messages.subject,
    title: messages.title,
    paragraphs: [messages.lead(site, facts.editionName)],
  });
}

/** To every contact of a factory approved after its registration (waiting list, review, override). */
export function factoryApprovedEmail(to: FactoryMailRecipient, facts: FactoryMailFacts): OutgoingEmail {
  const m = MESSAGES[langOf(to.locale)];
  return compose(to, facts, {
    template: "factory.approved",
    subject: m.approvedLater.subject,
    title: m.approvedLater.title,
    paragraphs: [m.approvedLater.lead(m.site(facts), facts.editionName)],
  });
}

/** To each contact of a factory an organiser has just decided on from the approval queue, with the organiser's comment. */
export function factoryDecisionEmail(
  to: FactoryMailRecipient,
  facts: FactoryMailFacts,
  status: "APPROVED" | "WAITLISTED" | "REJECTED",
  comment?: string,
): OutgoingEmail {
  const m = MESSAGES[langOf(to.locale)];
  const parts = m.decision[status];
  return compose(to, facts, {
    template: `factory.decision.${status.toLowerCase()}`,
    subject: parts.subject,
    title: parts.title,
    paragraphs: [parts.lead(m.site(facts), facts.editionName)],
    note: comment ? { kind: "comment", label: m.commentLabel, text: comment } : undefined,
  });
}
