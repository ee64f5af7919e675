import "server-only";
// Organisers decide on the coach requests (docs/decisions/0020-school-transport.md). Accepting spends
// part of the edition's budget: the sum of accepted costs is read and raised under a lock on the
// edition row, so two organisers accepting at once never spend more than the budget. Each decision
// is logged (audit) and e-mailed to the teacher (outbox), in the decision's transaction.
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
import { parseInput } from "@/lib/booking/errors";
import { mailBookingSelect } from "@/lib/booking/mail-data";
import { inTransaction } from "@/lib/booking/transaction";
import { now as clockNow } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { transportDecidedEmail } from "@/lib/email/templates/transport";
import { AppError, type ErrorParams } from "@/lib/errors";
import { writeAudit } from "@/lib/organiser/audit";
import { isOver } from "@/lib/organiser/editions";
import { unsealToken } from "@/lib/tokens";
import { acceptTransportInput, refuseTransportInput, type AcceptTransportInput, type RefuseTransportInput } from "./schemas";

const TRANSPORT_ERRORS = {
  "transport.not_found": 404,
  "transport.not_pending": 409, // already decided, or its booking was cancelled
  "transport.booking_not_confirmed": 409, // the class is still on the waiting list
  "transport.over_budget": 409,
  "transport.edition_over": 409, // a past edition is a record (decision 0016)
} as const;

function transportError(code: keyof typeof TRANSPORT_ERRORS, fields: Record<string, string> = {}, params: ErrorParams = {}) {
  return new AppError(code, TRANSPORT_ERRORS[code], fields, params);
}

/** What accepted requests of the edition spend (read under the edition's lock by whoever decides on it). */
export async function transportSpent(tx: Tx, editionId: string): Promise<number> {
  const { _sum } = await tx.transportRequest.aggregate({ where: { editionId, status: "ACCEPTED" }, _sum: { costEuros: true } });
  return _sum.costEuros ?? 0;
}

/**
 * Locks the edition row for the budget (FOR NO KEY UPDATE: it queues accepts and settings changes,
 * which lock it FOR UPDATE, but not the bookings being inserted, whose foreign-key checks only take
 * KEY SHARE) and returns the budget and what accepted requests already spend.
 */
async function lockBudget(tx: Tx, editionId: string): Promise<{ budget: number; spent: number }> {
  const [edition] = await tx.$queryRaw<{ budget: number }[]>`
    SELECT "transportBudgetEuros" AS budget FROM "Edition" WHERE id = ${editionId} FOR NO KEY UPDATE`;
  return { budget: edition.budget, spent: await transportSpent(tx, editionId) };
}

const decisionSelect = {
  id: true,
  editionId: true,
  status: true,
  pupils: true,
  departureCommuneName: true,
  edition: { select: { lastDay: true } },
  booking: { select: { status: true, manageTokenSealed: true, ...mailBookingSelect } },
} as const;

async function findRequest(id: string) {
  const request = await db.transportRequest.findUnique({ where: { id }, select: { editionId: true } });
  if (!request) throw transportError("transport.not_found");
  return request;
}

type Decided = { status: "ACCEPTED"; costEuros: number } | { status: "REFUSED"; refusalReason: string };

// Under the caller's locks: the request must still wait and its class hold its seats; then the
// status (conditional: a cancellation committed meanwhile wins), the audit entry and the e-mail.
async function decide(tx: Tx, actor: Actor, id: string, decided: Decided, now: Date) {
  const request = await tx.transportRequest.findUniqueOrThrow({ where: { id }, select: decisionSelect });
  if (request.status !== "REQUESTED") throw transportError("transport.not_pending");
  if (isOver(request.edition, now)) throw transportError("transport.edition_over");
  const { manageTokenSealed, status: bookingStatus, ...mail } = request.booking;
  if (bookingStatus !== "CONFIRMED") throw transportError("transport.booking_not_confirmed");
  const { count } = await tx.transportRequest.updateMany({
    where: { id, status: "REQUESTED" },
    data: { ...decided, decidedById: actor.id, decidedAt: now },
  });
  if (count !== 1) throw transportError("transport.not_pending");
  await writeAudit(tx, {
    actorId: actor.id,
    action: decided.status === "ACCEPTED" ? "transport.accepted" : "transport.refused",
    entityType: "TransportRequest",
    entityId: id,
    before: { status: "REQUESTED" },
    after: decided,
  });
  const refusalReason = decided.status === "REFUSED" ? decided.refusalReason : null;
  await enqueueEmail(tx, transportDecidedEmail(mail, { status: decided.status, pupils: request.pupils, departureCommuneName: request.departureCommuneName, refusalReason }, unsealToken(manageTokenSealed)));
}

/**
 * Accepts a request at its quoted cost (whole euros). Throws `transport.over_budget` (on costEuros,
 * with what is left) when accepted costs would exceed the edition's budget, `transport.not_pending`,
 * `transport.booking_not_confirmed`, `transport.edition_over`, `transport.not_found`, `validation.failed`.
 */
export async function acceptTransportRequest(actor: Actor, raw: AcceptTransportInput, now: Date = clockNow()): Promise<void> {
  assertOrganiser(actor);
  const input = parseInput(acceptTransportInput, raw);
  const { editionId } = await findRequest(input.requestId);
  await inTransaction(async (tx) => {
    const { budget, spent } = await lockBudget(tx, editionId);
    if (spent + input.costEuros > budget) {
      throw transportError("transport.over_budget", { costEuros: "transport.over_budget" }, { left: Math.max(0, budget - spent), budget });
    }
    await decide(tx, actor, input.requestId, { status: "ACCEPTED", costEuros: input.costEuros }, now);
  });
}

/** Refuses a request with a reason the teacher reads. Throws as acceptTransportRequest, without the budget. */
export async function refuseTransportRequest(actor: Actor, raw: RefuseTransportInput, now: Date = clockNow()): Promise<void> {
  assertOrganiser(actor);
  const input = parseInput(refuseTransportInput, raw);
  await findRequest(input.requestId);
  await inTransaction((tx) => decide(tx, actor, input.requestId, { status: "REFUSED", refusalReason: input.refusalReason }, now));
}
