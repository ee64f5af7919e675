import "server-only";
// The organisers' approval queue: pending and waitlisted factories with their reasons, and the
// one-click decisions on them — approve (within the caps), waitlist, reject — each with an optional
// comment, logged with before/after, and e-mailed to the factory's contacts through the outbox in the
// same transaction. Approving over a cap is an override: lib/representativity's overrideApproval.
//
// Approve lives here rather than in lib/representativity's approveFactory because the decision
// carries the organiser's comment (audit log reason + e-mail), which approveFactory does not take;
// it uses the same pieces (quota lock, dimensionStandings) so the cap rule stays in one place.
import type { FactoryStatus, Prisma } from "@prisma/client";
import { db, type Tx } from "@/lib/db";
import { emailLayout, html } from "@/lib/email/layout";
import { enqueueEmail, type OutgoingEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import {
  dimensionStandings,
  overrideApproval,
  quotaUsage,
  waitlistReasons,
  withQuotaLock,
  type DimensionStanding,
  type OverrideResult,
  type StatusReason,
} from "@/lib/representativity";
import { factorySpaceUrl, type FactoryMailFacts, type FactoryMailRecipient } from "@/lib/representativity/emails";
import { writeAudit } from "./audit";
import { assertOrganiser, OrganiserError, type Actor } from "./roles";
import type { Decision, ParsedDecision, QueueFilter } from "./schemas";

// ───────────────────────────── The queue ─────────────────────────────

export const QUEUE_PAGE_SIZE = 20;

const queueSelect = {
  id: true,
  siteName: true,
  companyName: true,
  siret: true,
  communeName: true,
  postalCode: true,
  departmentCode: true,
  regionCode: true,
  sectorCode: true,
  sizeBand: true,
  headcount: true,
  status: true,
  statusReason: true,
  registeredAt: true,
  arrival: true,
  contacts: { orderBy: { createdAt: "asc" }, select: { user: { select: { email: true } } } },
} satisfies Prisma.FactorySelect;

export interface CapHit {
  dimension: DimensionStanding["dimension"];
  value: string;
  cap: number;
  approved: number;
}

export interface QueueEntry {
  id: string;
  siteName: string;
  companyName: string;
  siret: string;
  communeName: string;
  postalCode: string;
  departmentCode: string;
  regionCode: string;
  sectorCode: string;
  sizeBand: string;
  headcount: number;
  status: FactoryStatus;
  statusReason: string | null;
  /** The waiting reason as data (to show it in English), when the log has it. */
  reason: StatusReason | null;
  registeredAt: Date;
  arrival: string;
  contacts: string[];
  /** Caps already reached by one of its region, sector, size: approving it would be an override. */
  capsReached: CapHit[];
}

function queueWhere(editionId: string, filter: QueueFilter): Prisma.FactoryWhereInput {
  return {
    editionId,
    status: filter.status === "TO_REVIEW" ? { in: ["PENDING", "WAITLISTED"] } : filter.status,
    ...(filter.region ? { regionCode: filter.region } : {}),
    ...(filter.sector ? { sectorCode: filter.sector } : {}),
    ...(filter.size ? { sizeBand: filter.size } : {}),
  };
}

/** One page of the queue, oldest registration first, with the counts by status for the whole edition. */
export async function listApprovalQueue(editionId: string, filter: QueueFilter, pageSize = QUEUE_PAGE_SIZE) {
  const where = queueWhere(editionId, filter);
  const [total, byStatus, usage] = await Promise.all([
    db.factory.count({ where }),
    db.factory.groupBy({ by: ["status"], where: { editionId }, _count: true }),
    quotaUsage(editionId),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await db.factory.findMany({ where, orderBy: { arrival: "asc" }, skip: (page - 1) * pageSize, take: pageSize, select: queueSelect });
  const reasons = await waitlistReasons(rows.filter((r) => r.status === "WAITLISTED").map((r) => r.id));
  const full = new Map(usage.filter((u) => u.capReached).map((u) => [`${u.dimension}.${u.value}`, u]));
  const entries: QueueEntry[] = rows.map((row) => {
    const capsReached: CapHit[] = [];
    for (const [dimension, value] of [
      ["REGION", row.regionCode],
      ["SECTOR", row.sectorCode],
      ["SIZE", row.sizeBand],
    ] as const) {
      const u = full.get(`${dimension}.${value}`);
      if (u && u.cap !== null) capsReached.push({ dimension, value, cap: u.cap, approved: u.approved });
    }
    return {
      ...row,
      arrival: row.arrival.toString(),
      contacts: row.contacts.map((c) => c.user.email),
      reason: reasons.get(row.id) ?? null,
      capsReached,
    };
  });
  const counts = Object.fromEntries(byStatus.map((s) => [s.status, s._count])) as Partial<Record<FactoryStatus, number>>;
  return { entries, total, page, pageCount, counts };
}

// ───────────────────────────── Decisions ─────────────────────────────

const decisionSelect = {
  id: true,
  editionId: true,
  status: true,
  statusReason: true,
  regionCode: true,
  sectorCode: true,
  sizeBand: true,
  siteName: true,
  companyName: true,
  communeName: true,
  edition: { select: { name: true } },
} satisfies Prisma.FactorySelect;
type DecisionFactory = Prisma.FactoryGetPayload<{ select: typeof decisionSelect }>;

// Which statuses each decision may start from. Un-approving is not a queue decision.
const FROM: Record<Decision, readonly FactoryStatus[]> = {
  APPROVE: ["PENDING", "WAITLISTED", "REJECTED"],
  WAITLIST: ["PENDING", "REJECTED"],
  REJECT: ["PENDING", "WAITLISTED"],
};
const TO: Record<Decision, FactoryStatus> = { APPROVE: "APPROVED", WAITLIST: "WAITLISTED", REJECT: "REJECTED" };
const ACTION: Record<Decision, string> = { APPROVE: "factory.approved", WAITLIST: "factory.waitlisted", REJECT: "factory.rejected" };

// Stored in Factory.statusReason (shown to the site) when the organiser waitlists without a comment.
export const DEFAULT_WAITLIST_REASON = "L'équipe d'organisation a placé cette inscription sur liste d'attente.";

function refuseFrom(factory: DecisionFactory, decision: Decision): never {
  if (factory.status === "APPROVED") throw new AppError("factory.already_approved", 409);
  if (factory.status === TO[decision]) throw new AppError(`factory.already_${TO[decision].toLowerCase()}`, 409);
  throw new AppError("decision.not_allowed", 409);
}

async function decide(tx: Tx, actor: Actor, factory: DecisionFactory, decision: Decision, comment: string | undefined, extra: Prisma.InputJsonObject = {}) {
  const status = TO[decision];
  const statusReason = decision === "APPROVE" ? null : decision === "WAITLIST" ? (comment ?? DEFAULT_WAITLIST_REASON) : (comment ?? null);
  // Conditional on the status read: a decision taken meanwhile (another organiser, the waiting-list
  // re-evaluation) wins, and this one reports it instead of overwriting it.
  const { count } = await tx.factory.updateMany({ where: { id: factory.id, status: factory.status }, data: { status, statusReason } });
  if (count === 0) throw new AppError("factory.changed", 409);
  await writeAudit(tx, {
    actorId: actor.id,
    action: ACTION[decision],
    entityType: "Factory",
    entityId: factory.id,
    before: { status: factory.status, statusReason: factory.statusReason },
    after: { status, statusReason, ...extra },
    reason: comment ?? null,
  });
  const contacts = await tx.factoryContact.findMany({
    where: { factoryId: factory.id },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true, name: true, locale: true } } },
  });
  const facts = { siteName: factory.siteName, companyName: factory.companyName, communeName: factory.communeName, editionName: factory.edition.name };
  for (const { user } of contacts) await enqueueEmail(tx, factoryDecisionEmail(user, facts, decision, comment));
}

/**
 * Approves, waitlists or rejects a factory (parsed with decisionInput). Approving checks the caps
 * under the edition's quota lock: one reached → `quota.cap_reached` (409, params: the dimension,
 * value and cap), and the organiser may override instead. Other refusals: `factory.not_found`,
 * `factory.already_approved|waitlisted|rejected`, `factory.changed` (decided meanwhile).
 */
export async function decideFactory(actor: Actor, input: ParsedDecision): Promise<{ status: FactoryStatus }> {
  assertOrganiser(actor);
  const found = await db.factory.findUnique({ where: { id: input.factoryId }, select: { editionId: true } });
  if (!found) throw new AppError("factory.not_found", 404);
  const run = async (tx: Tx) => {
    const factory = await tx.factory.findUnique({ where: { id: input.factoryId }, select: decisionSelect });
    if (!factory) throw new AppError("factory.not_found", 404);
    if (!FROM[input.decision].includes(factory.status)) refuseFrom(factory, input.decision);
    if (input.decision === "APPROVE") {
      const standings = await dimensionStandings(tx, factory);
      const full = standings.find((s) => s.capReached);
      if (full) throw new OrganiserError("quota.cap_reached", 409, { dimension: full.dimension, value: full.value, cap: full.cap ?? 0 });
      const snapshot = standings.map((s) => ({ dimension: s.dimension, value: s.value, approvedBefore: s.approved, cap: s.cap, target: s.target }));
      await decide(tx, actor, factory, "APPROVE", input.comment, { standings: snapshot });
    } else {
      await decide(tx, actor, factory, input.decision, input.comment);
    }
    return { status: TO[input.decision] };
  };
  // Approving changes an approved count: under the quota lock, like every such decision.
  return input.decision === "APPROVE" ? withQuotaLock(found.editionId, run) : db.$transaction(run);
}

/** Approval over a cap or phase rule, with its required reason: lib/representativity's overrideApproval (logged, e-mailed). */
export async function overrideFactoryApproval(actor: Actor, factoryId: string, reason: string): Promise<OverrideResult> {
  assertOrganiser(actor);
  return overrideApproval(factoryId, actor.id, reason);
}

// ───────────────────────────── E-mail ─────────────────────────────

const MESSAGES = {
  fr: {
    colon: " : ",
    greeting: (name?: string | null) => (name ? `Bonjour ${name},` : "Bonjour,"),
    footer: (edition: string) => `${edition} · E-mail automatique, merci de ne pas y répondre.`,
    site: (f: FactoryMailFacts) => `${f.siteName} (${f.companyName}, ${f.communeName})`,
    link: "Ouvrir mon espace usine",
    commentLabel: "Message de l'équipe d'organisation",
    APPROVE: {
      subject: "Inscription validée",
      title: "Votre site est inscrit",
      lead: (site: string, edition: string) =>
        `L'inscription de ${site} à l'édition « ${edition} » est validée. Vous pouvez publier vos créneaux de visite depuis votre espace usine.`,
    },
    WAITLIST: {
      subject: "Inscription sur liste d'attente",
      title: "Votre site est sur liste d'attente",
      lead: (site: string, edition: string) =>
        `L'équipe d'organisation a placé l'inscription de ${site} à l'édition « ${edition} » sur liste d'attente. Si une place se libère, les inscriptions en attente sont validées dans leur ordre d'arrivée : nous vous préviendrons par e-mail.`,
    },
    REJECT: {
      subject: "Inscription non retenue",
      title: "Votre inscription n'a pas été retenue",
      lead: (site: string, edition: string) => `L'inscription de ${site} à l'édition « ${edition} » n'a pas été retenue par l'équipe d'organisation.`,
    },
  },
  en: {
    colon: ": ",
    greeting: (name?: string | null) => (name ? `Hello ${name},` : "Hello,"),
    footer: (edition: string) => `${edition} · Automatic e-mail, please do not reply.`,
    site: (f: FactoryMailFacts) => `${f.siteName} (${f.companyName}, ${f.communeName})`,
    link: "Open my factory area",
    commentLabel: "Message from the organising team",
    APPROVE: {
      subject: "Registration approved",
      title: "Your site is registered",
      lead: (site: string, edition: string) =>
        `The registration of ${site} for “${edition}” is approved. You can publish your visit slots from your factory area.`,
    },
    WAITLIST: {
      subject: "Registration on the waiting list",
      title: "Your site is on the waiting list",
      lead: (site: string, edition: string) =>
        `The organising team has put the registration of ${site} for “${edition}” on the waiting list. If a place becomes free, waiting registrations are approved in order of arrival: we will let you know by e-mail.`,
    },
    REJECT: {
      subject: "Registration not accepted",
      title: "Your registration was not accepted",
      lead: (site: string, edition: string) => `The registration of ${site} for “${edition}” was not accepted by the organising team.`,
    },
  },
} as const;

/** To each contact of a factory an organiser has just decided on (in the recipient's language). */
export function factoryDecisionEmail(to: FactoryMailRecipient, facts: FactoryMailFacts, decision: Decision, comment?: string): OutgoingEmail {
  const lang = to.locale === "en" ? "en" : "fr";
  const m = MESSAGES[lang];
  const parts = m[decision];
  const lead = parts.lead(m.site(facts), facts.editionName);
  const footer = m.footer(facts.editionName);
  const url = factorySpaceUrl();
  const text = [
    m.greeting(to.name),
    "",
    lead,
    "",
    ...(comment ? [`${m.commentLabel}${m.colon}${comment}`, ""] : []),
    `${m.link}${m.colon.trimEnd()}`,
    url,
    "",
    "--",
    footer,
  ].join("\n");
  const body = html`<p>${m.greeting(to.name)}</p>
<p>${lead}</p>
${comment ? html`<p style="padding:12px 16px;background:#f1f5f9;border-radius:4px;white-space:pre-line"><strong>${m.commentLabel}${m.colon}</strong>${comment}</p>` : null}
<p><a href="${url}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${m.link}</a></p>`;
  return {
    to: to.email,
    subject: `${parts.subject}${m.colon}${facts.siteName}`,
    text,
    html: emailLayout({ lang, title: parts.title, body, footer }),
    template: `factory.decision.${TO[decision].toLowerCase()}`,
  };
}
