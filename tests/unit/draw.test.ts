// Property tests of the draw (lib/draw): random offers, pools and ranked wishes, random seeds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, commitmentOf, drawKey, drawOrder, newSeed, type DrawApplication, type DrawOffer, type DrawPool } from "@/lib/draw/allocate";
import { verifyDraw } from "@/lib/draw/verify";

const RUNS = { numRuns: 300 };
const POOLS: DrawPool[] = ["PUBLIC", "SCHOOL"];

const seed = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("hex"));

// 1–6 offers with 0–12 seats per pool, and up to 40 applications of 1–6 seats wishing 1–3 distinct
// offers (sometimes an offer that does not exist, as a stale form might send).
const scene = fc
  .integer({ min: 1, max: 6 })
  .chain((offerCount) => {
    const offerIds = Array.from({ length: offerCount }, (_, i) => `o${i}`);
    const offers = fc.tuple(...offerIds.map((id) => fc.record({ PUBLIC: fc.nat(12), SCHOOL: fc.nat(12) }).map((seats): DrawOffer => ({ id, seats }))));
    const application = fc.record({
      pool: fc.constantFrom(...POOLS),
      seats: fc.integer({ min: 1, max: 6 }),
      wishes: fc.uniqueArray(fc.constantFrom(...offerIds, "gone"), { minLength: 1, maxLength: 3 }),
    });
    const applications = fc
      .array(application, { maxLength: 40 })
      .map((list) => list.map((a, i): DrawApplication => ({ ...a, id: `a${i}` })));
    return fc.record({ offers, applications });
  });

// Re-plays the draw order and says, for application `id`, how many seats each offer had left in its
// pool at its turn (before it was served), from the allocations themselves.
function leftAtTurn(offers: readonly DrawOffer[], applications: readonly DrawApplication[], order: string[], allocations: { applicationId: string; offerId: string }[]) {
  const byId = new Map(applications.map((a) => [a.id, a]));
  const allocated = new Map(allocations.map((a) => [a.applicationId, a.offerId]));
  const left = new Map(offers.map((o) => [o.id, { ...o.seats }]));
  const atTurn = new Map<string, Map<string, Record<DrawPool, number>>>();
  for (const id of order) {
    atTurn.set(id, new Map([...left].map(([offerId, seats]) => [offerId, { ...seats }])));
    const offerId = allocated.get(id);
    if (offerId) left.get(offerId)![byId.get(id)!.pool] -= byId.get(id)!.seats;
  }
  return atTurn;
}

describe("draw by random serial dictatorship", () => {
  it("gives the same result for the same seed, whatever order the applications are listed in", () => {
    fc.assert(
      fc.property(seed, scene, fc.context(), (s, { offers, applications }, ctx) => {
        const shuffled = [...applications].reverse();
        ctx.log(`${applications.length} applications`);
        expect(allocate(s, offers, shuffled)).toEqual(allocate(s, offers, applications));
        expect(allocate(s, [...offers].reverse(), applications).allocations).toEqual(allocate(s, offers, applications).allocations);
      }),
      RUNS,
    );
  });

  it("never gives an offer more seats than it has, in either pool", () => {
    fc.assert(
      fc.property(seed, scene, (s, { offers, applications }) => {
        const { allocations } = allocate(s, offers, applications);
        const byId = new Map(applications.map((a) => [a.id, a]));
        for (const offer of offers) {
          for (const pool of POOLS) {
            const given = allocations
              .filter((a) => a.offerId === offer.id && byId.get(a.applicationId)!.pool === pool)
              .reduce((sum, a) => sum + byId.get(a.applicationId)!.seats, 0);
            expect(given, `${offer.id} ${pool}`).toBeLessThanOrEqual(offer.seats[pool]);
          }
        }
      }),
      RUNS,
    );
  });

  it("gives each application at most one of its own wishes, with its rank, and lists everyone once in the order", () => {
    fc.assert(
      fc.property(seed, scene, (s, { offers, applications }) => {
        const { order, allocations, waiting } = allocate(s, offers, applications);
        expect([...order].sort()).toEqual(applications.map((a) => a.id).sort());
        const ids = allocations.map((a) => a.applicationId);
        expect(new Set(ids).size).toBe(ids.length);
        const byId = new Map(applications.map((a) => [a.id, a]));
        for (const a of allocations) expect(byId.get(a.applicationId)!.wishes[a.rank - 1]).toBe(a.offerId);
        // Someone with a place waits nowhere; someone without one waits for each existing wish, in draw order.
        for (const [offerId, ids] of Object.entries(waiting)) {
          expect(ids.filter((id) => allocations.some((a) => a.applicationId === id))).toEqual([]);
          expect(ids).toEqual(order.filter((id) => ids.includes(id)));
          for (const id of ids) expect(byId.get(id)!.wishes).toContain(offerId);
        }
      }),
      RUNS,
    );
  });

  it("never gives a lower-ranked wish (or nothing) while a higher-ranked one had room at the applicant's turn", () => {
    fc.assert(
      fc.property(seed, scene, (s, { offers, applications }) => {
        const { order, allocations } = allocate(s, offers, applications);
        const atTurn = leftAtTurn(offers, applications, order, allocations);
        for (const application of applications) {
          const got = allocations.find((a) => a.applicationId === application.id);
          const better = got ? application.wishes.slice(0, got.rank - 1) : application.wishes;
          for (const offerId of better) {
            const left = atTurn.get(application.id)!.get(offerId)?.[application.pool] ?? 0;
            expect(left, `${application.id} passed over ${offerId}`).toBeLessThan(application.seats);
          }
        }
      }),
      RUNS,
    );
  });

  it("orders by SHA-256(seed:id), which anyone can recompute, and a different seed reorders", () => {
    const s = "a".repeat(64);
    expect(drawKey(s, "a1")).toMatch(/^[0-9a-f]{64}$/);
    const ids = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const order = drawOrder(s, ids);
    expect(order.map((id) => drawKey(s, id))).toEqual(ids.map((id) => drawKey(s, id)).sort());
    expect(drawOrder("b".repeat(64), ids)).not.toEqual(order);
  });
});

describe("draw:verify", () => {
  const offers: DrawOffer[] = [
    { id: "o1", seats: { PUBLIC: 3, SCHOOL: 28 } },
    { id: "o2", seats: { PUBLIC: 4, SCHOOL: 0 } },
  ];
  const applications: DrawApplication[] = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, pool: "PUBLIC", seats: 2, wishes: ["o1", "o2"] }));
  const s = newSeed();
  const record = { algorithm: "rsd-sha256-v1", seed: s, commitment: commitmentOf(s), offers, applications, allocations: allocate(s, offers, applications).allocations };

  it("accepts the record of a draw as published", () => {
    const report = verifyDraw(record);
    expect(report.lines).toContain("allocations: identical to the published ones");
    expect(report.ok).toBe(true);
  });

  it("reports a seed that does not match its commitment, and a changed allocation", () => {
    expect(verifyDraw({ ...record, commitment: commitmentOf(newSeed()) }).ok).toBe(false);
    const [first, ...rest] = record.allocations;
    const tampered = verifyDraw({ ...record, allocations: [...rest, { ...first, applicationId: "a-someone-else" }] });
    expect(tampered.ok).toBe(false);
    expect(tampered.lines.some((line) => line.startsWith("published but not in the re-run"))).toBe(true);
  });

  it("refuses a malformed record with the field named", () => {
    const report = verifyDraw({ ...record, seed: "not hex" });
    expect(report).toEqual({ ok: false, lines: ["invalid record: seed: seed.invalid"] });
  });
});
