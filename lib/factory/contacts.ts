import "server-only";
// A factory's contacts: the registrant, and the colleagues they invite. An invited colleague gets a
// User row (created if needed, so next-auth signs them in as that user), a FactoryContact row and an
// invitation e-mail with a link to the sign-in page — all in the caller's transaction.
import type { Tx } from "@/lib/db";
import { emailLayout, html } from "@/lib/email/layout";
import { enqueueEmail, type OutgoingEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";

export interface InvitationFacts {
  factoryId: string;
  siteName: string;
  companyName: string;
  communeName: string;
  editionName: string;
}

export interface Inviter {
  id: string;
  email: string;
  name: string | null;
}

export const signInToFactorySpaceUrl = () =>
  `${env.APP_URL.replace(/\/+$/, "")}/connexion?callbackUrl=${encodeURIComponent("/espace-usine")}`;

/** Makes the user a contact of the factory (no-op if already one). */
export async function addFactoryContact(tx: Tx, factoryId: string, userId: string): Promise<void> {
  await tx.factoryContact.upsert({
    where: { factoryId_userId: { factoryId, userId } },
    create: { factoryId, userId },
    update: {},
  });
}

/**
 * Adds each address as a contact of the factory and e-mails it an invitation. Addresses are
 * lower-cased (as next-auth stores them); the inviter's own address is skipped. Returns the invited
 * users.
 */
export async function inviteContacts(
  tx: Tx,
  facts: InvitationFacts,
  inviter: Inviter,
  emails: readonly string[],
): Promise<{ id: string; email: string }[]> {
  const invited: { id: string; email: string }[] = [];
  for (const email of new Set(emails.map((e) => e.trim().toLowerCase()))) {
    if (!email || email === inviter.email.toLowerCase()) continue;
    const user = await tx.user.upsert({
      where: { email },
      create: { email },
      update: {},
      select: { id: true, email: true, name: true, locale: true },
    });
    await addFactoryContact(tx, facts.factoryId, user.id);
    await enqueueEmail(tx, invitationEmail(user, facts, inviter));
    invited.push({ id: user.id, email: user.email });
  }
  return invited;
}

const MESSAGES = {
  fr: {
    colon: " : ",
    greeting: (name: string | null) => (name ? `Bonjour ${name},` : "Bonjour,"),
    subject: (site: string) => `Vous êtes contact du site ${site}`,
    title: "Vous avez été ajouté·e comme contact d'un site",
    lead: (inviter: string, site: string, edition: string) =>
      `${inviter} a inscrit le site ${site} à l'édition «\u00a0${edition}\u00a0» et vous a ajouté·e comme contact : vous pourrez publier les créneaux de visite et suivre les inscriptions.`,
    howTo:
      "Pour accéder à l'espace usine, connectez-vous avec cette adresse e-mail : aucun mot de passe, vous recevrez un lien de connexion.",
    link: "Se connecter à l'espace usine",
    notYou: "Si vous ne connaissez pas ce site, ignorez cet e-mail.",
    footer: (edition: string) => `${edition} · E-mail automatique, merci de ne pas y répondre.`,
  },
  en: {
    colon: ": ",
    greeting: (name: string | null) => (name ? `Hello ${name},` : "Hello,"),
    subject: (site: string) => `You are a contact of ${site}`,
    title: "You have been added as a site contact",
    lead: (inviter: string, site: string, edition: string) =>
      `${inviter} has registered ${site} for “${edition}” and added you as a contact: you will be able to publish visit slots and follow who is coming.`,
    howTo: "To open the factory area, sign in with this e-mail address: no password, you will receive a sign-in link.",
    link: "Sign in to the factory area",
    notYou: "If you do not know this site, please ignore this e-mail.",
    footer: (edition: string) => `${edition} · Automatic e-mail, please do not reply.`,
  },
} as const;

export function invitationEmail(
  to: { email: string; name: string | null; locale: string },
  facts: InvitationFacts,
  inviter: Inviter,
): OutgoingEmail {
  const lang = to.locale === "en" ? "en" : "fr";
  const m = MESSAGES[lang];
  const site = `${facts.siteName} (${facts.companyName}, ${facts.communeName})`;
  const who = inviter.name ? `${inviter.name} (${inviter.email})` : inviter.email;
  const url = signInToFactorySpaceUrl();
  const footer = m.footer(facts.editionName);
  const lead = m.lead(who, site, facts.editionName);
  const text = [m.greeting(to.name), "", lead, "", m.howTo, "", `${m.link}${m.colon.trimEnd()}`, url, "", m.notYou, "", "--", footer].join("\n");
  const body = html`<p>${m.greeting(to.name)}</p>
<p>${lead}</p>
<p>${m.howTo}</p>
<p><a href="${url}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${m.link}</a></p>
<p style="font-size:14px;color:#52525b">${m.notYou}</p>`;
  return {
    to: to.email,
    subject: m.subject(facts.siteName),
    text,
    html: emailLayout({ lang, title: m.title, body, footer }),
    template: "factory.contact_invited",
  };
}
