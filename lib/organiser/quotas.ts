import "server-only";
// The representativity configuration as organisers edit it: caps and targets per region, sector and
// size band (bulk table and CSV round trip), registration phases, and "approve the waiting sites that
// now fit". The rules that use them live in lib/representativity; this module only writes them,
// under the edition's quota lock, and logs every change with before/after.
//
// Changing a cap never un-approves anyone: a cap lowered below the approved count only stops new
// approvals (quotaUsage shows it as over cap).
import Papa from "papaparse";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { quotaUsage, reevaluateWaitlistedUnderLock, withQuotaLock, type ReevaluationResult } from "@/lib/representativity";
import { dimensionValueLabel } from "@/lib/representativity/reasons";
import { quotaStanding } from "@/lib/representativity/standing";
import { writeAudit, type Json } from "./audit";
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
import {
  CSV_MAX_BYTES,
  DIMENSIONS,
  dimensionValues,
  isDimension,
  normaliseDimensionValue,
  quotaCell,
  quotaField,
  type CsvRowError,
  type Dimension,
  type ParsedAddPhase,
  type QuotaChange,
} from "./schemas";

// ───────────────────────────── Reading ─────────────────────────────

export interface QuotaTableRow {
  dimension: Dimension;
  value: string;
  label: { fr: string; en: string };
  cap: number | null;
  target: number | null;
  approved: number;
  pending: number;
  waitlisted: number;
  overCap: boolean;
  underTarget: boolean;
}

/** Every value of every dimension (all 18 regions, every industrial sector, the 4 size bands) with its quota and counts. */
export async function quotaTable(editionId: string): Promise<QuotaTableRow[]> {
  const usage = await quotaUsage(editionId);
  const byKey = new Map(usage.map((u) => [`${u.dimension}.${u.value}`, u]));
  return DIMENSIONS.flatMap((dimension) =>
    dimensionValues(dimension).map((value) => {
      const u = byKey.get(`${dimension}.${value}`);
      const cap = u?.cap ?? null;
      const target = u?.target ?? null;
      const approved = u?.approved ?? 0;
      const { overCap, underTarget } = quotaStanding(approved, cap, target);
      return {
        dimension,
        value,
        label: { fr: dimensionValueLabel(dimension, value, "fr"), en: dimensionValueLabel(dimension, value, "en") },
        cap,
        target,
        approved,
        pending: u?.pending ?? 0,
        waitlisted: u?.waitlisted ?? 0,
        overCap,
        underTarget,
      };
    }),
  );
}

// ───────────────────────────── Writing ─────────────────────────────

export interface SaveQuotasResult {
  changed: number; // quota cells that changed
  reevaluation: ReevaluationResult | null; // when approveWaitlisted was asked
}

async function editionExists(tx: Tx, editionId: string) {
  const edition = await tx.edition.findUnique({ where: { id: editionId }, select: { id: true } });
  if (!edition) throw new AppError("edition.not_found", 404);
}

/**
 * Applies quota changes (undefined cap/target: unchanged; null: none) in one transaction under the
 * edition's quota lock, and logs one entry with the cells that changed (`REGION.84.cap`: before →
 * after). With `approveWaitlisted`, the waiting list is re-evaluated in the same transaction, so the
 * places a raised cap opens go to waiting sites in arrival order before any new registration.
 * A target above its cap → `quota.target_above_cap`; nothing is written.
 */
export async function saveQuotas(
  actor: Actor,
  editionId: string,
  changes: readonly QuotaChange[],
  options: { source: "table" | "csv"; approveWaitlisted?: boolean; now?: Date },
): Promise<SaveQuotasResult> {
  assertOrganiser(actor);
  const now = options.now ?? new Date();
  return withQuotaLock(editionId, async (tx) => {
    await editionExists(tx, editionId);
    const existing = await tx.quota.findMany({ where: { editionId } });
    const byKey = new Map(existing.map((q) => [`${q.dimension}.${q.value}`, q]));
    const before: Record<string, number | null> = {};
    const after: Record<string, number | null> = {};
    for (const change of changes) {
      const old = byKey.get(`${change.dimension}.${change.value}`);
      const oldCap = old?.cap ?? null;
      const oldTarget = old?.target ?? null;
      const cap = change.cap === undefined ? oldCap : change.cap;
      const target = change.target === undefined ? oldTarget : change.target;
      if (cap === oldCap && target === oldTarget) continue;
      if (cap !== null && target !== null && target > cap) {
        const field = quotaField(change.dimension, change.value, "target");
        throw new AppError("quota.target_above_cap", 422, { [field]: "target.above_cap" }, { label: dimensionValueLabel(change.dimension, change.value) });
      }
      if (cap === null && target === null) {
        if (old) await tx.quota.delete({ where: { id: old.id } });
      } else {
        await tx.quota.upsert({
          where: { editionId_dimension_value: { editionId, dimension: change.dimension, value: change.value } },
          create: { editionId, dimension: change.dimension, value: change.value, cap, target },
          update: { cap, target },
        });
      }
      if (cap !== oldCap) {
        before[quotaField(change.dimension, change.value, "cap")] = oldCap;
        after[quotaField(change.dimension, change.value, "cap")] = cap;
      }
      if (target !== oldTarget) {
        before[quotaField(change.dimension, change.value, "target")] = oldTarget;
        after[quotaField(change.dimension, change.value, "target")] = target;
      }
    }
    const changed = Object.keys(after).length;
    if (changed > 0) {
      await writeAudit(tx, {
        actorId: actor.id,
        action: options.source === "csv" ? "quotas.imported" : "quotas.updated",
        entityType: "Edition",
        entityId: editionId,
        before,
        after,
      });
    }
    const reevaluation = options.approveWaitlisted ? await reevaluateAndLog(tx, actor, editionId, now) : null;
    return { changed, reevaluation };
  });
}

async function reevaluateAndLog(tx: Tx, actor: Actor, editionId: string, now: Date): Promise<ReevaluationResult> {
  // Each approval is logged (and e-mailed) by lib/representativity; this entry sums the run up.
  const result = await reevaluateWaitlistedUnderLock(tx, editionId, actor.id, now);
  await writeAudit(tx, {
    actorId: actor.id,
    action: "waitlist.reevaluated",
    entityType: "Edition",
    entityId: editionId,
    before: { waitlisted: result.approved.length + result.stillWaitlisted },
    after: { waitlisted: result.stillWaitlisted, approved: result.approved.length },
  });
  return result;
}

/**
 * "Approve the waiting sites that now fit the quotas": lib/representativity's re-evaluation (arrival
 * order, the registration rules, one transaction under the quota lock), plus a summary entry in the log.
 */
export async function reevaluateWaitlist(actor: Actor, editionId: string, now: Date = new Date()): Promise<ReevaluationResult> {
  assertOrganiser(actor);
  return withQuotaLock(editionId, async (tx) => {
    await editionExists(tx, editionId);
    return reevaluateAndLog(tx, actor, editionId, now);
  });
}

// ───────────────────────────── CSV ─────────────────────────────

export const CSV_COLUMNS = ["dimension", "value", "label", "cap", "target"] as const;
const REQUIRED_COLUMNS = ["dimension", "value", "cap", "target"] as const;

/** Every dimension value with its French label and quota, `;`-separated with a BOM (opens as is in French Excel). */
export async function quotaCsv(editionId: string): Promise<string> {
  const quotas = await db.quota.findMany({ where: { editionId }, select: { dimension: true, value: true, cap: true, target: true } });
  const byKey = new Map(quotas.map((q) => [`${q.dimension}.${q.value}`, q]));
  const data = DIMENSIONS.flatMap((dimension) =>
    dimensionValues(dimension).map((value) => {
      const q = byKey.get(`${dimension}.${value}`);
      return [dimension, value, dimensionValueLabel(dimension, value, "fr"), q?.cap ?? "", q?.target ?? ""];
    }),
  );
  return `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data }, { delimiter: ";", newline: "\r\n" })}\r\n`;
}

export type ParsedQuotaCsv = { ok: true; changes: QuotaChange[] } | { ok: false; formError: string; params?: Record<string, string | number>; rowErrors: CsvRowError[] };

const MAX_ROW_ERRORS = 100;

/**
 * Reads a quota CSV (columns dimension;value;label;cap;target — `;`, `,` or tab separated, header
 * names in any case, label ignored) and checks every row: a known dimension, one of its values
 * (leading zeros restored), cap and target empty or whole numbers, target not above cap, each value
 * once. Any error → every error, with its line; nothing is applied.
 */
export function parseQuotaCsv(text: string): ParsedQuotaCsv {
  const source = text.replace(/^\uFEFF/, "");
  // Each row with the line it starts on, as a spreadsheet numbers them (header = 1).
  const rows: { cells: string[]; line: number; malformed: boolean }[] = [];
  let cursor = 0;
  let line = 1;
  Papa.parse<string[]>(source, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [";", ",", "\t"],
    step: (result) => {
      let start = cursor;
      while (start < source.length && /\s/.test(source[start])) start++;
      line += (source.slice(cursor, start).match(/\r\n|\n|\r/g) ?? []).length;
      rows.push({ cells: result.data, line, malformed: result.errors.length > 0 });
      line += (source.slice(start, result.meta.cursor).match(/\r\n|\n|\r/g) ?? []).length;
      cursor = result.meta.cursor;
    },
  });
  const [header, ...data] = rows;
  if (!header) return { ok: false, formError: "csv.empty", rowErrors: [] };
  const columns = header.cells.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, formError: "csv.columns_missing", params: { columns: missing.join(", ") }, rowErrors: [] };
  if (data.length === 0) return { ok: false, formError: "csv.empty", rowErrors: [] };
  const width = Math.max(...REQUIRED_COLUMNS.map((c) => columns.indexOf(c))) + 1;

  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  const changes: QuotaChange[] = [];
  for (const { cells, line, malformed } of data) {
    // A short row would read as empty cap and target, i.e. "remove the quota": refused instead.
    if (malformed || cells.length < width) {
      errors.push({ line, code: "row.malformed" });
      continue;
    }
    const at = (column: (typeof REQUIRED_COLUMNS)[number]) => (cells[columns.indexOf(column)] ?? "").trim();
    const rowErrors: CsvRowError[] = [];
    let dimension: Dimension | null = null;
    let value: string | null = null;
    const dimensionRaw = at("dimension").toUpperCase();
    if (!isDimension(dimensionRaw)) {
      rowErrors.push({ line, column: "dimension", code: "dimension.invalid", params: { value: at("dimension") } });
    } else {
      dimension = dimensionRaw;
      value = normaliseDimensionValue(dimension, at("value"));
      if (!value) rowErrors.push({ line, column: "value", code: `value.invalid_${dimension.toLowerCase()}`, params: { value: at("value") } });
    }
    const cap = quotaCell("cap").safeParse(at("cap"));
    const target = quotaCell("target").safeParse(at("target"));
    if (!cap.success) rowErrors.push({ line, column: "cap", code: cap.error.issues[0].message, params: { value: at("cap") } });
    if (!target.success) rowErrors.push({ line, column: "target", code: target.error.issues[0].message, params: { value: at("target") } });
    if (cap.success && target.success && typeof cap.data === "number" && typeof target.data === "number" && target.data > cap.data) {
      rowErrors.push({ line, column: "target", code: "target.above_cap", params: { value: target.data, cap: cap.data } });
    }
    if (dimension && value) {
      const first = seen.get(`${dimension}.${value}`);
      if (first !== undefined) rowErrors.push({ line, column: "value", code: "row.duplicate", params: { value, first } });
      else seen.set(`${dimension}.${value}`, line);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (dimension && value && cap.success && target.success) {
      changes.push({ dimension, value, cap: cap.data ?? null, target: target.data ?? null });
    }
  }
  if (errors.length) {
    return { ok: false, formError: "csv.invalid_rows", params: { count: errors.length }, rowErrors: errors.slice(0, MAX_ROW_ERRORS) };
  }
  return { ok: true, changes };
}

/**
 * Imports a quota CSV all-or-nothing: every row is checked first; then the changes are applied in one
 * transaction (saveQuotas). Values absent from the file keep their quota; an empty cap or target
 * removes it.
 */
export async function importQuotaCsv(
  actor: Actor,
  editionId: string,
  text: string,
  options: { approveWaitlisted?: boolean; now?: Date } = {},
): Promise<({ ok: true } & SaveQuotasResult) | Extract<ParsedQuotaCsv, { ok: false }>> {
  assertOrganiser(actor);
  if (Buffer.byteLength(text, "utf8") > CSV_MAX_BYTES) return { ok: false, formError: "csv.too_large", params: { max: Math.round(CSV_MAX_BYTES / 1000) }, rowErrors: [] };
  const parsed = parseQuotaCsv(text);
  if (!parsed.ok) return parsed;
  const result = await saveQuotas(actor, editionId, parsed.changes, { source: "csv", approveWaitlisted: options.approveWaitlisted, now: options.now });
  return { ok: true, ...result };
}

// ───────────────────────────── Phases ─────────────────────────────

export async function listPhases(editionId: string) {
  return db.registrationPhase.findMany({ where: { editionId }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] });
}

const phaseSnapshot = (phase: { name: string; startsAt: Date; endsAt: Date | null; rule: string }): Json => ({
  name: phase.name,
  startsAt: phase.startsAt.toISOString(),
  endsAt: phase.endsAt?.toISOString() ?? null,
  rule: phase.rule,
});

/** Opens a registration phase (parsed with addPhaseInput); logged. */
export async function addPhase(actor: Actor, input: ParsedAddPhase): Promise<{ id: string }> {
  assertOrganiser(actor);
  return db.$transaction(async (tx) => {
    await editionExists(tx, input.editionId);
    const phase = await tx.registrationPhase.create({
      data: { editionId: input.editionId, name: input.name, startsAt: input.startsAt, endsAt: input.endsAt ?? null, rule: input.rule },
    });
    await writeAudit(tx, { actorId: actor.id, action: "phase.created", entityType: "RegistrationPhase", entityId: phase.id, after: phaseSnapshot(phase) });
    return { id: phase.id };
  });
}

/** Removes a phase of the edition (scoped by edition: another edition's phase is "not found"); logged. */
export async function removePhase(actor: Actor, editionId: string, phaseId: string): Promise<void> {
  assertOrganiser(actor);
  await db.$transaction(async (tx) => {
    const phase = await tx.registrationPhase.findFirst({ where: { id: phaseId, editionId } });
    if (!phase) throw new AppError("phase.not_found", 404);
    const { count } = await tx.registrationPhase.deleteMany({ where: { id: phaseId, editionId } });
    if (count === 0) throw new AppError("phase.not_found", 404);
    await writeAudit(tx, { actorId: actor.id, action: "phase.deleted", entityType: "RegistrationPhase", entityId: phase.id, before: phaseSnapshot(phase) });
  });
}
