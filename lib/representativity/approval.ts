// Status changes after registration, for organisers: re-evaluating the waiting list (after a cap was
// raised, a target met, a phase ended), approving a registration within the caps (the approval
// queue's decision), and forcing an approval over a cap. All run under the edition's quota lock, are written to the audit
// log with before/after, and e-mail the factory's contacts in the same transaction. Nobody is ever
// un-approved here.
import { Prisma, type FactoryStatus } from "@prisma/client";
import { organiserById } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { enqueueEmail, type OutgoingEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import { dimensionStandings, evaluateUnderLock, type DimensionStanding } from "./evaluate";
import { factoryApprovedEmail, factoryDecisionEmail, type FactoryMailFacts, type FactoryMailRecipient } from "./emails";
import { withQuotaLock } from "./lock";
import type { StatusReason } from "./reasons";

/** What deciding on a factory reads: its status, what the caps count, what its e-mails name. */
export const factoryForApproval = {
  id: true,
  editionId: true,
  status: true,
  statusReasonData: true,
  statusComment: true,
  regionCode: true,
  sectorCode: true,
  sizeBand: true,
  siteName: true,
  companyName: true,
  communeName: true,
  arrival: true,
  edition: { select: { name: true } },
} satisfies Prisma.FactorySelect;

export type FactoryForApproval = Prisma.FactoryGetPayload<{ select: typeof factoryForApproval }>;


type ChangeEmail = (to: FactoryMailRecipient, facts: FactoryMailFacts) => OutgoingEmail;

/**
 * Moves a factory from the status it was read with to `to`, writes the audit log (before/after) and
 * e-mails every contact, all in the caller's transaction. The conditional UPDATE is the guard: a
 * factory decided meanwhile (another organiser, the waiting-list re-evaluation) is left alone and
 * false is returned.
 */
export async function changeFactoryStatus(
  tx: Tx,
  factory: FactoryForApproval,
  change: {
    to: FactoryStatus;
    /** Why it waits, as data (reasonMessage renders it); null unless WAITLISTED. */
    statusReasonData: StatusReason | null;
    /** The organiser's own words, shown as written. */
    statusComment: string | null;
    actorId: string;
    action: string;
    reason?: string;
    after?: Record<string, Prisma.InputJsonValue>;
    email: ChangeEmail;
  },
): Promise<boolean> {
  const { to: status, statusReasonData, statusComment } = change;
  const { count } = await tx.factory.updateMany({
    where: { id: factory.id, status: factory.status },
    data: { status, statusReasonData: statusReasonData ?? Prisma.DbNull, statusComment },
  });
  if (count === 0) return false;
  await tx.auditLog.create({
    data: {
      actorId: change.actorId,
      action: change.action,
      entityType: "Factory",
      entityId: factory.id,
      before: { status: factory.status, statusReasonData: factory.statusReasonData ?? null, statusComment: factory.statusComment },
      after: { status, statusReasonData, statusComment, ...change.after },
      reason: change.reason,
    },
  });
  const contacts = await tx.factoryContact.findMany({
    where: { factoryId: factory.id },
    select: { user: { select: { email: true, name: true, locale: true } } },
    orderBy: { createdAt: "asc" },
  });
  const facts = { siteName: factory.siteName, companyName: factory.companyName, communeName: factory.communeName, editionName: factory.edition.name };
  for (const { user } of contacts) await enqueueEmail(tx, change.email(user, facts));
  return true;
}

type ApprovalAudit = { actorId: string; action: string; reason?: string; after?: Record<string, Prisma.InputJsonValue> };
const approve = (tx: Tx, factory: FactoryForApproval, audit: ApprovalAudit, email: ChangeEmail = factoryApprovedEmail) =>
  changeFactoryStatus(tx, factory, { to: "APPROVED", statusReasonData: null, statusComment: null, ...audit, email });

export interface ReevaluationResult {
  approved: { factoryId: string; arrival: bigint }[];
  stillWaitlisted: number;
}

/**
 * "Approve those who now fit": waitlisted factories of the edition, in arrival order, each judged by
 * the registration rules (caps, active phase) against the counts as they grow; one that does not fit
 * is skipped and the next ones are still considered. Approved whatever the edition's approval mode:
 * the organiser running this is the review. One transaction under the quota lock, so registrations
 * arriving meanwhile are decided before or after it, never in between.
 */
export async function reevaluateWaitlisted(editionId: string, actorId: string, options: { now?: Date } = {}): Promise<ReevaluationResult> {
  await organiserById(actorId);
  const now = options.now ?? new Date();
  return withQuotaLock(editionId, (tx) => reevaluateWaitlistedUnderLock(tx, editionId, actorId, now));
}

/** The same, inside a caller's transaction that holds the quota lock (e.g. right after raising a cap). */
export async function reevaluateWaitlistedUnderLock(tx: Tx, editionId: string, actorId: string, now: Date): Promise<ReevaluationResult> {
  const waiting = await tx.factory.findMany({
    where: { editionId, status: "WAITLISTED" },
    orderBy: { arrival: "asc" },
    select: factoryForApproval,
  });
  const approved: ReevaluationResult["approved"] = [];
  for (const factory of waiting) {
    const evaluation = await evaluateUnderLock(tx, {
      editionId,
      regionCode: factory.regionCode,
      sectorCode: factory.sectorCode,
      sizeBand: factory.sizeBand,
      now,
    });
    if (evaluation.status === "WAITLISTED") continue;
    if (await approve(tx, factory, { actorId, action: "factory.waitlist_approved", after: { standings: standingsJson(evaluation.details.standings) } })) {
      approved.push({ factoryId: factory.id, arrival: factory.arrival });
    }
  }
  return { approved, stillWaitlisted: waiting.length - approved.length };
}

async function factoryOrThrow(factoryId: string): Promise<FactoryForApproval> {
  const factory = await db.factory.findUnique({ where: { id: factoryId }, select: factoryForApproval });
  if (!factory) throw new AppError("factory.not_found", 404);
  return factory;
}

// Read again under the lock: the status may have changed since the caller looked.
async function lockedFactory(tx: Tx, factoryId: string): Promise<FactoryForApproval> {
  const factory = await tx.factory.findUnique({ where: { id: factoryId }, select: factoryForApproval });
  if (!factory) throw new AppError("factory.not_found", 404);
  if (factory.status === "APPROVED") throw new AppError("factory.already_approved", 409);
  return factory;
}

/**
 * An organiser approves a pending (or waitlisted, or rejected) registration within the caps, with an
 * optional comment (audit log reason, and the contacts' e-mail). A cap reached → `quota.cap_reached`
 * (409, params: dimension, value, cap); the organiser may then override. Phases do not apply: they
 * filter registrations, not the organiser's review. Refusals: `factory.not_found`,
 * `factory.already_approved`, `factory.changed` (decided meanwhile).
 */
export async function approveFactory(factoryId: string, actorId: string, comment?: string): Promise<void> {
  await organiserById(actorId);
  const { editionId } = await factoryOrThrow(factoryId);
  await withQuotaLock(editionId, async (tx) => {
    const factory = await lockedFactory(tx, factoryId);
    const standings = await dimensionStandings(tx, factory);
    const full = standings.find((s) => s.capReached);
    if (full) throw new AppError("quota.cap_reached", 409, {}, { dimension: full.dimension, value: full.value, cap: full.cap ?? 0 });
    const approved = await approve(
      tx,
      factory,
      { actorId, action: "factory.approved", reason: comment, after: { standings: standingsJson(standings) } },
      (to, facts) => factoryDecisionEmail(to, facts, "APPROVED", comment),
    );
    // Waitlisted or rejected meanwhile (those decisions do not take the quota lock): that one wins.
    if (!approved) throw new AppError("factory.changed", 409);
  });
}

export interface OverrideResult {
  factoryId: string;
  before: { status: string; statusReasonData: Prisma.JsonValue; statusComment: string | null };
  exceededCaps: DimensionStanding[]; // caps this approval goes beyond (may be empty)
}

/**
 * An organiser forces a registration to APPROVED, over any cap or phase rule. The reason is
 * required; the audit log keeps before/after, the reason and the caps exceeded (invariant 3: a count
 * above its cap is always explained by an override in the log).
 */
export async function overrideApproval(factoryId: string, actorId: string, reason: string): Promise<OverrideResult> {
  const why = reason.trim();
  if (!why) throw new AppError("override.reason_required", 422, { reason: "reason.required" });
  if (why.length > 1000) throw new AppError("override.reason_too_long", 422, { reason: "reason.too_long" });
  await organiserById(actorId);
  const { editionId } = await factoryOrThrow(factoryId);
  return withQuotaLock(editionId, async (tx) => {
    const factory = await lockedFactory(tx, factoryId);
    const standings = await dimensionStandings(tx, factory);
    const exceededCaps = standings.filter((s) => s.capReached);
    await approve(tx, factory, {
      actorId,
      action: "factory.approval_overridden",
      reason: why,
      after: { override: true, standings: standingsJson(standings), exceededCaps: exceededCaps.map((s) => `${s.dimension}:${s.value}`) },
    });
    return { factoryId, before: { status: factory.status, statusReasonData: factory.statusReasonData, statusComment: factory.statusComment }, exceededCaps };
  });
}

/** Counts before the change, for the audit log. */
export const standingsJson = (standings: DimensionStanding[]): Prisma.InputJsonValue =>
  standings.map((s) => ({ dimension: s.dimension, value: s.value, approvedBefore: s.approved, cap: s.cap, target: s.target }));
