import { TZDate } from "@date-fns/tz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTimeline } from "@/lib/circuit/timeline";
import { commitmentOf } from "@/lib/draw/allocate";
import { runDraw } from "@/lib/draw/run";
import { verifyDraw } from "@/lib/draw/verify";
import { db, pool } from "@/lib/db";
import { resolvePostalCode } from "@/lib/geo/communes";
import { distanceKm } from "@/lib/geo/distance";
import { REGIONS, regionName } from "@/lib/geo/regions";
import { isIndustrialSector, SIZE_BANDS, sizeBandFromHeadcount, validateSiret, validateUai } from "@/lib/reference";
import { statusNote } from "@/lib/representativity/reasons";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { seedEdition, type SeedSummary } from "@/lib/seed/generate";
import { previousSlugOf } from "@/lib/seed/previous-edition";
import { uid } from "../fixtures/factories";

const seededEditions: string[] = [];
async function seed(options: Parameters<typeof seedEdition>[1]) {
  const summary = await seedEdition(db, options);
  seededEditions.push(summary.editionId);
  return summary;
}

const parisTime = (date: Date) => new TZDate(date, "Europe/Paris");

describe("demo data seed", () => {
  let summary: SeedSummary;

  beforeAll(async () => {
    summary = await seed({ factories: 200, slug: `seed-${uid()}`, withDemoAccounts: true });
  });

  afterAll(async () => {
    // Leave the worker database as we found it for the next test files.
    await db.edition.deleteMany({ where: { id: { in: seededEditions } } });
    await db.user.deleteMany({ where: { email: { in: Object.values(DEMO_ACCOUNTS).map((a) => a.email) } } });
  });

  it("creates the 2027 edition with its windows and default limits", async () => {
    const edition = await db.edition.findUniqueOrThrow({ where: { id: summary.editionId } });
    expect(edition.name).toBe("Journées Usines Ouvertes 2027");
    expect(edition.firstDay.toISOString()).toBe("2027-03-19T00:00:00.000Z");
    expect(edition.lastDay.toISOString()).toBe("2027-03-20T00:00:00.000Z");
    // Paris is UTC+2 until late October, UTC+1 in winter and in March before the 28th.
    expect(edition.factoryRegistrationOpensAt.toISOString()).toBe("2026-08-31T22:00:00.000Z");
    expect(edition.factoryRegistrationClosesAt.toISOString()).toBe("2027-02-28T22:59:00.000Z");
    expect(edition.bookingOpensAt.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(edition.bookingClosesAt.toISOString()).toBe("2027-03-18T22:59:00.000Z");
    expect(edition).toMatchObject({ maxActiveBookingsPerEmail: 3, defaultMaxSeatsPerBooking: 6, approvalMode: "AUTOMATIC", dataRetentionDays: 180 });

    const where = { editionId: summary.editionId };
    expect(summary.factories).toBe(200);
    expect(await db.factory.count({ where })).toBe(200);
    expect(await db.slot.count({ where })).toBe(summary.slots);
    // The demo circuit's parties add their legs' bookings (checked in the circuits test below).
    expect(await db.booking.count({ where: { ...where, circuitBookingId: null } })).toBe(summary.bookings);
  });

  it("spreads factories over every region, many sectors and all size bands", async () => {
    const factories = await db.factory.findMany({ where: { editionId: summary.editionId } });
    const regions = new Set(factories.map((f) => f.regionCode));
    for (const region of REGIONS.filter((r) => !r.overseas)) expect(regions, region.name).toContain(region.code);
    expect(REGIONS.filter((r) => r.overseas && regions.has(r.code)).length).toBeGreaterThanOrEqual(3);

    const sectors = new Set(factories.map((f) => f.sectorCode));
    expect(sectors.size).toBeGreaterThanOrEqual(15);
    expect([...sectors].every(isIndustrialSector)).toBe(true);
    expect(new Set(factories.map((f) => f.sizeBand))).toEqual(new Set(SIZE_BANDS));
    for (const f of factories) expect(f.sizeBand).toBe(sizeBandFromHeadcount(f.headcount));

    // Invented names: no two sites share company and site names.
    expect(new Set(factories.map((f) => `${f.companyName} — ${f.siteName}`)).size).toBe(200);
    const registered = factories.map((f) => f.registeredAt.getTime());
    expect(Math.min(...registered)).toBeGreaterThanOrEqual(Date.parse("2026-08-31T22:00:00Z"));
    expect(Math.max(...registered)).toBeLessThan(Date.parse("2027-01-31T23:00:00Z"));
  });

  it("gives every factory a valid SIRET and a real commune consistent with lib/geo", async () => {
    const factories = await db.factory.findMany({ where: { editionId: summary.editionId } });
    for (const f of factories) {
      expect(validateSiret(f.siret), f.siret).toEqual({ ok: true, siret: f.siret });
      const resolved = resolvePostalCode(f.postalCode, f.communeCode);
      expect(resolved.ok && resolved.commune, `${f.postalCode} ${f.communeCode}`).toMatchObject({
        name: f.communeName,
        departmentCode: f.departmentCode,
        regionCode: f.regionCode,
      });
      expect(f.description.split(". ").length).toBeGreaterThanOrEqual(2);
    }
    const share = (predicate: (f: (typeof factories)[number]) => boolean) => factories.filter(predicate).length / factories.length;
    expect(share((f) => f.wheelchairAccessible)).toBeGreaterThan(0.45);
    expect(share((f) => f.wheelchairAccessible)).toBeLessThan(0.75);
    expect(share((f) => f.studentsPerAdult !== null)).toBeGreaterThan(0.25);
    expect(share((f) => f.minAge !== null)).toBeGreaterThan(0.1);
    expect(share((f) => f.pacemakerWarning)).toBeGreaterThan(0);
  });

  it("keeps statuses consistent with the quotas", async () => {
    const factories = await db.factory.findMany({ where: { editionId: summary.editionId } });
    const byStatus = (status: string) => factories.filter((f) => f.status === status);
    expect(byStatus("APPROVED").length).toBeGreaterThan(150);
    expect(byStatus("PENDING").length).toBeGreaterThan(0);
    expect(byStatus("REJECTED").length).toBeGreaterThanOrEqual(2);
    expect(byStatus("WAITLISTED").length).toBeGreaterThan(0);

    const quotas = await db.quota.findMany({ where: { editionId: summary.editionId } });
    const regionQuotas = quotas.filter((q) => q.dimension === "REGION");
    expect(regionQuotas.map((q) => q.value).sort()).toEqual(REGIONS.map((r) => r.code).sort());
    const approvedIn = (value: string, key: "regionCode" | "sectorCode" | "sizeBand") =>
      byStatus("APPROVED").filter((f) => f[key] === value).length;
    for (const q of quotas) {
      const key = q.dimension === "REGION" ? "regionCode" : q.dimension === "SECTOR" ? "sectorCode" : "sizeBand";
      if (q.cap !== null) expect(approvedIn(q.value, key), `${q.dimension} ${q.value}`).toBeLessThanOrEqual(q.cap);
      if (q.cap !== null && q.target !== null) expect(q.target).toBeLessThanOrEqual(q.cap);
    }
    const atCap = regionQuotas.filter((q) => approvedIn(q.value, "regionCode") === q.cap);
    expect(atCap.length).toBeGreaterThanOrEqual(2);
    expect(regionQuotas.filter((q) => approvedIn(q.value, "regionCode") < (q.target ?? 0)).length).toBeGreaterThan(0);
    expect(quotas.filter((q) => q.dimension === "SECTOR").length).toBeGreaterThanOrEqual(5);
    expect(quotas.find((q) => q.dimension === "SIZE" && q.value === "GE")?.cap).toBe(40);

    // Waitlisted factories are in a full region, registered after its approved ones, and told why.
    for (const f of byStatus("WAITLISTED")) {
      const quota = regionQuotas.find((q) => q.value === f.regionCode)!;
      expect(f.statusReasonData).toEqual({ code: "cap_reached", params: { dimension: "REGION", value: f.regionCode, cap: quota.cap } });
      expect(statusNote(f)).toBe(`La région ${regionName(f.regionCode)} a déjà atteint son plafond de ${quota.cap} sites.`);
      const approvedThere = byStatus("APPROVED").filter((a) => a.regionCode === f.regionCode);
      expect(approvedIn(f.regionCode, "regionCode")).toBe(quota.cap);
      expect(approvedThere.every((a) => a.arrival < f.arrival)).toBe(true);
    }
    expect(byStatus("REJECTED").every((f) => f.statusComment && f.statusReasonData === null)).toBe(true);

    const phases = await db.registrationPhase.findMany({ where: { editionId: summary.editionId } });
    expect(phases).toMatchObject([{ name: "Phase 2 : rééquilibrage", rule: "UNDER_TARGET_ONLY", startsAt: new Date("2027-01-31T23:00:00Z") }]);
  });

  it("sets up the demo factory and accounts", async () => {
    const first = await db.factory.findFirstOrThrow({ where: { editionId: summary.editionId, status: "APPROVED" }, orderBy: { arrival: "asc" } });
    expect(first).toMatchObject({ companyName: "Décolletage Savoyard", siteName: "Site de Cluses", postalCode: "74300", communeName: "Cluses" });
    expect(await db.slot.count({ where: { factoryId: first.id } })).toBeGreaterThanOrEqual(2);

    const users = await db.user.findMany({ where: { email: { in: Object.values(DEMO_ACCOUNTS).map((a) => a.email) } }, include: { factoryContacts: true } });
    const user = (email: string) => users.find((u) => u.email === email)!;
    expect(user(DEMO_ACCOUNTS.organiser.email)).toMatchObject({ role: "ORGANISER", name: "Claire Organisatrice" });
    expect(user(DEMO_ACCOUNTS.factory.email).role).toBe("USER");
    // The Cluses site of this edition, and its record of the previous one (to show re-registration).
    const { slug } = await db.edition.findUniqueOrThrow({ where: { id: summary.editionId } });
    const previousCluses = await db.factory.findFirstOrThrow({ where: { siret: first.siret, edition: { slug: previousSlugOf(slug) } } });
    expect(user(DEMO_ACCOUNTS.factory.email).factoryContacts.map((c) => c.factoryId).sort()).toEqual([first.id, previousCluses.id].sort());
    expect(user(DEMO_ACCOUNTS.teacher.email).role).toBe("USER");
    const classVisits = await db.booking.findMany({ where: { editionId: summary.editionId, email: DEMO_ACCOUNTS.teacher.email } });
    expect(classVisits).toMatchObject([{ kind: "GROUP", status: "CONFIRMED", userId: user(DEMO_ACCOUNTS.teacher.email).id }]);
  });

  it("offers coaches and holds three requests: the demo teacher's waiting, one accepted within the budget, one refused (lib/seed/transport.ts)", async () => {
    const edition = await db.edition.findUniqueOrThrow({ where: { id: summary.editionId } });
    expect(edition.transportBudgetEuros).toBe(15_000);
    const requests = await db.transportRequest.findMany({
      where: { editionId: summary.editionId },
      include: { booking: { select: { email: true, students: true, status: true, schoolUai: true, slot: { select: { factory: { select: { departmentCode: true } } } } } } },
    });
    expect(requests.map((r) => r.status).sort()).toEqual(["ACCEPTED", "REFUSED", "REQUESTED"]);
    expect(requests.find((r) => r.status === "REQUESTED")!.booking.email).toBe(DEMO_ACCOUNTS.teacher.email);
    const accepted = requests.find((r) => r.status === "ACCEPTED")!;
    expect(accepted.costEuros).toBeLessThanOrEqual(edition.transportBudgetEuros);
    expect(accepted.decidedById).not.toBeNull();
    for (const r of requests) {
      expect(r.booking).toMatchObject({ status: "CONFIRMED", schoolUai: expect.any(String) });
      expect(r.pupils).toBeLessThanOrEqual(r.booking.students!);
      expect(r.distanceKm).toBe(distanceKm(r.departureDepartment, r.booking.slot.factory.departmentCode));
    }
  });

  it("seeds last year's edition with its results: returning sites, check-ins, no-shows, walk-ins and both surveys", async () => {
    const current = await db.edition.findUniqueOrThrow({ where: { id: summary.editionId } });
    const previous = await db.edition.findUniqueOrThrow({ where: { slug: previousSlugOf(current.slug) } });
    expect(previous).toMatchObject({ firstDay: new Date("2026-03-20T00:00:00Z"), lastDay: new Date("2026-03-21T00:00:00Z") });
    const sirets = async (editionId: string) => new Set((await db.factory.findMany({ where: { editionId }, select: { siret: true } })).map((f) => f.siret));
    const [now, before] = [await sirets(current.id), await sirets(previous.id)];
    const returning = [...before].filter((s) => now.has(s)).length;
    expect(returning).toBe(before.size);
    expect(before.size).toBeLessThan(now.size);
    // Every slot's counter is its bookings' seats plus the people let in at the door, within capacity.
    const { rows } = await pool.query<{ capacity: number; taken: number; walkins: number; seats: number; walkin_rows: number }>(
      `SELECT s.capacity, s.taken, s."takenByWalkIns" AS walkins,
              COALESCE((SELECT sum(b.seats) FROM "Booking" b WHERE b."slotId" = s.id AND b.status IN ('CONFIRMED', 'CHECKED_IN')), 0)::int AS seats,
              COALESCE((SELECT sum(w.people) FROM "WalkIn" w WHERE w."slotId" = s.id), 0)::int AS walkin_rows
         FROM "Slot" s WHERE s."editionId" = $1`,
      [previous.id],
    );
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.taken !== r.seats + r.walkins || r.walkins !== r.walkin_rows || r.taken > r.capacity)).toEqual([]);
    expect(rows.filter((r) => r.walkins > 0).length).toBeGreaterThan(10);
    const statuses = await db.booking.groupBy({ by: ["status"], where: { editionId: previous.id }, _count: true });
    const count = (status: string) => statuses.find((s) => s.status === status)?._count ?? 0;
    expect(count("CHECKED_IN")).toBeGreaterThan(count("CONFIRMED"));
    expect(count("CONFIRMED")).toBeGreaterThan(0); // the no-shows
    expect(await db.surveyResponse.count({ where: { booking: { editionId: previous.id } } })).toBeGreaterThan(50);
    expect(await db.hostSurvey.count({ where: { factory: { editionId: previous.id }, answeredAt: { not: null } } })).toBeGreaterThan(20);
  });

  it("places slots on the two event days, in Paris time, for approved factories only", async () => {
    const slots = await db.slot.findMany({ where: { editionId: summary.editionId }, include: { factory: true } });
    const perFactory = new Map<string, number>();
    for (const slot of slots) {
      const local = parisTime(slot.startsAt);
      expect([local.getFullYear(), local.getMonth() + 1]).toEqual([2027, 3]);
      expect([19, 20]).toContain(local.getDate());
      expect(local.getHours() * 60 + local.getMinutes()).toBeGreaterThanOrEqual(9 * 60);
      expect(local.getHours() * 60 + local.getMinutes()).toBeLessThanOrEqual(16 * 60);
      expect([0, 30]).toContain(local.getMinutes());
      expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(slot.durationMinutes * 60_000);
      expect(slot.durationMinutes).toBeGreaterThanOrEqual(60);
      expect(slot.durationMinutes).toBeLessThanOrEqual(120);
      expect(slot.capacity).toBeGreaterThanOrEqual(8);
      expect(slot.capacity).toBeLessThanOrEqual(40);
      expect(slot.factory.status).toBe("APPROVED");
      // Schools are closed on Saturday.
      if (local.getDate() === 20) expect(slot.audience).toBe("PUBLIC");
      if (slot.schoolReservedSeats > 0) {
        expect(slot.audience).toBe("BOTH");
        expect(slot.schoolReservedUntil).toEqual(new Date("2027-02-28T23:00:00Z"));
      }
      perFactory.set(slot.factoryId, (perFactory.get(slot.factoryId) ?? 0) + 1);
    }
    expect(Math.min(...perFactory.values())).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perFactory.values())).toBeLessThanOrEqual(6);
    expect(perFactory.size).toBe(await db.factory.count({ where: { editionId: summary.editionId, status: "APPROVED" } }));
    expect(new Set(slots.map((s) => s.audience))).toEqual(new Set(["PUBLIC", "SCHOOL", "BOTH"]));
    expect(new Set(slots.map((s) => s.language))).toEqual(new Set(["fr", "en"]));
    expect(new Set(slots.map((s) => s.format)).size).toBe(4);
  });

  it("keeps each slot's counters equal to its confirmed bookings, within capacity", async () => {
    const { rows } = await pool.query<{ id: string; capacity: number; taken: number; takenBySchools: number; confirmed: number; groups: number }>(
      `SELECT s.id, s.capacity, s.taken, s."takenBySchools",
              COALESCE(SUM(b.seats) FILTER (WHERE b.status IN ('CONFIRMED', 'CHECKED_IN')), 0)::int AS confirmed,
              COALESCE(SUM(b.seats) FILTER (WHERE b.status IN ('CONFIRMED', 'CHECKED_IN') AND b.kind = 'GROUP' AND b."organisationType" IS NULL), 0)::int AS groups
         FROM "Slot" s LEFT JOIN "Booking" b ON b."slotId" = s.id
        WHERE s."editionId" = $1
        GROUP BY s.id`,
      [summary.editionId],
    );
    expect(rows.length).toBe(summary.slots);
    expect(rows.filter((r) => r.taken !== r.confirmed || r.takenBySchools !== r.groups || r.taken > r.capacity)).toEqual([]);
    expect(rows.filter((r) => r.taken === 0).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.taken > 0 && r.taken < r.capacity).length).toBeGreaterThan(rows.length / 3);
    expect(rows.filter((r) => r.taken === r.capacity).length).toBeGreaterThan(0);
  });

  it("waitlists bookings only on slots where none of them would fit", async () => {
    const { rows } = await pool.query<{ free: number; smallest: number; entries: number }>(
      `SELECT s.capacity - s.taken AS free, MIN(b.seats) AS smallest, COUNT(*)::int AS entries
         FROM "Slot" s JOIN "Booking" b ON b."slotId" = s.id AND b.status = 'WAITLISTED'
        WHERE s."editionId" = $1
        GROUP BY s.id`,
      [summary.editionId],
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(row.smallest).toBeGreaterThan(row.free);
      expect(row.entries).toBeLessThanOrEqual(3);
    }
  });

  it("creates valid group and individual bookings within per-person limits", async () => {
    const bookings = await db.booking.findMany({ where: { editionId: summary.editionId }, include: { slot: { include: { factory: true } } } });
    const groups = bookings.filter((b) => b.kind === "GROUP" && b.organisationType === null);
    expect(groups.length).toBeGreaterThan(10);
    // One France Travail group (docs/decisions/0017-groups-beyond-schools.md), on a visit open to employment professionals.
    const others = bookings.filter((b) => b.organisationType !== null);
    expect(others.map((b) => ({ type: b.organisationType, siret: b.siret, students: b.students, adults: b.adults, open: b.slot.openToEmployment }))).toEqual(
      [{ type: "EMPLOYMENT", siret: "13000548100010", students: 12, adults: 2, open: true }],
    );
    for (const b of groups) {
      expect(validateUai(b.schoolUai!).ok, b.schoolUai!).toBe(true);
      expect(b.students! + b.adults!).toBe(b.seats);
      expect(b.schoolName).toMatch(/^(Collège|Lycée)/);
      expect(b.classLevel).toBeTruthy();
      expect(b.slot.audience).not.toBe("PUBLIC");
      const ratio = b.slot.factory.studentsPerAdult;
      if (ratio) expect(b.students!).toBeLessThanOrEqual(b.adults! * ratio);
    }
    for (const b of bookings.filter((b) => b.kind === "INDIVIDUAL")) {
      expect(b.seats).toBeLessThanOrEqual(b.slot.maxSeatsPerBooking);
      expect(b.slot.audience).not.toBe("SCHOOL");
      expect(b.email).toMatch(/^[a-z0-9.-]+@example\.org$/);
    }
    expect(bookings.every((b) => /^[A-HJ-NP-Z2-9]{8}$/.test(b.ticketCode))).toBe(true);
    expect(new Set(bookings.map((b) => b.ticketCode)).size).toBe(bookings.length);
    expect(bookings.filter((b) => b.status === "CANCELLED").every((b) => b.cancelledAt)).toBe(true);

    const { rows: hashes } = await pool.query<{ bad: number }>(
      `SELECT COUNT(*)::int AS bad FROM "Booking"
        WHERE "editionId" = $1 AND NOT ("manageTokenHash" ~ '^[0-9a-f]{64}$' AND "ticketTokenHash" ~ '^[0-9a-f]{64}$')`,
      [summary.editionId],
    );
    expect(hashes[0].bad).toBe(0);

    const active = new Map<string, number>();
    for (const b of bookings.filter((b) => b.status !== "CANCELLED")) active.set(b.email, (active.get(b.email) ?? 0) + 1);
    expect(Math.max(...active.values())).toBeLessThanOrEqual(3);

    // Until their release date, seats reserved for schools are not sold to individuals.
    for (const slot of new Map(bookings.map((b) => [b.slotId, b.slot])).values()) {
      if (slot.schoolReservedSeats === 0) continue;
      const individuals = bookings
        .filter((b) => b.slotId === slot.id && b.kind === "INDIVIDUAL" && b.status === "CONFIRMED")
        .reduce((sum, b) => sum + b.seats, 0);
      expect(individuals).toBeLessThanOrEqual(slot.capacity - Math.max(0, slot.schoolReservedSeats - slot.takenBySchools));
    }
  });

  it("gives most visits practical information (lib/seed/practical.ts), the same for the same seed", async () => {
    const practical = async (editionId: string) =>
      db.slot.findMany({
        where: { editionId },
        orderBy: [{ factory: { arrival: "asc" } }, { startsAt: "asc" }],
        select: { meetingPoint: true, parkingInfo: true, publicTransport: true, walkingDistanceMeters: true, ppe: true, photographyAllowed: true },
      });
    const slots = await practical(summary.editionId);
    const share = (test: (slot: (typeof slots)[number]) => boolean) => slots.filter(test).length / slots.length;
    expect(share((s) => s.meetingPoint !== null)).toBeGreaterThan(0.75);
    expect(share((s) => s.parkingInfo !== null)).toBeGreaterThan(0.6);
    // Only towns with a network (most seeded factories are in small towns).
    expect(share((s) => s.publicTransport !== null)).toBeGreaterThan(0.02);
    expect(share((s) => s.publicTransport !== null)).toBeLessThan(0.9);
    for (const ppe of ["PROVIDED", "REQUIRED_OWN", "NONE"]) expect(share((s) => s.ppe === ppe)).toBeGreaterThan(0);
    expect(share((s) => s.photographyAllowed === false)).toBeGreaterThan(0.1);
    expect(slots.every((s) => s.walkingDistanceMeters === null || (s.walkingDistanceMeters >= 0 && s.walkingDistanceMeters <= 5000))).toBe(true);

    const options = { factories: 30, seed: 7, withBookings: false };
    const a = await seed({ ...options, slug: `seed-pa-${uid()}` });
    const b = await seed({ ...options, slug: `seed-pb-${uid()}` });
    expect(await practical(b.editionId)).toEqual(await practical(a.editionId));
  });

  it("chains demo coach circuits (lib/seed/circuits.ts) that pass the organiser's checks", async () => {
    const circuits = await db.circuit.findMany({
      where: { editionId: summary.editionId },
      include: { legs: { orderBy: { position: "asc" }, include: { slot: { include: { factory: true } } } } },
    });
    expect(circuits.find((c) => c.departureDepartmentCode === "69")?.status).toBe("PUBLISHED");
    for (const circuit of circuits) {
      expect(circuit.legs.length).toBeGreaterThanOrEqual(2);
      const legs = circuit.legs.map(({ slot }) => ({ slotId: slot.id, factoryId: slot.factoryId, communeCode: slot.factory.communeCode, departmentCode: slot.factory.departmentCode, startsAt: slot.startsAt, endsAt: slot.endsAt }));
      const { ordered, problems } = checkTimeline({ communeCode: null, departmentCode: circuit.departureDepartmentCode, departsAt: circuit.departsAt, returnsAt: circuit.returnsAt }, legs);
      expect(problems, circuit.name).toEqual([]);
      expect(ordered.map((l) => l.slotId)).toEqual(legs.map((l) => l.slotId));
      expect(circuit.legs.every(({ slot }) => slot.status === "OPEN" && slot.factory.status === "APPROVED")).toBe(true);
    }
    // The published tour has parties on board, counted on its bus and on every leg, as a booking would.
    const published = circuits.find((c) => c.status === "PUBLISHED")!;
    const parties = await db.circuitBooking.findMany({ where: { circuitId: published.id }, include: { legs: true } });
    expect(parties.map((p) => [p.status, p.seats])).toEqual([["CONFIRMED", 2], ["CONFIRMED", 3], ["CONFIRMED", 2]]);
    expect(published.busTaken).toBe(7);
    for (const party of parties) expect(party.legs.map((leg) => leg.slotId).sort()).toEqual(published.legs.map((leg) => leg.slotId).sort());
    for (const { slot } of published.legs) {
      const held = await db.booking.aggregate({ where: { slotId: slot.id, status: { in: ["CONFIRMED", "CHECKED_IN"] } }, _sum: { seats: true } });
      expect(slot.taken, `slot ${slot.id}: taken = Σ seats`).toBe(held._sum.seats);
      // Its stops hold seats for circuits until a week before; the parties' 7 seats count against them.
      expect(slot.takenByCircuits).toBe(7);
      expect(slot.circuitReservedSeats).toBeGreaterThan(0);
      expect(slot.circuitReservedUntil).toEqual(new Date(slot.startsAt.getTime() - 7 * 24 * 3600_000));
    }
  });

  it("opens a demo draw and leaves one closed, which the scheduler's run draws and places (lib/seed/draws.ts)", async () => {
    const draws = await db.draw.findMany({ where: { editionId: summary.editionId }, include: { offers: true, applications: true }, orderBy: { wishesCloseAt: "desc" } });
    expect(draws.map((d) => [d.name, d.drawnAt])).toEqual([
      ["Les visites les plus demandées du samedi", null],
      ["Tirage de la première heure", null],
    ]);
    const [open, closed] = draws;
    expect(open.wishesOpenAt.getTime()).toBeLessThan(Date.now());
    expect(open.wishesCloseAt.getTime()).toBeGreaterThan(Date.now());
    expect(closed.wishesCloseAt.getTime()).toBeLessThan(Date.now());
    for (const draw of draws) expect(draw.commitment).toBe(commitmentOf(draw.seed));
    // The open draw also allocates a coach tour of its own: published, sharing no stop with another.
    const tourOffer = open.offers.find((offer) => offer.circuitId);
    const tour = await db.circuit.findUniqueOrThrow({ where: { id: tourOffer!.circuitId! }, include: { legs: { include: { slot: { include: { _count: { select: { circuitLegs: true } } } } } } } });
    expect(tour.status).toBe("PUBLISHED");
    expect(tour.legs.length).toBeGreaterThanOrEqual(2);
    for (const leg of tour.legs) expect(leg.slot._count.circuitLegs).toBe(1);
    expect(open.applications.some((application) => application.wishes.includes(tour.id))).toBe(true);

    // What the scheduler does at its first run: the real draw, on the seeded wishes.
    const { drawn, record, placed, refused } = await runDraw(closed.id);
    expect(drawn).toBe(true);
    expect(refused).toBe(0);
    expect(verifyDraw(record).ok).toBe(true);
    expect(placed).toBe(record.allocations.length);
    expect(placed).toBeGreaterThan(0);
    const slots = await db.slot.findMany({ where: { id: { in: closed.offers.flatMap((o) => (o.slotId ? [o.slotId] : [])) } } });
    for (const slot of slots) {
      const held = await db.booking.aggregate({ where: { slotId: slot.id, status: { in: ["CONFIRMED", "CHECKED_IN"] } }, _sum: { seats: true } });
      expect(slot.taken, `slot ${slot.id}: taken = Σ seats`).toBe(held._sum.seats ?? 0);
      expect(slot.taken).toBeLessThanOrEqual(slot.capacity);
    }
  });

  it("is deterministic: the same seed gives the same factories and slot times", async () => {
    const snapshot = async (editionId: string) => {
      const factories = await db.factory.findMany({
        where: { editionId },
        orderBy: { arrival: "asc" },
        include: { slots: { orderBy: { startsAt: "asc" } } },
      });
      return factories.map((f) => ({
        name: `${f.companyName} — ${f.siteName}`,
        siret: f.siret,
        commune: f.communeCode,
        status: f.status,
        slots: f.slots.map((s) => `${s.startsAt.toISOString()} ${s.durationMinutes} ${s.capacity} ${s.audience}`),
      }));
    };
    const options = { factories: 40, seed: 42, withBookings: false };
    const a = await seed({ ...options, slug: `seed-a-${uid()}` });
    const b = await seed({ ...options, slug: `seed-b-${uid()}` });
    const other = await seed({ ...options, seed: 43, slug: `seed-c-${uid()}` });
    expect(b.slots).toBe(a.slots);
    expect(await snapshot(b.editionId)).toEqual(await snapshot(a.editionId));
    expect((await snapshot(other.editionId)).map((f) => f.name)).not.toEqual((await snapshot(a.editionId)).map((f) => f.name));
  });

  it("seeds 1,000 factories with 10 slots each (the time is printed; timing targets live in the bench)", async () => {
    const started = performance.now();
    const big = await seed({ factories: 1000, slotsPerFactory: [10, 10], slug: `seed-bench-${uid()}` });
    const seconds = (performance.now() - started) / 1000;
    console.log(`1,000 factories: ${big.slots} slots, ${big.bookings} bookings in ${seconds.toFixed(2)} s`);

    const approved = await db.factory.count({ where: { editionId: big.editionId, status: "APPROVED" } });
    expect(big.factories).toBe(1000);
    expect(big.slots).toBe(10 * approved);
    expect(await db.slot.count({ where: { editionId: big.editionId } })).toBe(big.slots);
  });
});
