import "server-only";
// The audit log: written by every organiser action (in the transaction of the change it records),
// read by the journal page with filters, pages, and a readable diff of before/after.
import { Prisma } from "@prisma/client";
import { db, type Tx } from "@/lib/db";
import { parisDayRange } from "@/lib/paris-time";
import type { AuditFilter } from "./schemas";

export type Json = Prisma.InputJsonValue;

export interface AuditEntryInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Json | null;
  after?: Json | null;
  reason?: string | null;
}

/** Writes one entry in the caller's transaction: it exists if and only if the change was committed. */
export async function writeAudit(tx: Tx, entry: AuditEntryInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      reason: entry.reason ?? null,
    },
  });
}

// ───────────────────────────── Readable diff ─────────────────────────────

export type DiffKind = "added" | "removed" | "changed";
export interface DiffLine {
  key: string;
  kind: DiffKind;
  before: unknown;
  after: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Objects that are one value (a waiting reason: code + params, rendered as one sentence).
const WHOLE_VALUES = new Set(["statusReasonData"]);

// Nested objects become dotted keys (two levels deep); arrays, deeper objects and WHOLE_VALUES stay whole.
function flatten(value: unknown, prefix = "", depth = 0, out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isPlainObject(value) && depth < 3 && !WHOLE_VALUES.has(prefix)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, depth + 1, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed between two audit snapshots, key by key, in the order keys first appear: added (only
 * after), removed (only before), changed. Keys whose value is the same on both sides are left out.
 */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  const lines: DiffLine[] = [];
  for (const key of keys) {
    const inBefore = b.has(key);
    const inAfter = a.has(key);
    if (inBefore && inAfter && same(b.get(key), a.get(key))) continue;
    lines.push({
      key,
      kind: inBefore && inAfter ? "changed" : inAfter ? "added" : "removed",
      before: inBefore ? b.get(key) : undefined,
      after: inAfter ? a.get(key) : undefined,
    });
  }
  return lines;
}

// ───────────────────────────── Journal ─────────────────────────────

export const AUDIT_PAGE_SIZE = 25;

export interface AuditEntryView {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  entityLabel: string | null;
  reason: string | null;
  diff: DiffLine[];
}

function auditWhere(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput = {};
  if (filter.action) where.action = filter.action;
  if (filter.entityType) where.entityType = filter.entityType;
  if (filter.actor) where.actor = { email: { contains: filter.actor, mode: "insensitive" } };
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: parisDayRange(filter.from).start } : {}),
      ...(filter.to ? { lt: parisDayRange(filter.to).end } : {}),
    };
  }
  return where;
}

// Names of the entities on the page (site, user's address, edition, phase, API key), one query per kind.
async function entityLabels(entries: { entityType: string; entityId: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.entityType === type).map((e) => e.entityId))];
  const [factories, users, editions, phases, apiKeys] = await Promise.all([
    ids("Factory").length ? db.factory.findMany({ where: { id: { in: ids("Factory") } }, select: { id: true, siteName: true, companyName: true } }) : [],
    ids("User").length ? db.user.findMany({ where: { id: { in: ids("User") } }, select: { id: true, email: true } }) : [],
    ids("Edition").length ? db.edition.findMany({ where: { id: { in: ids("Edition") } }, select: { id: true, name: true } }) : [],
    ids("RegistrationPhase").length ? db.registrationPhase.findMany({ where: { id: { in: ids("RegistrationPhase") } }, select: { id: true, name: true } }) : [],
    ids("ApiKey").length ? db.apiKey.findMany({ where: { id: { in: ids("ApiKey") } }, select: { id: true, name: true, prefix: true } }) : [],
  ]);
  const labels = new Map<string, string>();
  for (const f of factories) labels.set(`Factory:${f.id}`, `${f.siteName} (${f.companyName})`);
  for (const u of users) labels.set(`User:${u.id}`, u.email);
  for (const e of editions) labels.set(`Edition:${e.id}`, e.name);
  for (const p of phases) labels.set(`RegistrationPhase:${p.id}`, p.name);
  for (const k of apiKeys) labels.set(`ApiKey:${k.id}`, `${k.name} (${k.prefix}…)`);
  return labels;
}

/** One page of the journal, newest first, with the total for the pager. */
export async function listAuditEntries(filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE) {
  const where = auditWhere(filter);
  const total = await db.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await db.auditLog.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { id: true, at: true, action: true, entityType: true, entityId: true, before: true, after: true, reason: true, actor: { select: { email: true } } },
  });
  const labels = await entityLabels(rows);
  const entries: AuditEntryView[] = rows.map((row) => ({
    id: row.id.toString(),
    at: row.at,
    actorEmail: row.actor?.email ?? null,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    entityLabel: labels.get(`${row.entityType}:${row.entityId}`) ?? phaseName(row.before) ?? phaseName(row.after),
    reason: row.reason,
    diff: auditDiff(row.before, row.after),
  }));
  return { entries, total, page, pageCount };
}

// A deleted phase keeps its name in the log.
const phaseName = (snapshot: unknown): string | null =>
  isPlainObject(snapshot) && typeof snapshot.name === "string" && typeof snapshot.startsAt === "string" ? snapshot.name : null;

/** The actions and entity types present in the log, for the filter menus. */
export async function auditFacets(): Promise<{ actions: string[]; entityTypes: string[] }> {
  const [actions, entityTypes] = await Promise.all([
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT action AS v FROM "AuditLog" ORDER BY 1`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT "entityType" AS v FROM "AuditLog" ORDER BY 1`,
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entityTypes.map((r) => r.v) };
}

/** ISO dates and JSON values as stored, for a diff cell. */
export const isIsoInstant = (value: unknown): value is string =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
