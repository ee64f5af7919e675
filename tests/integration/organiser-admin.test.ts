// The organisers' back office against real PostgreSQL: quota changes and waiting-list re-evaluation
// racing new registrations (never above a cap, waiting sites served in arrival order, nobody
// un-approved), decisions and overrides logged with before/after and e-mailed, CSV import all or
// nothing, edition settings validation, phases and roles. Server actions are called as the forms
// call them (FormData); only the identity (next-auth's getServerSession) and Next's request-scope
// helpers are replaced.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// lib/db sizes its pool from this variable when first imported: one connection per simultaneous
// registration, plus the re-evaluation and the SQL monitor.
const CONCURRENT = vi.hoisted(() => {
  const concurrent = 20;
  process.env.DATABASE_POOL_SIZE = String(concurrent + 15);
  return concurrent;
});

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId } } : null)),
}));
// A signed-in request carries a session cookie: lib/auth/session reads the session only then.
vi.mock("next/headers", async (original) => ({
  ...(await original<object>()),
  cookies: vi.fn(async () => ({ getAll: () => (session.userId ? [{ name: "next-auth.session-token", value: "test" }] : []) })),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { url });
  }),
  notFound: vi.fn(() => {
    throw new Error("NEXT_NOT_FOUND");
  }),
}));

import type { Prisma } from "@prisma/client";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { db, pool } from "@/lib/db";
import { registerFactory, type RegisterResult } from "@/lib/factory/register";
import { quotaUsage, statusNote } from "@/lib/representativity";
import { auditDiff, listAuditEntries } from "@/lib/organiser/audit";
import { importQuotaCsv, parseQuotaCsv, quotaCsv, saveQuotas } from "@/lib/organiser/quotas";
import { revokeOrganiser } from "@/lib/organiser/roles";
import { createEdition, createFactory, createSlot, newSiret, registrationInput as input, uid } from "../fixtures/factories";

const { updateEditionAction } = await import("@/app/organisation/edition/actions");
const { saveQuotasAction, importQuotasAction, reevaluateAction, addPhaseAction, removePhaseAction } = await import("@/app/organisation/quotas/actions");
const { decideAction, overrideAction } = await import("@/app/organisation/validations/actions");
const { grantOrganiserAction, revokeOrganiserAction } = await import("@/app/organisation/roles/actions");

// ───────────────────────────── Helpers ─────────────────────────────

const newUser = (role: "USER" | "ORGANISER" = "USER") =>
  db.user.create({ data: { email: `org-${uid()}@example.fr`, role }, select: { id: true, email: true, role: true } });

async function newUsers(n: number) {
  const emails = Array.from({ length: n }, () => `reg-${uid()}@example.fr`);
  await db.user.createMany({ data: emails.map((email) => ({ email })) });
  return db.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" } });
}

type Quota = Omit<Prisma.QuotaCreateManyInput, "editionId">;
async function newEdition(quotas: Quota[] = [], data: Partial<Prisma.EditionUncheckedCreateInput> = {}) {
  const edition = await createEdition(data);
  if (quotas.length) await db.quota.createMany({ data: quotas.map((q) => ({ ...q, editionId: edition.id })) });
  return edition;
}

async function approvedIn84(editionId: string) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Factory" WHERE "editionId" = $1 AND status = 'APPROVED' AND "regionCode" = '84'`,
    [editionId],
  );
  return rows[0].n;
}

/** Registers one after the other (arrival order known). */
async function registerInOrder(editionId: string, n: number, over: Parameters<typeof input>[0] = {}) {
  const users = await newUsers(n);
  const results: RegisterResult[] = [];
  for (const user of users) results.push(await registerFactory(input(over), { userId: user.id, editionId }));
  return results;
}

// Newcomers arrive as a stream — one every 25 ms, about the time a registration holds the quota lock
// here, so several are in flight at once — rather than as one queue formed before the organiser acts:
// the organiser's change lands in the middle of it (the logs show how many were judged before it).
const staggered = <T>(i: number, fn: () => Promise<T>) => new Promise((resolve) => setTimeout(resolve, i * 25)).then(fn);

/** Resolves once `n` factories have registered after the given arrival (committed). */
async function afterRegistrations(editionId: string, afterArrival: bigint, n: number) {
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Factory" WHERE "editionId" = $1 AND arrival > $2`, [
      editionId,
      afterArrival.toString(),
    ]);
    if (rows[0].n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** How many of these registrations were judged against the old region cap (5) and how many against the new one. */
async function capsSeenAtRegistration(factoryIds: string[]) {
  const logs = await db.auditLog.findMany({ where: { entityId: { in: factoryIds }, action: "factory.registered" }, select: { after: true } });
  const caps = logs.map((l) => (l.after as { standings: { dimension: string; cap: number | null }[] }).standings.find((s) => s.dimension === "REGION")?.cap);
  return { old: caps.filter((c) => c === 5).length, new: caps.filter((c) => c === 12).length };
}

/** Polls the committed approved count of region 84 until stopped; returns the highest seen. */
function monitor(editionId: string) {
  let running = true;
  let maxSeen = 0;
  const done = (async () => {
    while (running) {
      maxSeen = Math.max(maxSeen, await approvedIn84(editionId));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return async () => {
    running = false;
    await done;
    return Math.max(maxSeen, await approvedIn84(editionId));
  };
}

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const as = (user: { id: string } | null) => {
  session.userId = user?.id ?? null;
};

/** An action's outcome: its returned state, or the address it redirected to. */
async function run(action: (state: AdminFormState, data: FormData) => Promise<AdminFormState>, fields: Record<string, string | Blob>) {
  try {
    return { state: await action({}, form(fields)), redirect: null as string | null };
  } catch (error) {
    const url = (error as { url?: string }).url;
    if (!url) throw error;
    return { state: null, redirect: url };
  }
}

beforeAll(async () => {
  expect(pool.options.max).toBeGreaterThanOrEqual(CONCURRENT);
  const clients = await Promise.all(Array.from({ length: CONCURRENT + 5 }, () => pool.connect()));
  clients.forEach((client) => client.release());
  await registerInOrder((await newEdition()).id, 1); // warm-up (communes index, query compilation)
});

beforeEach(() => as(null));

afterAll(async () => {
  await db.$disconnect();
});

// ───────────────────────────── Quotas and the waiting list ─────────────────────────────

describe("caps, re-evaluation and concurrency", () => {
  it("raising a cap with re-evaluation approves the head of the waiting list in arrival order, while new registrations race it, never above the cap", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 5 }]);
    const first = await registerInOrder(edition.id, 15);
    expect(first.map((r) => r.factory.status)).toEqual([...Array(5).fill("APPROVED"), ...Array(10).fill("WAITLISTED")]);
    const waiting = first.filter((r) => r.factory.status === "WAITLISTED").map((r) => r.factory.id);
    const organiser = await newUser("ORGANISER");
    const newcomers = await newUsers(CONCURRENT);

    const stop = monitor(edition.id);
    // The cap goes from 5 to 12 and the waiting list is re-evaluated in the same transaction, while
    // CONCURRENT registrations of the same region arrive.
    const [saved, ...arrivals] = await Promise.all([
      // Once a few newcomers are in (so the change really lands in the middle of the burst).
      afterRegistrations(edition.id, first.at(-1)!.factory.arrival, 3).then(() =>
        saveQuotas(organiser, edition.id, [{ dimension: "REGION", value: "84", cap: 12 }], { source: "table", approveWaitlisted: true }),
      ),
      ...newcomers.map((u, i) => staggered(i, () => registerFactory(input(), { userId: u.id, editionId: edition.id }))),
    ]);
    const maxSeen = await stop();

    expect(await approvedIn84(edition.id)).toBe(12);
    expect(maxSeen).toBeLessThanOrEqual(12);
    // The 7 new places went to the 7 oldest waiting sites, in arrival order; no newcomer jumped the queue.
    expect(saved.changed).toBe(1);
    expect(saved.reevaluation?.approved.map((a) => a.factoryId)).toEqual(waiting.slice(0, 7));
    expect(arrivals.every((r) => r.factory.status === "WAITLISTED")).toBe(true);
    const { rows } = await pool.query<{ id: string; status: string }>(
      `SELECT id, status::text FROM "Factory" WHERE "editionId" = $1 AND status = 'WAITLISTED' ORDER BY arrival`,
      [edition.id],
    );
    const newcomersByArrival = [...arrivals].sort((a, b) => Number(a.factory.arrival - b.factory.arrival)).map((r) => r.factory.id);
    expect(rows.map((r) => r.id)).toEqual([...waiting.slice(7), ...newcomersByArrival]);

    // Logged: the quota change with before/after, each approval, and the summary of the run.
    const change = await db.auditLog.findFirstOrThrow({ where: { entityId: edition.id, action: "quotas.updated" } });
    expect(change.actorId).toBe(organiser.id);
    expect(change.before).toEqual({ "REGION.84.cap": 5 });
    expect(change.after).toEqual({ "REGION.84.cap": 12 });
    expect(await db.auditLog.count({ where: { entityId: { in: waiting.slice(0, 7) }, action: "factory.waitlist_approved", actorId: organiser.id } })).toBe(7);
    const summary = await db.auditLog.findFirstOrThrow({ where: { entityId: edition.id, action: "waitlist.reevaluated" } });
    expect(summary.after).toMatchObject({ approved: 7 });

    // How the race went: the cap each newcomer was judged against (its registration's audit entry).
    const seen = await capsSeenAtRegistration(arrivals.map((r) => r.factory.id));
    expect(seen.old + seen.new).toBe(CONCURRENT);
    expect(seen.old).toBeGreaterThanOrEqual(3);
    console.log(
      `[organiser-admin] cap 5 → 12 + re-evaluation racing ${CONCURRENT} registrations: ${seen.old} judged before the change, ` +
        `${seen.new} after; 7 waiting sites approved in arrival order, max approved seen ${maxSeen}`,
    );
  });

  it("lowering a cap never un-approves; the re-evaluation button then serves the waiting list in order while registrations race it", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 6 }]);
    const first = await registerInOrder(edition.id, 14);
    const waiting = first.filter((r) => r.factory.status === "WAITLISTED").map((r) => r.factory.id);
    expect(waiting).toHaveLength(8);
    const organiser = await newUser("ORGANISER");
    as(organiser);

    // Lower to 3: the 6 approved stay approved; nobody fits any more.
    const lowered = await run(saveQuotasAction, { editionId: edition.id, "REGION.84.cap": "3", "REGION.84.target": "", approveWaitlisted: "on" });
    expect(lowered.state).toMatchObject({ ok: true, count: 1, params: { approved: 0 } });
    expect(await approvedIn84(edition.id)).toBe(6);
    expect((await quotaUsage(edition.id)).find((u) => u.dimension === "REGION" && u.value === "84")).toMatchObject({ approved: 6, cap: 3, overCap: true });
    const late = await registerInOrder(edition.id, 1);
    expect(late[0].factory.status).toBe("WAITLISTED");
    expect((await run(reevaluateAction, { editionId: edition.id })).state).toMatchObject({ ok: true, count: 0 });
    expect(await approvedIn84(edition.id)).toBe(6);

    // Raise to 10 without re-evaluating, then press the button while registrations arrive.
    const raised = await run(saveQuotasAction, { editionId: edition.id, "REGION.84.cap": "10", "REGION.84.target": "" });
    expect(raised.state).toMatchObject({ ok: true, count: 1, params: { approved: -1 } });
    const newcomers = await newUsers(CONCURRENT);
    const stop = monitor(edition.id);
    const [pressed, ...arrivals] = await Promise.all([
      afterRegistrations(edition.id, late[0].factory.arrival, 2).then(() => run(reevaluateAction, { editionId: edition.id })),
      ...newcomers.map((u, i) => staggered(i, () => registerFactory(input(), { userId: u.id, editionId: edition.id }))),
    ]);
    const maxSeen = await stop();

    expect(await approvedIn84(edition.id)).toBe(10);
    expect(maxSeen).toBeLessThanOrEqual(10);
    const byButton = pressed.state?.count ?? -1;
    const direct = arrivals.filter((r) => r.factory.status === "APPROVED").length;
    expect(byButton + direct).toBe(4);
    // The button approved the head of the waiting list (which newcomers may only have joined at its end).
    const reevaluated = await db.auditLog.findMany({ where: { action: "factory.waitlist_approved", entityId: { in: [...waiting, late[0].factory.id] } } });
    expect(reevaluated).toHaveLength(byButton);
    expect(new Set(reevaluated.map((r) => r.entityId))).toEqual(new Set(waiting.slice(0, byButton)));
    const { rows } = await pool.query<{ id: string; status: string }>(
      `SELECT id, status::text FROM "Factory" WHERE id = ANY($1) ORDER BY arrival`,
      [waiting],
    );
    const firstStillWaiting = rows.findIndex((r) => r.status === "WAITLISTED");
    expect(firstStillWaiting).toBe(byButton);
    expect(rows.slice(firstStillWaiting).every((r) => r.status === "WAITLISTED")).toBe(true);
    console.log(
      `[organiser-admin] cap 3 → 10 then the button racing ${CONCURRENT} registrations: ${byButton} approved from the waiting list, ` +
        `${direct} newcomers approved directly, max approved seen ${maxSeen}`,
    );
  });

  it("the quota table refuses a target above its cap (on that cell) and writes nothing", async () => {
    const edition = await newEdition([{ dimension: "SECTOR", value: "25", cap: 4, target: 2 }]);
    as(await newUser("ORGANISER"));
    const { state } = await run(saveQuotasAction, {
      editionId: edition.id,
      "REGION.84.cap": "10",
      "REGION.84.target": "12",
      "SECTOR.25.cap": "abc",
      "SIZE.GE.cap": "-1",
    });
    expect(state).toMatchObject({
      formError: "validation.failed",
      fieldErrors: { "REGION.84.target": "target.above_cap", "SECTOR.25.cap": "cap.invalid", "SIZE.GE.cap": "cap.negative" },
    });
    expect(await db.quota.findMany({ where: { editionId: edition.id }, select: { dimension: true, value: true, cap: true, target: true } })).toEqual([
      { dimension: "SECTOR", value: "25", cap: 4, target: 2 },
    ]);
    expect(await db.auditLog.count({ where: { entityId: edition.id } })).toBe(0);
  });

  it("emptying both cells removes the quota; an unchanged table logs nothing", async () => {
    const edition = await newEdition([{ dimension: "SIZE", value: "GE", cap: 4 }]);
    as(await newUser("ORGANISER"));
    const same = await run(saveQuotasAction, { editionId: edition.id, "SIZE.GE.cap": "4", "SIZE.GE.target": "" });
    expect(same.state).toMatchObject({ ok: true, count: 0 });
    expect(await db.auditLog.count({ where: { entityId: edition.id } })).toBe(0);
    const cleared = await run(saveQuotasAction, { editionId: edition.id, "SIZE.GE.cap": "", "SIZE.GE.target": "" });
    expect(cleared.state).toMatchObject({ ok: true, count: 1 });
    expect(await db.quota.count({ where: { editionId: edition.id } })).toBe(0);
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: edition.id, action: "quotas.updated" } });
    expect(auditDiff(log.before, log.after)).toEqual([{ key: "SIZE.GE.cap", kind: "changed", before: 4, after: null }]);
  });
});

// ───────────────────────────── Decisions and overrides ─────────────────────────────

describe("decisions on factories", () => {
  async function manualEdition(cap: number) {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap }], { approvalMode: "MANUAL" });
    const results = await registerInOrder(edition.id, 3);
    return { edition, results };
  }

  it("approves within the caps with a comment: logged with who/before/after/comment, e-mailed to the contacts", async () => {
    const { edition, results } = await manualEdition(2);
    const organiser = await newUser("ORGANISER");
    as(organiser);
    const factoryId = results[0].factory.id;
    const outcome = await run(decideAction, { factoryId, decision: "APPROVE", comment: "Dossier complet, merci !", returnTo: "?region=84" });
    expect(outcome.redirect).toBe(`/organisation/validations?region=84&fait=APPROVED&site=${factoryId}`);
    expect((await db.factory.findUniqueOrThrow({ where: { id: factoryId } })).status).toBe("APPROVED");
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: factoryId, action: "factory.approved" } });
    expect(log).toMatchObject({ actorId: organiser.id, entityType: "Factory", reason: "Dossier complet, merci !" });
    expect(log.before).toEqual({ status: "PENDING", statusReasonData: null, statusComment: null });
    expect(log.after).toMatchObject({ status: "APPROVED", statusReasonData: null, statusComment: null });
    const contact = await db.factoryContact.findFirstOrThrow({ where: { factoryId }, include: { user: true } });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: contact.user.email, template: "factory.decision.approved" } });
    expect(mail.text).toContain("Dossier complet, merci !");
    expect(mail.text).toContain(edition.name);
  });

  it("waitlists with a stored reason code and rejects with the comment shown to the site", async () => {
    const { results } = await manualEdition(5);
    as(await newUser("ORGANISER"));
    const [a, b] = results.map((r) => r.factory.id);
    await run(decideAction, { factoryId: a, decision: "WAITLIST", comment: "" });
    await run(decideAction, { factoryId: b, decision: "REJECT", comment: "Site hors périmètre industriel." });
    const waitlisted = await db.factory.findUniqueOrThrow({ where: { id: a }, select: { status: true, statusReasonData: true, statusComment: true } });
    expect(waitlisted).toEqual({ status: "WAITLISTED", statusReasonData: { code: "organiser_waitlist" }, statusComment: null });
    expect(statusNote(waitlisted, "fr")).toBe("L'équipe d'organisation a placé cette inscription sur liste d'attente.");
    expect(statusNote(waitlisted, "en")).toBe("The organising team has put this registration on the waiting list.");
    // The journal shows the reason as one value (rendered as a sentence), not its code and params apart.
    const waitlistLog = await db.auditLog.findFirstOrThrow({ where: { entityId: a, action: "factory.waitlisted" } });
    expect(auditDiff(waitlistLog.before, waitlistLog.after).filter((l) => l.key.startsWith("statusReason"))).toEqual([
      { key: "statusReasonData", kind: "changed", before: null, after: { code: "organiser_waitlist" } },
    ]);
    const rejectedRow = await db.factory.findUniqueOrThrow({ where: { id: b }, select: { status: true, statusReasonData: true, statusComment: true } });
    expect(rejectedRow).toEqual({ status: "REJECTED", statusReasonData: null, statusComment: "Site hors périmètre industriel." });
    expect(statusNote(rejectedRow, "en")).toBe("Site hors périmètre industriel.");
    const rejected = await db.auditLog.findFirstOrThrow({ where: { entityId: b, action: "factory.rejected" } });
    expect(rejected.before).toEqual({ status: "PENDING", statusReasonData: null, statusComment: null });
    expect(rejected.reason).toBe("Site hors périmètre industriel.");
    expect(await db.emailOutbox.count({ where: { template: "factory.decision.rejected", text: { contains: "Site hors périmètre industriel." } } })).toBe(1);
    // Rejecting twice is refused with its own code, and changes nothing.
    expect((await run(decideAction, { factoryId: b, decision: "REJECT" })).state?.formError).toBe("factory.already_rejected");
  });

  it("approving over a cap is refused; the override needs a reason and a confirmation, and is logged with before/after", async () => {
    const { edition, results } = await manualEdition(1);
    const organiser = await newUser("ORGANISER");
    as(organiser);
    const [a, b] = results.map((r) => r.factory.id);
    expect((await run(decideAction, { factoryId: a, decision: "APPROVE" })).redirect).toContain("fait=APPROVED");

    const refused = await run(decideAction, { factoryId: b, decision: "APPROVE" });
    expect(refused.state).toMatchObject({ formError: "quota.cap_reached", params: { dimension: "REGION", value: "84", cap: 1 } });
    expect((await db.factory.findUniqueOrThrow({ where: { id: b } })).status).toBe("PENDING");

    const noReason = await run(overrideAction, { factoryId: b, reason: " ", confirm: "on" });
    expect(noReason.state).toMatchObject({ formError: "validation.failed", fieldErrors: { reason: "reason.required" } });
    const unconfirmed = await run(overrideAction, { factoryId: b, reason: "Site emblématique de la vallée" });
    expect(unconfirmed.state).toMatchObject({ formError: "validation.failed", fieldErrors: { confirm: "confirm.required" } });
    expect(await db.auditLog.count({ where: { entityId: b, action: "factory.approval_overridden" } })).toBe(0);

    const overridden = await run(overrideAction, { factoryId: b, reason: "Site emblématique de la vallée", confirm: "on" });
    expect(overridden.redirect).toContain("fait=OVERRIDDEN");
    expect(await approvedIn84(edition.id)).toBe(2);
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: b, action: "factory.approval_overridden" } });
    expect(log.actorId).toBe(organiser.id);
    expect(log.reason).toBe("Site emblématique de la vallée");
    expect(log.before).toEqual({ status: "PENDING", statusReasonData: null, statusComment: null });
    expect(log.after).toMatchObject({ status: "APPROVED", override: true, exceededCaps: ["REGION:84"] });
    // The journal shows it readably.
    const journal = await listAuditEntries({ action: "factory.approval_overridden", page: 1, entityType: "Factory" });
    const entry = journal.entries.find((e) => e.entityId === b);
    expect(entry?.actorEmail).toBe(organiser.email);
    expect(entry?.diff).toContainEqual({ key: "status", kind: "changed", before: "PENDING", after: "APPROVED" });
    expect(entry?.diff).toContainEqual({ key: "override", kind: "added", before: undefined, after: true });
  });
});

// ───────────────────────────── CSV ─────────────────────────────

describe("CSV export and import", () => {
  it("exports every value; the export imports back unchanged", async () => {
    const edition = await newEdition([
      { dimension: "REGION", value: "84", cap: 10, target: 4 },
      { dimension: "SECTOR", value: "05", target: 1 },
    ]);
    const csv = await quotaCsv(edition.id);
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("dimension;value;label;cap;target");
    expect(lines).toContain("REGION;84;Auvergne-Rhône-Alpes;10;4");
    expect(lines).toContain("SECTOR;05;Extraction de houille et de lignite;;1");
    expect(lines.filter((l) => l.startsWith("REGION;"))).toHaveLength(18);
    expect(lines.filter((l) => l.startsWith("SIZE;"))).toHaveLength(4);
    const organiser = await newUser("ORGANISER");
    const again = await importQuotaCsv(organiser, edition.id, csv);
    expect(again).toMatchObject({ ok: true, changed: 0 });
  });

  it("applies nothing when one row is wrong, and says which line and why", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 10 }]);
    as(await newUser("ORGANISER"));
    const bad = [
      "dimension;value;label;cap;target",
      "REGION;84;Auvergne-Rhône-Alpes;20;5",
      "SECTOR;5;Extraction;3;",
      "",
      "REGION;99;Nulle part;4;",
      "SIZE;GE;Grande;2;3",
      "COUNTRY;FR;France;1;",
      "SECTOR;05;doublon;1;",
      "SIZE;PME;Moyenne;douze;",
      "REGION;11",
    ].join("\n");
    const { state } = await run(importQuotasAction, { editionId: edition.id, file: new Blob([bad], { type: "text/csv" }) });
    expect(state?.formError).toBe("csv.invalid_rows");
    expect(state?.rowErrors).toEqual([
      { line: 5, column: "value", code: "value.invalid_region", params: { value: "99" } },
      { line: 6, column: "target", code: "target.above_cap", params: { value: 3, cap: 2 } },
      { line: 7, column: "dimension", code: "dimension.invalid", params: { value: "COUNTRY" } },
      { line: 8, column: "value", code: "row.duplicate", params: { value: "05", first: 3 } },
      { line: 9, column: "cap", code: "cap.invalid", params: { value: "douze" } },
      { line: 10, code: "row.malformed" },
    ]);
    expect(await db.quota.findMany({ where: { editionId: edition.id }, select: { value: true, cap: true, target: true } })).toEqual([
      { value: "84", cap: 10, target: null },
    ]);
    expect(await db.auditLog.count({ where: { entityId: edition.id } })).toBe(0);
  });

  it("applies a valid file in one go (leading zeros restored, ',' accepted), logged with before/after", async () => {
    const edition = await newEdition([
      { dimension: "REGION", value: "84", cap: 10 },
      { dimension: "REGION", value: "11", cap: 8 },
    ]);
    const organiser = await newUser("ORGANISER");
    as(organiser);
    const good = ["Dimension,Value,Label,Cap,Target", "region,84,,12,3", "SECTOR,5,,,2", "size,ge,,7,"].join("\r\n");
    const { state } = await run(importQuotasAction, { editionId: edition.id, file: new Blob([`\uFEFF${good}`]) });
    expect(state).toMatchObject({ ok: true, done: "imported", count: 4 });
    const quotas = await db.quota.findMany({ where: { editionId: edition.id }, orderBy: [{ dimension: "asc" }, { value: "asc" }] });
    expect(quotas.map((q) => [q.dimension, q.value, q.cap, q.target])).toEqual([
      ["REGION", "11", 8, null], // absent from the file: unchanged
      ["REGION", "84", 12, 3],
      ["SECTOR", "05", null, 2],
      ["SIZE", "GE", 7, null],
    ]);
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: edition.id, action: "quotas.imported" } });
    expect(log.actorId).toBe(organiser.id);
    expect(log.before).toEqual({ "REGION.84.cap": 10, "REGION.84.target": null, "SECTOR.05.target": null, "SIZE.GE.cap": null });
    expect(log.after).toEqual({ "REGION.84.cap": 12, "REGION.84.target": 3, "SECTOR.05.target": 2, "SIZE.GE.cap": 7 });
  });

  it("refuses a file without the required columns, an empty one, and no file", async () => {
    expect(parseQuotaCsv("dimension;valeur;plafond\nREGION;84;3")).toMatchObject({ ok: false, formError: "csv.columns_missing", params: { columns: "value, cap, target" } });
    expect(parseQuotaCsv("dimension;value;label;cap;target\n\n")).toMatchObject({ ok: false, formError: "csv.empty" });
    const edition = await newEdition();
    as(await newUser("ORGANISER"));
    expect((await run(importQuotasAction, { editionId: edition.id })).state).toMatchObject({ formError: "csv.file_required", fieldErrors: { file: "csv.file_required" } });
  });
});

// ───────────────────────────── Edition settings ─────────────────────────────

describe("edition settings", () => {
  const valid = (editionId: string) => ({
    editionId,
    name: "Journées Usines Ouvertes 2030",
    firstDay: "2030-06-21",
    lastDay: "2030-06-22",
    factoryRegistrationOpensAt: "2030-01-15T09:00",
    factoryRegistrationClosesAt: "2030-05-31T18:00",
    catalogueOpensAt: "2030-04-15T10:00",
    bookingOpensAt: "2030-05-01T10:00",
    bookingClosesAt: "2030-06-20T23:59",
    maxActiveBookingsPerEmail: "4",
    defaultMaxSeatsPerBooking: "5",
    approvalMode: "MANUAL",
    dataRetentionDays: "90",
    reconfirmDaysBefore: "0",
    transportBudgetEuros: "0",
  });

  it("refuses windows closing before they open, and other bad values, with a code per field; nothing changes", async () => {
    const edition = await newEdition();
    const before = await db.edition.findUniqueOrThrow({ where: { id: edition.id } });
    as(await newUser("ORGANISER"));
    const { state } = await run(updateEditionAction, {
      ...valid(edition.id),
      name: " ",
      lastDay: "2030-06-20",
      factoryRegistrationClosesAt: "2030-01-10T09:00",
      bookingOpensAt: "2030-13-01T10:00",
      bookingClosesAt: "2030-07-01T10:00",
      maxActiveBookingsPerEmail: "0",
      defaultMaxSeatsPerBooking: "2.5",
      approvalMode: "SOMETIMES",
      dataRetentionDays: "",
    });
    expect(state?.formError).toBe("validation.failed");
    expect(state?.fieldErrors).toEqual({
      name: "name.required",
      lastDay: "lastDay.before_first_day",
      factoryRegistrationClosesAt: "factoryRegistrationClosesAt.before_opening",
      bookingOpensAt: "bookingOpensAt.invalid",
      maxActiveBookingsPerEmail: "maxActiveBookingsPerEmail.too_small",
      defaultMaxSeatsPerBooking: "defaultMaxSeatsPerBooking.invalid",
      approvalMode: "approvalMode.invalid",
      dataRetentionDays: "dataRetentionDays.required",
    });
    const closingAfterEvent = await run(updateEditionAction, { ...valid(edition.id), bookingClosesAt: "2030-06-23T00:30" });
    expect(closingAfterEvent.state?.fieldErrors).toEqual({ bookingClosesAt: "bookingClosesAt.after_event" });
    const programmeAfterBookings = await run(updateEditionAction, { ...valid(edition.id), catalogueOpensAt: "2030-05-02T10:00" });
    expect(programmeAfterBookings.state?.fieldErrors).toEqual({ catalogueOpensAt: "catalogueOpensAt.after_booking" });
    expect(await db.edition.findUniqueOrThrow({ where: { id: edition.id } })).toEqual(before);
    expect(await db.auditLog.count({ where: { entityId: edition.id } })).toBe(0);
  });

  it("saves Paris times as instants and logs only what changed, with before/after", async () => {
    const edition = await newEdition();
    const organiser = await newUser("ORGANISER");
    as(organiser);
    const { state } = await run(updateEditionAction, valid(edition.id));
    expect(state).toMatchObject({ ok: true, done: "saved" });
    const saved = await db.edition.findUniqueOrThrow({ where: { id: edition.id } });
    expect(saved.factoryRegistrationOpensAt.toISOString()).toBe("2030-01-15T08:00:00.000Z"); // winter time
    expect(saved.bookingClosesAt.toISOString()).toBe("2030-06-20T21:59:00.000Z"); // summer time
    expect(saved.firstDay.toISOString()).toBe("2030-06-21T00:00:00.000Z");
    expect(saved).toMatchObject({ approvalMode: "MANUAL", maxActiveBookingsPerEmail: 4, defaultMaxSeatsPerBooking: 5, dataRetentionDays: 90 });

    const again = await run(updateEditionAction, { ...valid(edition.id), dataRetentionDays: "120" });
    expect(again.state).toMatchObject({ ok: true, count: 1 });
    const logs = await db.auditLog.findMany({ where: { entityId: edition.id, action: "edition.settings_updated" }, orderBy: { id: "asc" } });
    expect(logs).toHaveLength(2);
    expect(logs[0].actorId).toBe(organiser.id);
    expect(logs[0].after).toMatchObject({ name: "Journées Usines Ouvertes 2030", firstDay: "2030-06-21", approvalMode: "MANUAL" });
    expect(logs[1].before).toEqual({ dataRetentionDays: 90 });
    expect(logs[1].after).toEqual({ dataRetentionDays: 120 });
    expect((await run(updateEditionAction, { ...valid(edition.id), dataRetentionDays: "120" })).state).toMatchObject({ ok: true, done: "unchanged" });
  });

  it("refuses new days that would leave published visits outside the edition", async () => {
    const edition = await newEdition([], { firstDay: new Date("2030-06-21T00:00:00Z"), lastDay: new Date("2030-06-22T00:00:00Z") });
    const factory = await createFactory(edition.id, { siret: newSiret() });
    await createSlot(factory, { startsAt: new Date("2030-06-22T08:00:00Z") });
    as(await newUser("ORGANISER"));
    const { state } = await run(updateEditionAction, { ...valid(edition.id), lastDay: "2030-06-21" });
    expect(state).toMatchObject({ formError: "edition.slots_outside_days", params: { count: 1 }, fieldErrors: { lastDay: "edition.slots_outside_days" } });
    expect((await db.edition.findUniqueOrThrow({ where: { id: edition.id } })).lastDay.toISOString()).toBe("2030-06-22T00:00:00.000Z");
  });
});

// ───────────────────────────── Phases and roles ─────────────────────────────

describe("phases", () => {
  it("adds and removes a phase, logged; an end before the start is refused", async () => {
    const edition = await newEdition();
    as(await newUser("ORGANISER"));
    const wrong = await run(addPhaseAction, { editionId: edition.id, name: "Rééquilibrage", startsAt: "2030-02-01T00:00", endsAt: "2030-01-01T00:00" });
    expect(wrong.state?.fieldErrors).toEqual({ endsAt: "endsAt.before_start" });
    expect((await run(addPhaseAction, { editionId: edition.id, name: "Rééquilibrage", startsAt: "2030-02-01T00:00", endsAt: "" })).state).toMatchObject({ ok: true });
    const phase = await db.registrationPhase.findFirstOrThrow({ where: { editionId: edition.id } });
    expect(phase).toMatchObject({ name: "Rééquilibrage", rule: "UNDER_TARGET_ONLY", endsAt: null });
    expect(phase.startsAt.toISOString()).toBe("2030-01-31T23:00:00.000Z");
    // Another edition's id does not reach it.
    const other = await newEdition();
    expect((await run(removePhaseAction, { editionId: other.id, phaseId: phase.id })).state?.formError).toBe("phase.not_found");
    expect((await run(removePhaseAction, { editionId: edition.id, phaseId: phase.id })).state).toMatchObject({ ok: true });
    expect(await db.registrationPhase.count({ where: { editionId: edition.id } })).toBe(0);
    const logs = await db.auditLog.findMany({ where: { entityId: phase.id }, orderBy: { id: "asc" } });
    expect(logs.map((l) => l.action)).toEqual(["phase.created", "phase.deleted"]);
    expect(logs[1].before).toMatchObject({ name: "Rééquilibrage", startsAt: "2030-01-31T23:00:00.000Z" });
  });
});

describe("roles", () => {
  it("grants by e-mail (creating the user), and never leaves the platform without an organiser, even when two revoke each other at once", async () => {
    await db.user.updateMany({ where: { role: "ORGANISER" }, data: { role: "USER" } });
    const alice = await newUser("ORGANISER");
    as(alice);
    // Alone: cannot revoke herself.
    expect((await run(revokeOrganiserAction, { userId: alice.id })).state?.formError).toBe("role.last_organiser");

    const email = `Nouvelle-${uid()}@Example.fr`;
    expect((await run(grantOrganiserAction, { email })).redirect).toBe("/organisation/roles?fait=granted");
    const bob = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(bob.role).toBe("ORGANISER");
    expect((await run(grantOrganiserAction, { email })).state?.fieldErrors).toEqual({ email: "role.already_organiser" });
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: bob.id, action: "user.organiser_granted" } });
    expect(log).toMatchObject({ actorId: alice.id, before: null, after: { email: email.toLowerCase(), role: "ORGANISER" } });

    const outcomes = await Promise.allSettled([
      revokeOrganiser({ id: alice.id, role: "ORGANISER" }, bob.id),
      revokeOrganiser({ id: bob.id, role: "ORGANISER" }, alice.id),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "auth.forbidden" } });
    expect(await db.user.count({ where: { role: "ORGANISER" } })).toBe(1);
  });
});
