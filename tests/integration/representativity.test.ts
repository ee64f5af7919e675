// The representativity rules against real PostgreSQL, under real concurrency: registrations submitted
// together (each on its own connection) never push an approved count past its cap; phases,
// approval modes, waiting-list re-evaluation (also while registrations keep arriving) and organiser
// overrides. A read-then-write implementation without the lock must overshoot under the same load:
// that proves the test creates contention.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// lib/db sizes its pool from this variable when it is first imported (vi.hoisted runs before the
// imports): one connection per simultaneous registration, plus the SQL monitor.
const CONCURRENT = vi.hoisted(() => {
  const concurrent = 50;
  process.env.DATABASE_POOL_SIZE = String(concurrent + 15);
  return concurrent;
});

import type { Prisma, SizeBand } from "@prisma/client";
import { db, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { registerFactory, type RegisterResult } from "@/lib/factory/register";
import type { FactoryRegistrationInput } from "@/lib/factory/schemas";
import {
  approveFactory,
  evaluateRegistration,
  overrideApproval,
  quotaLockKey,
  quotaUsage,
  reasonMessage,
  reevaluateWaitlisted,
  statusNote,
} from "@/lib/representativity";
import { createEdition, createFactory, newSiret, registrationInput as input, uid } from "../fixtures/factories";

const DAY = 24 * 3600_000;
const ARA = "Auvergne-Rhône-Alpes";
const q = (text: string) => `«\u00a0${text}\u00a0»`;
const METAL = "Fabrication de produits métalliques, à l'exception des machines et des équipements";

const newUser = (role: "USER" | "ORGANISER" = "USER") => db.user.create({ data: { email: `u-${uid()}@example.fr`, role } });

async function newUsers(n: number) {
  const emails = Array.from({ length: n }, () => `u-${uid()}@example.fr`);
  await db.user.createMany({ data: emails.map((email) => ({ email })) });
  return db.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" } });
}

type Quota = Omit<Prisma.QuotaCreateManyInput, "editionId">;
async function newEdition(quotas: Quota[], data: Partial<Prisma.EditionUncheckedCreateInput> = {}) {
  const edition = await createEdition(data);
  if (quotas.length) await db.quota.createMany({ data: quotas.map((q) => ({ ...q, editionId: edition.id })) });
  return edition;
}

interface Outcome {
  result?: RegisterResult;
  error?: unknown;
}
const settle = (promise: Promise<RegisterResult>): Promise<Outcome> =>
  promise.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );

/** Registers `inputs` all at once, each as a different user; returns outcomes and duration. */
async function registerAll(editionId: string, inputs: FactoryRegistrationInput[]) {
  const users = await newUsers(inputs.length);
  const started = performance.now();
  const outcomes = await Promise.all(inputs.map((inp, i) => settle(registerFactory(inp, { userId: users[i].id, editionId }))));
  const ms = performance.now() - started;
  const errors = outcomes.filter((o) => o.error).map((o) => String(o.error));
  expect(errors).toEqual([]);
  return { results: outcomes.map((o) => o.result as RegisterResult), ms };
}

// Approved counts straight from SQL.
async function approvedBy(editionId: string, column: "regionCode" | "sectorCode" | "sizeBand", value: string) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Factory" WHERE "editionId" = $1 AND status = 'APPROVED' AND "${column}"::text = $2`,
    [editionId, value],
  );
  return rows[0].n;
}

beforeAll(async () => {
  expect(pool.options.max, "DATABASE_POOL_SIZE must be read before lib/db is first imported").toBeGreaterThanOrEqual(CONCURRENT);
  // Open the connections up front and register once, so the measured runs include neither
  // connection set-up nor first-query compilation (nor the communes index build).
  const clients = await Promise.all(Array.from({ length: CONCURRENT + 5 }, () => pool.connect()));
  clients.forEach((client) => client.release());
  const warmUp = await newEdition([]);
  await registerAll(warmUp.id, [input()]);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("caps under concurrency", () => {
  it(`approves exactly 10 of ${CONCURRENT} simultaneous registrations in a region capped at 10`, async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 10 }]);
    // Same region; sectors and sizes vary (no quota on them).
    const sectors = ["10", "20", "25", "29", "30"];
    const inputs = Array.from({ length: CONCURRENT }, (_, i) => input({ sectorCode: sectors[i % 5], headcount: [5, 50, 500, 6000][i % 4] }));
    const { results, ms } = await registerAll(edition.id, inputs);

    const approved = results.filter((r) => r.factory.status === "APPROVED");
    const waitlisted = results.filter((r) => r.factory.status === "WAITLISTED");
    expect(approved).toHaveLength(10);
    expect(waitlisted).toHaveLength(CONCURRENT - 10);
    expect(await approvedBy(edition.id, "regionCode", "84")).toBe(10);
    const reason = `La région ${ARA} a déjà atteint son plafond de 10 sites.`;
    expect(new Set(waitlisted.map((r) => statusNote(r.factory)))).toEqual(new Set([reason]));
    expect(waitlisted.every((r) => r.evaluation.reasonCode === "cap_reached")).toBe(true);
    // Decided in arrival order: the approved ones are the first 10 to get the lock.
    const byArrival = [...results].sort((a, b) => Number(a.factory.arrival - b.factory.arrival));
    expect(byArrival.slice(0, 10).every((r) => r.factory.status === "APPROVED")).toBe(true);
    // One status e-mail per registration, written with it; the reason is in the waitlisted ones.
    const mails = await db.emailOutbox.findMany({ where: { template: { startsWith: "factory.registered." }, subject: { contains: "Site " } } });
    const ours = mails.filter((m) => results.some((r) => m.subject.endsWith(r.factory.siteName)));
    expect(ours.filter((m) => m.template === "factory.registered.approved")).toHaveLength(10);
    const waitMails = ours.filter((m) => m.template === "factory.registered.waitlisted");
    expect(waitMails).toHaveLength(CONCURRENT - 10);
    expect(waitMails.every((m) => m.text.includes(reason))).toBe(true);

    console.log(
      `[representativity] ${CONCURRENT} simultaneous registrations, region cap 10: ${approved.length} approved, ` +
        `${waitlisted.length} waitlisted, in ${Math.round(ms)} ms (${Math.round((CONCURRENT / ms) * 1000)} registrations/s)`,
    );
  });

  it("negative control: count-then-insert without the lock exceeds the cap under the same load", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 10 }]);
    // Read, decide in application code, write: several requests read the same count and all "fit".
    const naive = async (i: number) => {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Factory" WHERE "editionId" = $1 AND status = 'APPROVED' AND "regionCode" = '84'`,
        [edition.id],
      );
      await pool.query("SELECT pg_sleep(0.005)"); // an application round trip
      await createFactory(edition.id, { status: rows[0].n < 10 ? "APPROVED" : "WAITLISTED", siret: newSiret(), siteName: `Naïf ${i}` });
    };
    await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => naive(i)));
    const approved = await approvedBy(edition.id, "regionCode", "84");
    console.log(`[representativity] negative control, ${CONCURRENT} registrations without the lock, cap 10: ${approved} approved`);
    // If this ever fails, the load no longer creates contention and the test above proves nothing.
    expect(approved).toBeGreaterThan(10);
  });

  it("caps sectors and size bands the same way, with the right reason", async () => {
    const edition = await newEdition([
      { dimension: "SECTOR", value: "25", cap: 3 },
      { dimension: "SIZE", value: "GE", cap: 2 },
    ]);
    const regions = ["84", "11", "32", "93"] as const;
    const metal = Array.from({ length: 10 }, (_, i) => input({ region: regions[i % 4], sectorCode: "25", headcount: 100 }));
    const large = Array.from({ length: 6 }, (_, i) => input({ region: regions[i % 4], sectorCode: "10", headcount: 6000 }));
    const { results } = await registerAll(edition.id, [...metal, ...large]);

    const metalResults = results.slice(0, 10);
    const largeResults = results.slice(10);
    expect(metalResults.filter((r) => r.factory.status === "APPROVED")).toHaveLength(3);
    expect(largeResults.filter((r) => r.factory.status === "APPROVED")).toHaveLength(2);
    expect(await approvedBy(edition.id, "sectorCode", "25")).toBe(3);
    expect(await approvedBy(edition.id, "sizeBand", "GE")).toBe(2);
    const sectorReason = `Le secteur ${q(METAL)} a déjà atteint son plafond de 3 sites.`;
    const sizeReason = `La catégorie ${q("Grande entreprise (5\u202f000 salariés ou plus)")} a déjà atteint son plafond de 2 sites.`;
    expect(metalResults.filter((r) => r.factory.status === "WAITLISTED").map((r) => statusNote(r.factory))).toEqual(Array(7).fill(sectorReason));
    expect(largeResults.filter((r) => r.factory.status === "WAITLISTED").map((r) => statusNote(r.factory))).toEqual(Array(4).fill(sizeReason));
    const waiting = largeResults.find((r) => r.factory.status === "WAITLISTED") as RegisterResult;
    expect(reasonMessage(waiting.evaluation.statusReason!, "en")).toBe(
      "The “Large enterprise (5,000 employees or more)” size band has already reached its cap of 2 sites.",
    );
  });

  it("checks the region first when several caps are reached, and a cap of 0 or 1 reads well", async () => {
    const edition = await newEdition([
      { dimension: "REGION", value: "11", cap: 0 },
      { dimension: "SECTOR", value: "25", cap: 0 },
      { dimension: "REGION", value: "32", cap: 1 },
    ]);
    const { results } = await registerAll(edition.id, [input({ region: "11" })]);
    expect(statusNote(results[0].factory)).toBe("La région Île-de-France a déjà atteint son plafond de 0 site.");
    const first = (await registerAll(edition.id, [input({ region: "32", sectorCode: "10" })])).results[0];
    const second = (await registerAll(edition.id, [input({ region: "32", sectorCode: "10" })])).results[0];
    expect(first.factory.status).toBe("APPROVED");
    expect(statusNote(second.factory)).toBe("La région Hauts-de-France a déjà atteint son plafond de 1 site.");
  });
});

describe("phases and approval mode", () => {
  async function phaseEdition(phase: { startsAt: Date; endsAt: Date | null }, quotas: Quota[]) {
    const edition = await newEdition(quotas);
    await db.registrationPhase.create({ data: { editionId: edition.id, name: "Rééquilibrage", rule: "UNDER_TARGET_ONLY", ...phase } });
    // One approved site already meets every target of 1 below: region 84, sector 25, PME.
    await createFactory(edition.id, { siret: newSiret(), status: "APPROVED" });
    return edition;
  }
  const atTarget: Quota[] = [
    { dimension: "REGION", value: "84", target: 1 },
    { dimension: "SECTOR", value: "25", target: 1 },
    { dimension: "SIZE", value: "PME", target: 1 },
    { dimension: "SECTOR", value: "10", target: 5 },
  ];
  const active = { startsAt: new Date(Date.now() - DAY), endsAt: null };

  it("waitlists a registration whose region, sector and size are all at or over target", async () => {
    const edition = await phaseEdition(active, atTarget);
    const { results } = await registerAll(edition.id, [input()]);
    expect(results[0].factory.status).toBe("WAITLISTED");
    expect(results[0].evaluation.reasonCode).toBe("phase_under_target_only");
    expect(statusNote(results[0].factory)).toBe(
      `Pendant la phase ${q("Rééquilibrage")}, seuls les sites dont la région, le secteur ou la taille d'entreprise est encore ` +
        `sous son objectif peuvent s'inscrire : ce n'est le cas ni de la région ${ARA}, ni du secteur ${q(METAL)}, ` +
        `ni de la catégorie ${q("Petite ou moyenne entreprise (10 à 249 salariés)")}.`,
    );
  });

  it("allows one whose sector is under target; a value without a target does not count as under it", async () => {
    const edition = await phaseEdition(active, atTarget);
    const { results } = await registerAll(edition.id, [
      input({ sectorCode: "10" }), // sector 10: 0 of 5
      input({ region: "11" }), // Île-de-France has no target; sector 25 and PME are met
      input({ headcount: 3 }), // TPE has no target either
    ]);
    expect(results.map((r) => r.factory.status)).toEqual(["APPROVED", "WAITLISTED", "WAITLISTED"]);
  });

  it("ignores phases that have ended or not started (startsAt ≤ now < endsAt)", async () => {
    const ended = await phaseEdition({ startsAt: new Date(Date.now() - 2 * DAY), endsAt: new Date(Date.now() - 1000) }, atTarget);
    const future = await phaseEdition({ startsAt: new Date(Date.now() + DAY), endsAt: null }, atTarget);
    expect((await registerAll(ended.id, [input()])).results[0].factory.status).toBe("APPROVED");
    expect((await registerAll(future.id, [input()])).results[0].factory.status).toBe("APPROVED");
  });

  it("puts registrations within the caps in PENDING when approval is MANUAL; caps still waitlist", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 1 }], { approvalMode: "MANUAL" });
    await createFactory(edition.id, { siret: newSiret(), status: "APPROVED", regionCode: "11" });
    const { results } = await registerAll(edition.id, [input({ region: "11" }), input({ region: "84" })]);
    expect(results[0].factory.status).toBe("PENDING");
    expect(statusNote(results[0].factory)).toBeNull();
    expect(results[1].factory.status).toBe("PENDING"); // approved count of 84 is still 0
    const mail = await db.emailOutbox.findFirst({ where: { template: "factory.registered.pending", subject: { endsWith: results[0].factory.siteName } } });
    expect(mail?.text).toContain("L'équipe d'organisation l'examine");

    // The organiser approves within the cap, then the cap stops the next one.
    const organiser = await newUser("ORGANISER");
    await approveFactory(results[1].factory.id, organiser.id);
    const extra = (await registerAll(edition.id, [input({ region: "84" })])).results[0];
    expect(extra.factory.status).toBe("WAITLISTED");
    await expect(approveFactory(results[0].factory.id, organiser.id)).resolves.toBeUndefined(); // region 11: no cap
  });

  it("approveFactory refuses to go over a cap", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 1 }], { approvalMode: "MANUAL" });
    const organiser = await newUser("ORGANISER");
    const { results } = await registerAll(edition.id, [input(), input()]);
    await approveFactory(results[0].factory.id, organiser.id);
    const error = await approveFactory(results[1].factory.id, organiser.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("quota.cap_reached");
    expect((error as AppError).params).toEqual({ dimension: "REGION", value: "84", cap: 1 });
    expect(await approvedBy(edition.id, "regionCode", "84")).toBe(1);
  });
});

describe("waiting list re-evaluation", () => {
  async function waitlistFixture(cap: number, total: number) {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap }]);
    const users = await newUsers(total);
    const results: RegisterResult[] = [];
    // One by one, so the arrival order is known.
    for (const user of users) results.push(await registerFactory(input(), { userId: user.id, editionId: edition.id }));
    return { edition, results };
  }

  it("approves exactly those who now fit, in arrival order, logged and e-mailed", async () => {
    const { edition, results } = await waitlistFixture(3, 8);
    expect(results.map((r) => r.factory.status)).toEqual([...Array(3).fill("APPROVED"), ...Array(5).fill("WAITLISTED")]);
    const organiser = await newUser("ORGANISER");
    await db.quota.update({ where: { editionId_dimension_value: { editionId: edition.id, dimension: "REGION", value: "84" } }, data: { cap: 5 } });

    const outcome = await reevaluateWaitlisted(edition.id, organiser.id);
    expect(outcome.approved.map((a) => a.factoryId)).toEqual([results[3].factory.id, results[4].factory.id]);
    expect(outcome.stillWaitlisted).toBe(3);
    expect(await approvedBy(edition.id, "regionCode", "84")).toBe(5);
    const log = await db.auditLog.findFirst({ where: { entityId: results[3].factory.id, action: "factory.waitlist_approved" } });
    expect(log?.actorId).toBe(organiser.id);
    expect(log?.before).toMatchObject({ status: "WAITLISTED", statusReasonData: { code: "cap_reached", params: { dimension: "REGION", value: "84", cap: 3 } } });
    expect(log?.after).toMatchObject({ status: "APPROVED", statusReasonData: null, statusComment: null });
    const contact = await db.factoryContact.findFirstOrThrow({ where: { factoryId: results[3].factory.id }, include: { user: true } });
    expect(await db.emailOutbox.count({ where: { to: contact.user.email, template: "factory.approved" } })).toBe(1);

    // Running it again changes nothing; lowering the cap never un-approves anyone.
    expect((await reevaluateWaitlisted(edition.id, organiser.id)).approved).toEqual([]);
    await db.quota.updateMany({ where: { editionId: edition.id }, data: { cap: 1 } });
    expect((await reevaluateWaitlisted(edition.id, organiser.id)).approved).toEqual([]);
    expect(await approvedBy(edition.id, "regionCode", "84")).toBe(5);
  });

  it("skips an entry that still does not fit and approves the next that does", async () => {
    const edition = await newEdition([
      { dimension: "REGION", value: "84", cap: 1 },
      { dimension: "SECTOR", value: "20", cap: 0 },
    ]);
    const users = await newUsers(3);
    const first = await registerFactory(input(), { userId: users[0].id, editionId: edition.id });
    const chemistry = await registerFactory(input({ sectorCode: "20" }), { userId: users[1].id, editionId: edition.id });
    const metal = await registerFactory(input(), { userId: users[2].id, editionId: edition.id });
    expect([first, chemistry, metal].map((r) => r.factory.status)).toEqual(["APPROVED", "WAITLISTED", "WAITLISTED"]);
    await db.quota.updateMany({ where: { editionId: edition.id, dimension: "REGION" }, data: { cap: 5 } });
    const organiser = await newUser("ORGANISER");
    const outcome = await reevaluateWaitlisted(edition.id, organiser.id);
    expect(outcome.approved.map((a) => a.factoryId)).toEqual([metal.factory.id]);
  });

  it("never exceeds a cap while registrations arrive during the re-evaluation", async () => {
    const { edition, results } = await waitlistFixture(10, 30);
    const waiting = results.filter((r) => r.factory.status === "WAITLISTED").map((r) => r.factory.id);
    expect(waiting).toHaveLength(20);
    const organiser = await newUser("ORGANISER");
    await db.quota.updateMany({ where: { editionId: edition.id }, data: { cap: 20 } });

    // Watch the committed count the whole time.
    let running = true;
    let maxSeen = 0;
    const monitor = (async () => {
      while (running) {
        maxSeen = Math.max(maxSeen, await approvedBy(edition.id, "regionCode", "84"));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const newcomers = await newUsers(20);
    const started = performance.now();
    // The cap was raised without re-evaluating in the same transaction (what the organiser's quota
    // editor should do: reevaluateWaitlistedUnderLock), so newcomers locking first may take places.
    const [reevaluation, ...arrivals] = await Promise.all([
      new Promise((resolve) => setTimeout(resolve, 25)).then(() => reevaluateWaitlisted(edition.id, organiser.id)),
      ...newcomers.map((u) => registerFactory(input(), { userId: u.id, editionId: edition.id })),
    ]);
    const ms = performance.now() - started;
    running = false;
    await monitor;

    const finalCount = await approvedBy(edition.id, "regionCode", "84");
    expect(finalCount).toBe(20);
    expect(maxSeen).toBeLessThanOrEqual(20);
    const newlyApproved = arrivals.filter((r) => r.factory.status === "APPROVED").length;
    expect(reevaluation.approved.length + newlyApproved).toBe(10);
    // The waiting list was served in arrival order: the approved entries are its head.
    expect(reevaluation.approved.map((a) => a.factoryId)).toEqual(waiting.slice(0, reevaluation.approved.length));
    const { rows } = await pool.query<{ id: string; status: string }>(
      `SELECT id, status::text FROM "Factory" WHERE id = ANY($1) ORDER BY arrival`,
      [waiting],
    );
    const firstStillWaiting = rows.findIndex((r) => r.status === "WAITLISTED");
    expect(rows.slice(firstStillWaiting).every((r) => r.status === "WAITLISTED")).toBe(true);
    console.log(
      `[representativity] re-evaluation (cap 10 → 20, 20 waiting) racing ${arrivals.length} new registrations: ` +
        `${reevaluation.approved.length} from the waiting list + ${newlyApproved} new approved, max seen ${maxSeen}, in ${Math.round(ms)} ms`,
    );
  });

  it("is for organisers only", async () => {
    const edition = await newEdition([]);
    const user = await newUser();
    await expect(reevaluateWaitlisted(edition.id, user.id)).rejects.toMatchObject({ code: "auth.forbidden" });
  });
});

describe("organiser override", () => {
  it("forces APPROVED over a cap, logged with before/after, reason and the caps exceeded", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 1 }]);
    const { results } = await registerAll(edition.id, [input(), input()]);
    const waiting = results.find((r) => r.factory.status === "WAITLISTED") as RegisterResult;
    const organiser = await newUser("ORGANISER");

    const outcome = await overrideApproval(waiting.factory.id, organiser.id, "Site emblématique de la vallée de l'Arve");
    expect(outcome.before.status).toBe("WAITLISTED");
    expect(outcome.exceededCaps.map((s) => `${s.dimension}:${s.value}`)).toEqual(["REGION:84"]);
    expect(await approvedBy(edition.id, "regionCode", "84")).toBe(2);
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: waiting.factory.id, action: "factory.approval_overridden" } });
    expect(log.actorId).toBe(organiser.id);
    expect(log.reason).toBe("Site emblématique de la vallée de l'Arve");
    expect(log.before).toEqual({
      status: "WAITLISTED",
      statusReasonData: { code: "cap_reached", params: { dimension: "REGION", value: "84", cap: 1 } },
      statusComment: null,
    });
    expect(log.after).toMatchObject({ status: "APPROVED", statusReasonData: null, override: true, exceededCaps: ["REGION:84"] });

    const usage = await quotaUsage(edition.id);
    expect(usage.find((u) => u.dimension === "REGION" && u.value === "84")).toMatchObject({ approved: 2, cap: 1, overCap: true });

    await expect(overrideApproval(waiting.factory.id, organiser.id, "encore")).rejects.toMatchObject({ code: "factory.already_approved" });
  });

  it("requires an organiser and a reason", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 0 }]);
    const { results } = await registerAll(edition.id, [input()]);
    const user = await newUser();
    const organiser = await newUser("ORGANISER");
    await expect(overrideApproval(results[0].factory.id, user.id, "parce que")).rejects.toMatchObject({ code: "auth.forbidden" });
    await expect(overrideApproval(results[0].factory.id, organiser.id, "  ")).rejects.toMatchObject({ code: "override.reason_required" });
    expect((await db.factory.findUniqueOrThrow({ where: { id: results[0].factory.id } })).status).toBe("WAITLISTED");
    expect(await db.auditLog.count({ where: { entityId: results[0].factory.id, action: "factory.approval_overridden" } })).toBe(0);
  });
});

describe("reading the roster", () => {
  it("quotaUsage aggregates every status per dimension, with quotas that have no factory yet", async () => {
    const edition = await newEdition([
      { dimension: "REGION", value: "84", cap: 2, target: 1 },
      { dimension: "REGION", value: "53", target: 3 },
      { dimension: "SIZE", value: "GE", cap: 5 },
    ]);
    await registerAll(edition.id, [input(), input(), input(), input({ region: "11", headcount: 6000 })]);
    await createFactory(edition.id, { siret: newSiret(), status: "REJECTED", regionCode: "11" });
    const usage = await quotaUsage(edition.id);
    const row = (dimension: string, value: string) => usage.find((u) => u.dimension === dimension && u.value === value);
    expect(row("REGION", "84")).toMatchObject({ approved: 2, pending: 0, waitlisted: 1, rejected: 0, cap: 2, target: 1, capReached: true, overCap: false, underTarget: false });
    expect(row("REGION", "11")).toMatchObject({ approved: 1, rejected: 1, cap: null, target: null });
    expect(row("REGION", "53")).toMatchObject({ approved: 0, target: 3, underTarget: true, label: { fr: "Bretagne", en: "Bretagne" } });
    expect(row("SIZE", "GE")).toMatchObject({ approved: 1, cap: 5 });
    expect(row("SECTOR", "25")).toMatchObject({ approved: 3, waitlisted: 1 });
    expect(usage.map((u) => u.dimension)).toEqual([...usage.map((u) => u.dimension)].sort((a, b) => ["REGION", "SECTOR", "SIZE"].indexOf(a) - ["REGION", "SECTOR", "SIZE"].indexOf(b)));
  });

  it("keeps the reason's code and params so it can be shown in English", async () => {
    const edition = await newEdition([{ dimension: "REGION", value: "84", cap: 0 }]);
    const { results } = await registerAll(edition.id, [input(), input({ region: "11" })]);
    // The two register at the same time: told apart by region, not by arrival.
    const stored = await db.factory.findMany({ where: { id: { in: results.map((r) => r.factory.id) } } });
    const capped = stored.find((f) => f.regionCode === "84")!;
    const other = stored.find((f) => f.regionCode === "11")!;
    expect(capped.statusReasonData).toEqual({ code: "cap_reached", params: { dimension: "REGION", value: "84", cap: 0 } });
    expect(statusNote(capped, "en")).toBe("The Auvergne-Rhône-Alpes region has already reached its cap of 0 sites.");
    expect(statusNote(other, "en")).toBeNull();
  });

  it("evaluateRegistration decides without writing, under the edition's lock", async () => {
    const edition = await newEdition([{ dimension: "SIZE", value: "TPE", cap: 0 }]);
    const evaluation = await db.$transaction(async (tx) => {
      const result = await evaluateRegistration(tx, { editionId: edition.id, regionCode: "84", sectorCode: "25", sizeBand: "TPE" as SizeBand, now: new Date() });
      const [{ held }] = await tx.$queryRaw<{ held: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
          AND ((classid::bigint << 32) | objid::bigint) = ${quotaLockKey(edition.id).toString()}::bigint) AS held`;
      return { ...result, held };
    });
    expect(evaluation.status).toBe("WAITLISTED");
    expect(evaluation.held).toBe(true);
    expect(evaluation.details.standings.map((s) => [s.dimension, s.value, s.approved, s.cap])).toEqual([
      ["REGION", "84", 0, null],
      ["SECTOR", "25", 0, null],
      ["SIZE", "TPE", 0, 0],
    ]);
  });
});
