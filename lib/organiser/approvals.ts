import "server-only";
// The organisers' approval queue: pending and waitlisted factories with their reasons, and the
// one-click decisions on them — approve (within the caps), waitlist, reject — each with an optional
// comment, logged with before/after, and e-mailed to the factory's contacts through the outbox in the
// same transaction. Approving is lib/representativity's approveFactory (quota lock, caps); approving
// over a cap is an override: its overrideApproval.
import type { FactoryStatus, Prisma } from "@prisma/client";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  approveFactory,
  changeFactoryStatus,
  factoryDecisionEmail,
  factoryForApproval,
  overrideApproval,
  quotaUsage,
  type DimensionStanding,
  type FactoryForApproval,
  type OverrideResult,
} from "@/lib/representativity";
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
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
  statusReasonData: true,
  statusComment: true,
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
  /** Why it waits, as data: render with statusNote() in the reader's language. */
  statusReasonData: Prisma.JsonValue;
  statusComment: string | null;
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

function refuseFrom(factory: FactoryForApproval, decision: Decision): never {
  if (factory.status === "APPROVED") throw new AppError("factory.already_approved", 409);
  if (factory.status === TO[decision]) throw new AppError(`factory.already_${TO[decision].toLowerCase()}`, 409);
  throw new AppError("decision.not_allowed", 409);
}

async function decide(tx: Tx, actor: Actor, factory: FactoryForApproval, decision: "WAITLIST" | "REJECT", comment: string | undefined) {
  const to = TO[decision];
  const changed = await changeFactoryStatus(tx, factory, {
    to,
    // The site sees why it waits (in its language) and the organiser's words, if any.
    statusReasonData: decision === "WAITLIST" ? { code: "organiser_waitlist" } : null,
    statusComment: comment ?? null,
    actorId: actor.id,
    action: ACTION[decision],
    reason: comment,
    email: (user, facts) => factoryDecisionEmail(user, facts, to, comment),
  });
  // A decision taken meanwhile (another organiser, the waiting-list re-evaluation) wins, and this
  // one reports it instead of overwriting it.
  if (!changed) throw new AppError("factory.changed", 409);
}

/**
 * Approves, waitlists or rejects a factory (parsed with decisionInput). Approving is approveFactory:
 * the caps are checked under the edition's quota lock, one reached → `quota.cap_reached` (409, params:
 * the dimension, value and cap), and the organiser may override instead. Other refusals:
 * `factory.not_found`, `factory.already_approved|waitlisted|rejected`, `factory.changed` (decided meanwhile).
 */
export async function decideFactory(actor: Actor, input: ParsedDecision): Promise<{ status: FactoryStatus }> {
  assertOrganiser(actor);
  const { decision } = input;
  if (decision === "APPROVE") {
    await approveFactory(input.factoryId, actor.id, input.comment);
    return { status: TO.APPROVE };
  }
  await db.$transaction(async (tx) => {
    const factory = await tx.factory.findUnique({ where: { id: input.factoryId }, select: factoryForApproval });
    if (!factory) throw new AppError("factory.not_found", 404);
    if (!FROM[decision].includes(factory.status)) refuseFrom(factory, decision);
    await decide(tx, actor, factory, decision, input.comment);
  });
  return { status: TO[decision] };
}

export interface BulkApprovalResult {
  approved: { id: string; siteName: string }[];
  /** Left as they were, with the refusal's code and params (e.g. `quota.cap_reached`, `factory.changed`). */
  refused: { id: string; siteName: string | null; code: string; params: Record<string, string | number> }[];
}

/**
 * "Valider la sélection": the sites are approved one by one, in arrival order (the earlier
 * registration gets the last place under a cap), each through approveFactory — its own transaction
 * under the quota lock, caps checked as the counts grow. Per site, not all or nothing: a site that no
 * longer fits a cap (or was decided meanwhile) stays as it was and is reported with the reason, the
 * others are approved. An unexpected error stops the batch (those already approved stay approved).
 */
export async function approveFactories(actor: Actor, factoryIds: string[]): Promise<BulkApprovalResult> {
  assertOrganiser(actor);
  const sites = await db.factory.findMany({ where: { id: { in: factoryIds } }, orderBy: { arrival: "asc" }, select: { id: true, siteName: true } });
  const found = new Set(sites.map((site) => site.id));
  const result: BulkApprovalResult = {
    approved: [],
    refused: factoryIds.filter((id) => !found.has(id)).map((id) => ({ id, siteName: null, code: "factory.not_found", params: {} })),
  };
  for (const site of sites) {
    try {
      await approveFactory(site.id, actor.id);
      result.approved.push(site);
    } catch (error) {
      // A refusal about this site is reported with it; losing the organiser role, or anything else, stops here.
      if (!(error instanceof AppError) || error.code.startsWith("auth.")) throw error;
      result.refused.push({ ...site, code: error.code, params: error.params });
    }
  }
  return result;
}

/** Approval over a cap or phase rule, with its required reason: lib/representativity's overrideApproval (logged, e-mailed). */
export async function overrideFactoryApproval(actor: Actor, factoryId: string, reason: string): Promise<OverrideResult> {
  assertOrganiser(actor);
  return overrideApproval(factoryId, actor.id, reason);
}
