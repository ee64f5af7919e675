import "server-only";
// The organisers' approval queue: pending and waitlisted factories with their reasons, and the
// one-click decisions on them — approve (within the caps), waitlist, reject — each with an optional
// comment, logged with before/after, and e-mailed to the factory's contacts through the outbox in the
// same transaction. Approving over a cap is an override: lib/representativity's overrideApproval.
//
// Approve lives here rather than in lib/representativity's approveFactory because the decision
// carries the organiser's comment (audit log reason + e-mail), which approveFactory does not take;
// it uses the same pieces (quota lock, dimensionStandings, changeFactoryStatus, the factory e-mails)
// so the cap rule and the status change stay in one place.
import type { FactoryStatus, Prisma } from "@prisma/client";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  changeFactoryStatus,
  dimensionStandings,
  factoryDecisionEmail,
  factoryForApproval,
  overrideApproval,
  quotaUsage,
  standingsJson,
  waitlistReasons,
  withQuotaLock,
  type DimensionStanding,
  type FactoryForApproval,
  type OverrideResult,
  type StatusReason,
} from "@/lib/representativity";
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

// Which statuses each decision may start from. Un-approving is not a queue decision.
const FROM: Record<Decision, readonly FactoryStatus[]> = {
  APPROVE: ["PENDING", "WAITLISTED", "REJECTED"],
  WAITLIST: ["PENDING", "REJECTED"],
  REJECT: ["PENDING", "WAITLISTED"],
};
const TO = { APPROVE: "APPROVED", WAITLIST: "WAITLISTED", REJECT: "REJECTED" } as const satisfies Record<Decision, FactoryStatus>;
const ACTION: Record<Decision, string> = { APPROVE: "factory.approved", WAITLIST: "factory.waitlisted", REJECT: "factory.rejected" };

// Stored in Factory.statusReason (shown to the site) when the organiser waitlists without a comment.
export const DEFAULT_WAITLIST_REASON = "L'équipe d'organisation a placé cette inscription sur liste d'attente.";

function refuseFrom(factory: FactoryForApproval, decision: Decision): never {
  if (factory.status === "APPROVED") throw new AppError("factory.already_approved", 409);
  if (factory.status === TO[decision]) throw new AppError(`factory.already_${TO[decision].toLowerCase()}`, 409);
  throw new AppError("decision.not_allowed", 409);
}

async function decide(tx: Tx, actor: Actor, factory: FactoryForApproval, decision: Decision, comment: string | undefined, extra: Record<string, Prisma.InputJsonValue> = {}) {
  const to = TO[decision];
  const changed = await changeFactoryStatus(tx, factory, {
    to,
    statusReason: decision === "APPROVE" ? null : decision === "WAITLIST" ? (comment ?? DEFAULT_WAITLIST_REASON) : (comment ?? null),
    actorId: actor.id,
    action: ACTION[decision],
    reason: comment,
    after: extra,
    email: (user, facts) => factoryDecisionEmail(user, facts, to, comment),
  });
  // A decision taken meanwhile (another organiser, the waiting-list re-evaluation) wins, and this
  // one reports it instead of overwriting it.
  if (!changed) throw new AppError("factory.changed", 409);
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
    const factory = await tx.factory.findUnique({ where: { id: input.factoryId }, select: factoryForApproval });
    if (!factory) throw new AppError("factory.not_found", 404);
    if (!FROM[input.decision].includes(factory.status)) refuseFrom(factory, input.decision);
    if (input.decision === "APPROVE") {
      const standings = await dimensionStandings(tx, factory);
      const full = standings.find((s) => s.capReached);
      if (full) throw new OrganiserError("quota.cap_reached", 409, { dimension: full.dimension, value: full.value, cap: full.cap ?? 0 });
      await decide(tx, actor, factory, "APPROVE", input.comment, { standings: standingsJson(standings) });
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
