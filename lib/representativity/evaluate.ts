// The representativity rules, in one place: caps on approved factories per region, sector and size
// band; registration phases (UNDER_TARGET_ONLY); the edition's approval mode.
import type { ApprovalMode, SizeBand } from "@prisma/client";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockEditionQuotas } from "./lock";
import { quotaStanding } from "./standing";
import type { Dimension, ReasonCode, StatusReason } from "./reasons";

export interface RegistrationProfile {
  editionId: string;
  regionCode: string;
  sectorCode: string;
  sizeBand: SizeBand;
  now: Date;
}

/** Where one of the registration's dimension values stands (approved factories only). */
export interface DimensionStanding {
  dimension: Dimension;
  value: string;
  approved: number;
  cap: number | null;
  target: number | null;
  capReached: boolean; // cap set and approved >= cap: one more would exceed it
  underTarget: boolean; // target set and approved < target
}

export interface EvaluationDetails {
  approvalMode: ApprovalMode;
  standings: DimensionStanding[]; // REGION, SECTOR, SIZE, in that order
  phase: { id: string; name: string; startsAt: Date; endsAt: Date | null } | null; // the active UNDER_TARGET_ONLY phase
}

export type Evaluation =
  | { status: "APPROVED" | "PENDING"; reasonCode: "within_quotas"; statusReason: null; details: EvaluationDetails }
  | {
      status: "WAITLISTED";
      reasonCode: ReasonCode;
      statusReason: StatusReason; // code + params, stored in Factory.statusReasonData (reasonMessage renders it)
      details: EvaluationDetails;
    };

/**
 * Decides the status of a new registration. Takes the edition's quota lock itself (re-entrant), so
 * that the counts it reads stay true until the caller's transaction commits the factory: callers
 * must create the factory in the same transaction.
 *
 * 1. A cap reached on the region, sector or size band (in that order) → WAITLISTED with that reason.
 * 2. In an active UNDER_TARGET_ONLY phase (startsAt ≤ now < endsAt, or no end), at least one of the
 *    three must be under its target (approved < target) → else WAITLISTED.
 * 3. Otherwise APPROVED if the edition approves automatically, PENDING if an organiser reviews.
 */
export async function evaluateRegistration(tx: Tx, profile: RegistrationProfile): Promise<Evaluation> {
  await lockEditionQuotas(tx, profile.editionId);
  return evaluateUnderLock(tx, profile);
}

/** The same decision, for callers already holding the edition's quota lock. */
export async function evaluateUnderLock(tx: Tx, profile: RegistrationProfile): Promise<Evaluation> {
  const details = await readDetails(tx, profile);
  const { standings, phase } = details;
  const full = standings.find((s) => s.capReached);
  if (full) {
    return waitlisted({ code: "cap_reached", params: { dimension: full.dimension, value: full.value, cap: full.cap ?? 0 } }, details);
  }
  if (phase && !standings.some((s) => s.underTarget)) {
    const params = { phase: phase.name, regionCode: profile.regionCode, sectorCode: profile.sectorCode, sizeBand: profile.sizeBand };
    return waitlisted({ code: "phase_under_target_only", params }, details);
  }
  return { status: details.approvalMode === "AUTOMATIC" ? "APPROVED" : "PENDING", reasonCode: "within_quotas", statusReason: null, details };
}

function waitlisted(statusReason: StatusReason, details: EvaluationDetails): Evaluation {
  return { status: "WAITLISTED", reasonCode: statusReason.code, statusReason, details };
}

/** Approved counts of the profile's region, sector and size band, with their quotas. */
export async function dimensionStandings(tx: Tx, profile: Omit<RegistrationProfile, "now">): Promise<DimensionStanding[]> {
  return (await readDetails(tx, { ...profile, now: new Date() })).standings;
}

interface DetailsRow {
  approvalMode: ApprovalMode;
  phase: { id: string; name: string; startsAt: string; endsAt: string | null } | null;
  region: number;
  sector: number;
  size: number;
  quotas: { dimension: Dimension; value: string; cap: number | null; target: number | null }[] | null;
}

// Everything a decision reads, in one round trip (the lock is held meanwhile): the approval mode,
// the active phase, three index-backed counts of approved factories and the matching quotas.
async function readDetails(tx: Tx, profile: RegistrationProfile): Promise<EvaluationDetails> {
  const { editionId, regionCode, sectorCode, sizeBand, now } = profile;
  const [row] = await tx.$queryRaw<DetailsRow[]>`
    SELECT e."approvalMode",
      (SELECT json_build_object('id', p.id, 'name', p.name, 'startsAt', p."startsAt", 'endsAt', p."endsAt")
         FROM "RegistrationPhase" p
        WHERE p."editionId" = e.id AND p.rule = 'UNDER_TARGET_ONLY' AND p."startsAt" <= ${now}
          AND (p."endsAt" IS NULL OR p."endsAt" > ${now})
        ORDER BY p."startsAt" DESC LIMIT 1) AS phase,
      (SELECT count(*)::int FROM "Factory" f WHERE f."editionId" = e.id AND f.status = 'APPROVED' AND f."regionCode" = ${regionCode}) AS region,
      (SELECT count(*)::int FROM "Factory" f WHERE f."editionId" = e.id AND f.status = 'APPROVED' AND f."sectorCode" = ${sectorCode}) AS sector,
      (SELECT count(*)::int FROM "Factory" f WHERE f."editionId" = e.id AND f.status = 'APPROVED' AND f."sizeBand" = ${sizeBand}::"SizeBand") AS size,
      (SELECT json_agg(json_build_object('dimension', q.dimension, 'value', q.value, 'cap', q.cap, 'target', q.target))
         FROM "Quota" q
        WHERE q."editionId" = e.id
          AND ((q.dimension = 'REGION' AND q.value = ${regionCode})
            OR (q.dimension = 'SECTOR' AND q.value = ${sectorCode})
            OR (q.dimension = 'SIZE' AND q.value = ${sizeBand}))) AS quotas
    FROM "Edition" e
    WHERE e.id = ${editionId}`;
  if (!row) throw new AppError("edition.not_found", 404);
  const quotas = row.quotas ?? [];
  const standing = (dimension: Dimension, value: string, count: number): DimensionStanding => {
    const quota = quotas.find((q) => q.dimension === dimension && q.value === value);
    const cap = quota?.cap ?? null;
    const target = quota?.target ?? null;
    const { capReached, underTarget } = quotaStanding(count, cap, target);
    return { dimension, value, approved: count, cap, target, capReached, underTarget };
  };
  const phase = row.phase && {
    id: row.phase.id,
    name: row.phase.name,
    startsAt: new Date(row.phase.startsAt),
    endsAt: row.phase.endsAt === null ? null : new Date(row.phase.endsAt),
  };
  return {
    approvalMode: row.approvalMode,
    phase,
    standings: [standing("REGION", regionCode, row.region), standing("SECTOR", sectorCode, row.sector), standing("SIZE", sizeBand, row.size)],
  };
}
