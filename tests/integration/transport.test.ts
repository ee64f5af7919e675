// School transport (lib/transport, docs/decisions/0020-school-transport.md) against the real
// database: a class asks for a coach with its booking (one statement writes both; bad requests write
// nothing), organisers accept within the edition's budget or refuse with a reason (audit, e-mail),
// a cancelled booking frees its budget, the budget cannot fall below what is spent, and two
// organisers accepting at once never overspend — with a negative control that does without the lock.
import { describe, expect, it } from "vitest";
import { book, cancelBooking } from "@/lib/booking";
import { db, pool } from "@/lib/db";
import { distanceKm } from "@/lib/geo/distance";
import { editionSettingsForm, updateEditionSettings } from "@/lib/organiser/edition";
import { editionSettingsInput } from "@/lib/organiser/schemas";
import { bookingsSheet } from "@/lib/organiser/exports";
import { exportBookingData } from "@/lib/privacy/export";
import { acceptTransportRequest, refuseTransportRequest } from "@/lib/transport/decide";
import { listTransportRequests, transportFigures, transportOfBooking } from "@/lib/transport/queries";
import { BOOKED_AT, createFactory, createSlot, createVisitWeekendEdition, VISIT } from "../fixtures/factories";
import { caught, countBy, expectNothingWritten, groupInput } from "../fixtures/bookings";

const coach = { transport: true, transportPupils: 18, departurePostalCode: "69003" };

async function setup(budget: number, capacity = 60) {
  const edition = await createVisitWeekendEdition();
  if (budget > 0) await db.edition.update({ where: { id: edition.id }, data: { transportBudgetEuros: budget } });
  const factory = await createFactory(edition.id); // Cluses, Haute-Savoie (74)
  const slot = await createSlot(factory, { startsAt: VISIT, capacity, audience: "SCHOOL" });
  const teacher = await db.user.create({ data: { email: `prof-${slot.id}@example.fr` }, select: { id: true } });
  const organiser = await db.user.create({ data: { email: `orga-${slot.id}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });
  return { edition, slot, teacher, organiser };
}

/** A class of 20 booked with a coach request; its booking, manage token and request id. */
async function classWithCoach(slotId: string, teacherId: string, over: Parameters<typeof groupInput>[1] = {}) {
  const result = await book(groupInput(slotId, { ...coach, ...over }), { userId: teacherId, now: BOOKED_AT });
  if (result.replayed) throw new Error("unexpected replay");
  const request = await db.transportRequest.findUniqueOrThrow({ where: { bookingId: result.booking.id } });
  return { booking: result.booking, manageToken: result.manageToken, request };
}

const transportRows = () => db.transportRequest.count();

describe("a coach asked with a class booking", () => {
  it("is written with the booking, its departure resolved and the distance between departments computed", async () => {
    const { edition, slot, teacher } = await setup(5_000);
    const { booking, request } = await classWithCoach(slot.id, teacher.id);
    expect(booking.status).toBe("CONFIRMED");
    expect(request).toMatchObject({
      editionId: edition.id,
      pupils: 18,
      departureCommuneCode: "69123",
      departureCommuneName: "Lyon",
      departureDepartment: "69",
      distanceKm: distanceKm("69", "74"),
      status: "REQUESTED",
      costEuros: null,
    });
    expect(request.distanceKm).toBeGreaterThan(50);
    // Several communes share 74300: the one chosen is kept (the factory's own department here).
    const { request: local } = await classWithCoach(slot.id, teacher.id, { departurePostalCode: "74300", departureCommuneCode: "74081" });
    expect(local).toMatchObject({ departureCommuneName: "Cluses", departureDepartment: "74", distanceKm: 0 });
    const listed = await listTransportRequests(edition.id);
    expect(listed.map((r) => r.id)).toEqual([request.id, local.id]);
    expect(listed[0].booking).toMatchObject({ schoolName: "Lycée Henri-IV", students: 20, slot: { factory: { departmentCode: "74" } } });
    expect(await transportOfBooking(booking.id)).toMatchObject({ status: "REQUESTED", pupils: 18, departureCommuneName: "Lyon" });
  });

  it("refuses a bad request and writes nothing: not offered, more pupils than the class, an unknown or ambiguous postal code", async () => {
    const { slot: noBudget, teacher } = await setup(0);
    const { slot } = await setup(5_000);
    const before = await transportRows();
    await expectNothingWritten(noBudget.id, () => book(groupInput(noBudget.id, coach), { userId: teacher.id, now: BOOKED_AT }), "transport.not_offered", { transport: "transport.not_offered" });
    const attempt = (over: Parameters<typeof groupInput>[1]) => () => book(groupInput(slot.id, { ...coach, ...over }), { userId: teacher.id, now: BOOKED_AT });
    await expectNothingWritten(slot.id, attempt({ transportPupils: 21 }), "validation.failed", { transportPupils: "transportPupils.more_than_students" });
    await expectNothingWritten(slot.id, attempt({ transportPupils: undefined, departurePostalCode: "" }), "validation.failed", {
      transportPupils: "transportPupils.required",
      departurePostalCode: "postalCode.required",
    });
    await expectNothingWritten(slot.id, attempt({ departurePostalCode: "00000" }), "validation.failed", { departurePostalCode: "postalCode.unknown" });
    await expectNothingWritten(slot.id, attempt({ departurePostalCode: "74300" }), "validation.failed", { departureCommuneCode: "communeCode.required" });
    await expectNothingWritten(slot.id, attempt({ departurePostalCode: "74300", departureCommuneCode: "69383" }), "validation.failed", { departureCommuneCode: "communeCode.invalid" });
    expect(await transportRows()).toBe(before);
    // Without the box, the other fields are ignored: a plain class booking.
    const plain = await book(groupInput(slot.id, { ...coach, transport: false }), { userId: teacher.id, now: BOOKED_AT });
    expect(await transportOfBooking(plain.booking.id)).toBeNull();
  });
});

describe("organisers' decisions", () => {
  it("accept within the budget, refuse over it with what is left, refuse with a reason; each logged and e-mailed once", async () => {
    const { edition, slot, teacher, organiser } = await setup(1_000);
    const a = await classWithCoach(slot.id, teacher.id);
    const b = await classWithCoach(slot.id, teacher.id);
    // Once the edition is over, its requests are a record: no decision, nothing written.
    const afterEdition = new Date(edition.lastDay.getTime() + 3 * 86_400_000);
    expect((await caught(acceptTransportRequest(organiser, { requestId: a.request.id, costEuros: 1 }, afterEdition))).code).toBe("transport.edition_over");
    expect((await caught(refuseTransportRequest(organiser, { requestId: a.request.id, refusalReason: "Trop tard" }, afterEdition))).code).toBe("transport.edition_over");

    await acceptTransportRequest(organiser, { requestId: a.request.id, costEuros: "600" }, BOOKED_AT);
    expect(await db.transportRequest.findUniqueOrThrow({ where: { id: a.request.id } })).toMatchObject({ status: "ACCEPTED", costEuros: 600, decidedById: organiser.id });
    const over = await caught(acceptTransportRequest(organiser, { requestId: b.request.id, costEuros: 500 }, BOOKED_AT));
    expect(over).toMatchObject({ code: "transport.over_budget", fields: { costEuros: "transport.over_budget" }, params: { left: 400, budget: 1_000 } });
    expect(await db.transportRequest.findUniqueOrThrow({ where: { id: b.request.id } })).toMatchObject({ status: "REQUESTED", costEuros: null });

    await refuseTransportRequest(organiser, { requestId: b.request.id, refusalReason: "  Trop proche du site.  " }, BOOKED_AT);
    expect(await transportOfBooking(b.booking.id)).toMatchObject({ status: "REFUSED", refusalReason: "Trop proche du site." });
    expect((await caught(acceptTransportRequest(organiser, { requestId: a.request.id, costEuros: 1 }))).code).toBe("transport.not_pending");
    expect((await caught(refuseTransportRequest(organiser, { requestId: "nope", refusalReason: "x" }))).code).toBe("transport.not_found");
    expect((await caught(acceptTransportRequest(organiser, { requestId: b.request.id, costEuros: "-3" }))).fields).toEqual({ costEuros: "costEuros.too_small" });
    expect((await caught(acceptTransportRequest({ id: teacher.id, role: "USER" }, { requestId: b.request.id, costEuros: 1 }))).code).toBe("auth.forbidden");

    const mails = await db.emailOutbox.findMany({ where: { template: { startsWith: "transport." }, bookingId: { in: [a.booking.id, b.booking.id] } }, orderBy: { id: "asc" } });
    expect(mails.map((m) => [m.template, m.bookingId, m.to])).toEqual([
      ["transport.accepted", a.booking.id, a.booking.email],
      ["transport.refused", b.booking.id, b.booking.email],
    ]);
    expect(mails[1].text).toContain("Motif : Trop proche du site.");
    expect(mails[0].text).toContain(`/reservation/`);
    const audit = await db.auditLog.findMany({ where: { entityType: "TransportRequest", entityId: { in: [a.request.id, b.request.id] } }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.after])).toEqual([
      ["transport.accepted", { status: "ACCEPTED", costEuros: 600 }],
      ["transport.refused", { status: "REFUSED", refusalReason: "Trop proche du site." }],
    ]);
    expect(await transportFigures(edition.id)).toEqual({ budget: 1_000, spent: 600, pupils: 18, departments: ["69"], waiting: 0 });
  });

  it("a cancelled class booking cancels its request and frees its budget; the budget cannot fall below what is spent", async () => {
    const { edition, slot, teacher, organiser } = await setup(1_000);
    const a = await classWithCoach(slot.id, teacher.id);
    const b = await classWithCoach(slot.id, teacher.id, { departurePostalCode: "38000" });
    await acceptTransportRequest(organiser, { requestId: a.request.id, costEuros: 1_000 }, BOOKED_AT);

    // Lowering the budget under the accepted cost is refused, field by field; raising it is not.
    const settings = async (budget: number) => editionSettingsInput.parse({ ...(await editionSettingsForm(edition.id)), transportBudgetEuros: String(budget) });
    expect(await caught(updateEditionSettings(organiser, await settings(999), BOOKED_AT))).toMatchObject({
      code: "transportBudgetEuros.below_spent",
      fields: { transportBudgetEuros: "transportBudgetEuros.below_spent" },
      params: { spent: 1_000 },
    });

    expect((await caught(acceptTransportRequest(organiser, { requestId: b.request.id, costEuros: 700 }, BOOKED_AT))).code).toBe("transport.over_budget");
    await cancelBooking({ manageToken: a.manageToken }, { by: "VISITOR", now: BOOKED_AT });
    expect(await transportOfBooking(a.booking.id)).toMatchObject({ status: "CANCELLED", costEuros: 1_000 });
    expect((await caught(acceptTransportRequest(organiser, { requestId: a.request.id, costEuros: 1 }, BOOKED_AT))).code).toBe("transport.not_pending");
    await acceptTransportRequest(organiser, { requestId: b.request.id, costEuros: 700 }, BOOKED_AT);
    expect(await transportFigures(edition.id)).toMatchObject({ spent: 700, pupils: 18, departments: ["38"] });
    expect((await updateEditionSettings(organiser, await settings(700), BOOKED_AT)).changed).toContain("transportBudgetEuros");
    expect((await db.edition.findUniqueOrThrow({ where: { id: edition.id } })).transportBudgetEuros).toBe(700);
  });
});

describe("the budget under concurrency", () => {
  const BUDGET = 1_000;
  const COST = 300;
  const REQUESTS = 12;

  async function requestsAtOnce() {
    const { edition, slot, teacher, organiser } = await setup(BUDGET, 400);
    const requests = [];
    for (let i = 0; i < REQUESTS; i++) requests.push((await classWithCoach(slot.id, teacher.id)).request.id);
    return { edition, organiser, requests };
  }

  it("never spends more than the budget when organisers accept many requests at once", async () => {
    const { edition, organiser, requests } = await requestsAtOnce();
    const outcomes = await Promise.all(
      requests.map((requestId) =>
        acceptTransportRequest(organiser, { requestId, costEuros: COST }).then(
          () => "accepted",
          (error) => (error.code === "transport.over_budget" ? "over_budget" : Promise.reject(error)),
        ),
      ),
    );
    const { spent } = await transportFigures(edition.id);
    console.log(`[transport] ${REQUESTS} acceptances of ${COST} € at once, budget ${BUDGET} €: ${JSON.stringify(countBy(outcomes))}, ${spent} € spent`);
    expect(spent).toBeLessThanOrEqual(BUDGET);
    expect(countBy(outcomes)).toEqual({ accepted: Math.floor(BUDGET / COST), over_budget: REQUESTS - Math.floor(BUDGET / COST) });
  });

  it("negative control: reading the sum then accepting without the edition's lock overspends", async () => {
    const { edition, requests } = await requestsAtOnce();
    const naiveAccept = async (requestId: string) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const { rows } = await client.query<{ budget: number; spent: number }>(
          `SELECT e."transportBudgetEuros" AS budget,
                  (SELECT COALESCE(sum("costEuros"), 0)::int FROM "TransportRequest" WHERE "editionId" = e.id AND status = 'ACCEPTED') AS spent
           FROM "Edition" e WHERE e.id = $1`,
          [edition.id],
        );
        if (rows[0].spent + COST > rows[0].budget) return client.query("ROLLBACK").then(() => false);
        await client.query("SELECT pg_sleep(0.05)");
        await client.query(`UPDATE "TransportRequest" SET status = 'ACCEPTED', "costEuros" = $2 WHERE id = $1 AND status = 'REQUESTED'`, [requestId, COST]);
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    };
    const accepted = await Promise.all(requests.map(naiveAccept));
    const { spent } = await transportFigures(edition.id);
    console.log(`[transport] negative control: ${accepted.filter(Boolean).length} accepted at ${COST} € each, ${spent} € spent of a ${BUDGET} € budget`);
    // If this ever fails, the requests no longer overlap and the test above proves nothing.
    expect(spent).toBeGreaterThan(BUDGET);
  });
});

describe("what the request leaves in the files", () => {
  it("the organisers' bookings export has the coach's status, pupils, departure and cost; the teacher's data download has the request", async () => {
    const { edition, slot, teacher, organiser } = await setup(2_000);
    const a = await classWithCoach(slot.id, teacher.id);
    const plain = await book(groupInput(slot.id), { userId: teacher.id, now: BOOKED_AT });
    if (plain.replayed) throw new Error("unexpected replay");
    await acceptTransportRequest(organiser, { requestId: a.request.id, costEuros: 900 }, BOOKED_AT);

    const sheet = await bookingsSheet(edition.id, "fr");
    const column = (key: string) => sheet.columns.findIndex((c) => c.key === key);
    const rowOf = (bookingId: string) => sheet.rows.find((r) => r[column("bookingId")] === bookingId)!;
    const coachCells = (bookingId: string) => ["transportStatus", "transportPupils", "transportDeparture", "transportCostEuros"].map((key) => rowOf(bookingId)[column(key)]);
    expect(coachCells(a.booking.id)).toEqual(["Acceptée", 18, "Lyon (69)", 900]);
    expect(coachCells(plain.booking.id)).toEqual([null, null, null, null]);

    const data = await exportBookingData(a.manageToken);
    expect(data.transportRequest).toMatchObject({ pupils: 18, departureCommuneName: "Lyon", departureDepartment: "69", status: "ACCEPTED", refusalReason: null });
    expect((await exportBookingData(plain.manageToken)).transportRequest).toBeNull();
  });
});
