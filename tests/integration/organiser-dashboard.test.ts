// The organisers' dashboard figures, against a seeded edition plus a few hand-made edge cases
// (a cancelled slot, a pending factory's slot, a visit just after midnight Paris time, a checked-in
// booking, outbox rows in every state). Every number is checked against SQL written here,
// independently of lib/organiser/dashboard.ts: seats are recounted from the bookings themselves
// (the dashboard reads the slots' counters), days are cut with PostgreSQL's own time-zone rules.
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { REGIONS, regionName } from "@/lib/geo/regions";
import { maskEmail, organiserDashboard, type Dashboard, type VisitFigures } from "@/lib/organiser/dashboard";
import { SIZE_BANDS } from "@/lib/reference/size-band";
import { seedEdition } from "@/lib/seed/generate";
import { createFactory, createSlot, uid } from "../fixtures/factories";

let editionId: string;
let dashboard: Dashboard;
const outboxIds: bigint[] = [];
const failedTo = `echec-${uid()}@example.fr`;

beforeAll(async () => {
  ({ editionId } = await seedEdition(db, { factories: 160, slug: `dash-${uid()}`, seed: 4242 }));

  // A cancelled slot of an approved factory: not published.
  const approved = await db.factory.findFirstOrThrow({ where: { editionId, status: "APPROVED" }, orderBy: { arrival: "asc" } });
  await createSlot(approved, { startsAt: new Date("2027-03-19T08:00:00Z"), capacity: 33, status: "CANCELLED" });
  // A pending factory's open slot: not published either.
  const pending = await createFactory(editionId, { status: "PENDING", regionCode: "53", departmentCode: "29", sectorCode: "10" });
  await createSlot(pending, { startsAt: new Date("2027-03-19T09:00:00Z"), capacity: 17 });
  // 23:30 UTC on the 19th is 00:30 on the 20th in Paris (UTC+1 in March before the 28th).
  const late = await createSlot(approved, { startsAt: new Date("2027-03-19T23:30:00Z"), capacity: 12 });
  expect(late.id).toBeTruthy();
  // A visitor checked in at the door still holds a booked seat.
  const confirmed = await db.booking.findFirstOrThrow({ where: { editionId, status: "CONFIRMED" }, orderBy: { queue: "asc" } });
  await db.booking.update({ where: { id: confirmed.id }, data: { status: "CHECKED_IN", checkedInCount: confirmed.seats, checkedInAt: new Date() } });

  // Outbox rows in every state (the outbox is platform-wide).
  const now = Date.now();
  for (const row of [
    { to: `attente-${uid()}@example.fr`, status: "PENDING" as const, attempts: 0, createdAt: new Date(now - 3 * 3600_000) },
    { to: `retry-${uid()}@example.fr`, status: "PENDING" as const, attempts: 2, lastError: "ECONNREFUSED" },
    { to: failedTo, status: "FAILED" as const, attempts: 8, lastError: "550 5.1.1 mailbox unavailable" },
    { to: `ok-${uid()}@example.fr`, status: "SENT" as const, attempts: 1, sentAt: new Date(now - 3600_000) },
    { to: `vieux-${uid()}@example.fr`, status: "SENT" as const, attempts: 1, sentAt: new Date(now - 48 * 3600_000) },
  ]) {
    const created = await db.emailOutbox.create({ data: { subject: "Test du tableau de bord", text: "t", html: "<p>t</p>", template: "test.dashboard", ...row } });
    outboxIds.push(created.id);
  }

  dashboard = await organiserDashboard(editionId);
}, 120_000);

afterAll(async () => {
  await db.emailOutbox.deleteMany({ where: { id: { in: outboxIds } } });
  if (editionId) await db.edition.delete({ where: { id: editionId } });
});

describe("factories and representativity", () => {
  it("counts factories by status", async () => {
    const rows = await db.$queryRaw<{ status: string; n: number }[]>`
      SELECT status::text, count(*)::int AS n FROM "Factory" WHERE "editionId" = ${editionId} GROUP BY 1`;
    const expected = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(dashboard.factories).toEqual({
      APPROVED: expected.APPROVED ?? 0,
      PENDING: expected.PENDING ?? 0,
      WAITLISTED: expected.WAITLISTED ?? 0,
      REJECTED: expected.REJECTED ?? 0,
      total: rows.reduce((sum, r) => sum + r.n, 0),
    });
    // The seed makes every status appear.
    expect(dashboard.factories.PENDING).toBeGreaterThan(0);
    expect(dashboard.factories.WAITLISTED).toBeGreaterThan(0);
    expect(dashboard.factories.REJECTED).toBeGreaterThan(0);
  });

  const columns = { REGION: Prisma.raw(`"regionCode"`), SECTOR: Prisma.raw(`"sectorCode"::text`), SIZE: Prisma.raw(`"sizeBand"::text`) } as const;

  for (const dimension of ["REGION", "SECTOR", "SIZE"] as const) {
    it(`${dimension}: approved / pending / waitlisted / rejected vs target and cap, under-target flagged`, async () => {
      const counts = await db.$queryRaw<{ value: string; status: string; n: number }[]>`
        SELECT ${columns[dimension]} AS value, status::text, count(*)::int AS n
        FROM "Factory" WHERE "editionId" = ${editionId} GROUP BY 1, 2`;
      const quotas = await db.quota.findMany({ where: { editionId, dimension } });
      const values = new Set([...counts.map((c) => c.value), ...quotas.map((q) => q.value)]);
      if (dimension === "REGION") REGIONS.forEach((r) => values.add(r.code));
      if (dimension === "SIZE") SIZE_BANDS.forEach((b) => values.add(b));

      const rows = dashboard.representativity[dimension];
      expect(rows.map((r) => r.value).sort()).toEqual([...values].sort());
      let underTarget = 0;
      for (const value of values) {
        const count = (status: string) => counts.find((c) => c.value === value && c.status === status)?.n ?? 0;
        const quota = quotas.find((q) => q.value === value);
        const target = quota?.target ?? null;
        const cap = quota?.cap ?? null;
        const approved = count("APPROVED");
        const row = rows.find((r) => r.value === value)!;
        expect(row, `${dimension} ${value}`).toMatchObject({
          approved,
          pending: count("PENDING"),
          waitlisted: count("WAITLISTED"),
          rejected: count("REJECTED"),
          target,
          cap,
          underTarget: target !== null && approved < target,
          missing: target !== null ? Math.max(0, target - approved) : 0,
          capReached: cap !== null && approved >= cap,
          overCap: cap !== null && approved > cap,
        });
        if (target !== null && approved < target) underTarget++;
      }
      expect(rows.filter((r) => r.underTarget)).toHaveLength(underTarget);
    });
  }

  it("lists the 18 regions, overseas ones last and marked, with their names", () => {
    const regions = dashboard.representativity.REGION;
    expect(regions).toHaveLength(18);
    expect(regions.filter((r) => r.overseas).map((r) => r.value)).toEqual(["01", "02", "03", "04", "06"]);
    expect(regions.slice(-5).every((r) => r.overseas)).toBe(true);
    for (const r of regions) expect(r.label.fr).toBe(regionName(r.value));
    expect(dashboard.representativity.SIZE.map((r) => r.value)).toEqual(["TPE", "PME", "ETI", "GE"]);
    // The seed's phase and quotas leave some values under target: the flag is exercised.
    expect(Object.values(dashboard.representativity).flat().some((r) => r.underTarget)).toBe(true);
  });
});

describe("visits and seats", () => {
  // Per published slot (OPEN, of an APPROVED factory), its seats recounted from its bookings.
  const perSlot = () => Prisma.sql`
    SELECT s.id, s.capacity,
           ((s."startsAt" AT TIME ZONE 'Europe/Paris')::date)::text AS day,
           f."regionCode" AS region, f."sectorCode"::text AS sector,
           (SELECT COALESCE(sum(b.seats), 0) FROM "Booking" b WHERE b."slotId" = s.id AND b.status IN ('CONFIRMED', 'CHECKED_IN')) AS booked,
           (SELECT COALESCE(sum(b.seats), 0) FROM "Booking" b WHERE b."slotId" = s.id AND b.status IN ('CONFIRMED', 'CHECKED_IN') AND b.kind = 'GROUP') AS school,
           (SELECT count(*) FROM "Booking" b WHERE b."slotId" = s.id AND b.status = 'WAITLISTED') AS wl_entries,
           (SELECT COALESCE(sum(b.seats), 0) FROM "Booking" b WHERE b."slotId" = s.id AND b.status = 'WAITLISTED') AS wl_seats
    FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId"
    WHERE s."editionId" = ${editionId} AND s.status = 'OPEN' AND f.status = 'APPROVED'`;

  async function expected(groupBy: "day" | "region" | "sector" | null) {
    const key = groupBy ? Prisma.raw(groupBy) : Prisma.sql`''`;
    const rows = await db.$queryRaw<{ key: string; slots: number; capacity: number; booked: number; school: number; wl_entries: number; wl_seats: number; full: number; full_waiting: number; full_waiting_entries: number }[]>`
      SELECT ${key} AS key, count(*)::int AS slots, sum(capacity)::int AS capacity, sum(booked)::int AS booked,
             sum(school)::int AS school, sum(wl_entries)::int AS wl_entries, sum(wl_seats)::int AS wl_seats,
             count(*) FILTER (WHERE booked >= capacity)::int AS full,
             count(*) FILTER (WHERE booked >= capacity AND wl_entries > 0)::int AS full_waiting,
             COALESCE(sum(wl_entries) FILTER (WHERE booked >= capacity), 0)::int AS full_waiting_entries
      FROM (${perSlot()}) per_slot
      ${groupBy ? Prisma.sql`GROUP BY ${key}` : Prisma.empty}
      ORDER BY 1`;
    return rows.map((r) => ({
      key: r.key,
      figures: {
        slots: r.slots,
        capacity: r.capacity,
        seatsBooked: r.booked,
        schoolSeats: r.school,
        fillRate: r.capacity > 0 ? r.booked / r.capacity : null,
        schoolShare: r.booked > 0 ? r.school / r.booked : null,
        waitlistEntries: r.wl_entries,
        waitlistSeats: r.wl_seats,
        fullSlots: r.full,
        fullSlotsWithWaitlist: r.full_waiting,
        fullSlotsWaitlistEntries: r.full_waiting_entries,
      } satisfies VisitFigures,
    }));
  }

  it("totals: published slots, capacity, seats booked, fill rate, school share, waiting list", async () => {
    const [total] = await expected(null);
    expect(dashboard.visits.totals).toEqual(total.figures);
    expect(total.figures.waitlistEntries).toBeGreaterThan(0);
    expect(total.figures.schoolSeats).toBeGreaterThan(0);
    // Neither the cancelled slot nor the pending factory's slot is counted.
    const [{ all }] = await db.$queryRaw<{ all: number }[]>`SELECT count(*)::int AS all FROM "Slot" WHERE "editionId" = ${editionId}`;
    expect(dashboard.visits.totals.slots).toBe(all - 2);
  });

  for (const by of ["day", "region", "sector"] as const) {
    it(`by ${by}`, async () => {
      const rows = await expected(by);
      const actual = by === "day" ? dashboard.visits.byDay : by === "region" ? dashboard.visits.byRegion : dashboard.visits.bySector;
      expect(actual.map((r) => r.key).sort()).toEqual(rows.map((r) => r.key));
      // Days and sectors in order; regions: mainland ones first (as on the map), then overseas.
      const overseas = (key: string) => REGIONS.find((r) => r.code === key)?.overseas === true;
      const order = by === "region" ? [...rows.filter((r) => !overseas(r.key)), ...rows.filter((r) => overseas(r.key))] : rows;
      expect(actual.map((r) => r.key)).toEqual(order.map((r) => r.key));
      for (const row of rows) expect(actual.find((a) => a.key === row.key), `${by} ${row.key}`).toEqual({ key: row.key, ...row.figures });
    });
  }

  it("cuts days in Paris time: a visit at 00:30 on the 20th belongs to the 20th", async () => {
    expect(dashboard.visits.byDay.map((d) => d.key)).toEqual(["2027-03-19", "2027-03-20"]);
    // Paris is UTC+1 on 19–20 March 2027: the 20th runs from 23:00 UTC on the 19th.
    const [{ capacity }] = await db.$queryRaw<{ capacity: number }[]>`
      SELECT sum(s.capacity)::int AS capacity FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId"
      WHERE s."editionId" = ${editionId} AND s.status = 'OPEN' AND f.status = 'APPROVED'
        AND s."startsAt" >= ${new Date("2027-03-19T23:00:00Z")} AND s."startsAt" < ${new Date("2027-03-20T23:00:00Z")}`;
    expect(dashboard.visits.byDay[1].capacity).toBe(capacity);
    const sum = (key: keyof VisitFigures) => dashboard.visits.byDay.reduce((s, d) => s + (d[key] as number), 0);
    expect(sum("slots")).toBe(dashboard.visits.totals.slots);
    expect(sum("seatsBooked")).toBe(dashboard.visits.totals.seatsBooked);
  });
});

describe("e-mail outbox", () => {
  it("counts pending, retrying, failed and sent mail, and shows permanent failures with a masked address", async () => {
    const [counts] = await db.$queryRaw<{ pending: number; retrying: number; failed: number; sent: number; oldest: Date | null }[]>`
      SELECT (SELECT count(*) FROM "EmailOutbox" WHERE status = 'PENDING')::int AS pending,
             (SELECT count(*) FROM "EmailOutbox" WHERE status = 'PENDING' AND attempts > 0)::int AS retrying,
             (SELECT count(*) FROM "EmailOutbox" WHERE status = 'FAILED')::int AS failed,
             (SELECT count(*) FROM "EmailOutbox" WHERE status = 'SENT' AND "sentAt" >= now() - interval '1 day')::int AS sent,
             (SELECT min("createdAt") FROM "EmailOutbox" WHERE status = 'PENDING') AS oldest`;
    const { outbox } = dashboard;
    expect(outbox).toMatchObject({ pending: counts.pending, retrying: counts.retrying, failed: counts.failed, sentLast24h: counts.sent });
    expect(outbox.oldestPendingAt?.toISOString()).toBe(counts.oldest?.toISOString());
    expect(counts.failed).toBeGreaterThanOrEqual(1);

    const failure = outbox.recentFailures.find((f) => f.template === "test.dashboard");
    expect(failure).toMatchObject({ to: maskEmail(failedTo), attempts: 8, lastError: "550 5.1.1 mailbox unavailable" });
    expect(failure!.to).not.toContain(failedTo.split("@")[0]);
    expect(failure!.to.endsWith("@example.fr")).toBe(true);
  });
});

describe("what needs action (the first screen)", () => {
  it("counts registrations to validate, full visits with people waiting, approved sites without a visit, failed e-mails", async () => {
    const [expected] = await db.$queryRaw<{ pending: number; without: number }[]>`
      SELECT (SELECT count(*) FROM "Factory" WHERE "editionId" = ${editionId} AND status = 'PENDING')::int AS pending,
             (SELECT count(*) FROM "Factory" f WHERE f."editionId" = ${editionId} AND f.status = 'APPROVED'
                AND (SELECT count(*) FROM "Slot" s WHERE s."factoryId" = f.id AND s.status = 'OPEN') = 0)::int AS without`;
    const { toDo } = dashboard;
    expect(toDo.toValidate).toBe(expected.pending);
    expect(toDo.approvedWithoutVisit).toBe(expected.without);
    expect(toDo.failedEmails).toBe(dashboard.outbox.failed);
    expect(toDo.fullWithWaitlist).toBe(dashboard.visits.totals.fullSlotsWithWaitlist);
    expect(toDo.waitingOnFull).toBe(dashboard.visits.totals.fullSlotsWaitlistEntries);
    expect(toDo.fullWithWaitlist).toBeLessThanOrEqual(dashboard.visits.totals.fullSlots);
  });

  it("lists the regions below target, furthest below first", () => {
    const { regionsUnderTarget } = dashboard.toDo;
    expect(regionsUnderTarget.map((r) => r.value).sort()).toEqual(dashboard.representativity.REGION.filter((r) => r.underTarget).map((r) => r.value).sort());
    expect(regionsUnderTarget.length).toBeGreaterThan(0);
    for (let i = 1; i < regionsUnderTarget.length; i++) expect(regionsUnderTarget[i - 1].missing).toBeGreaterThanOrEqual(regionsUnderTarget[i].missing);
  });
});
