// Allocation by draw on a real database: the wish window (one application per address, checked
// wishes, changes until the close), the run at the close (once, however many run it at the same
// time), and the bookings it places: the allocations confirmed with their e-mails, the others on
// the waiting lists in draw order, no visit over capacity, the record verifiable by anyone.
import { afterAll, describe, expect, it } from "vitest";
import { book } from "@/lib/booking";
import { db, pool } from "@/lib/db";
import { commitmentOf } from "@/lib/draw/allocate";
import { applyToDraw, changeWishes, withdrawApplication } from "@/lib/draw/apply";
import { createDraw } from "@/lib/draw/manage";
import { getDrawApplication, getPublicDraw } from "@/lib/draw/queries";
import { drawOnce, runDraw, runDueDraws } from "@/lib/draw/run";
import type { DrawApplicationInput } from "@/lib/draw/schemas";
import { verifyDraw } from "@/lib/draw/verify";
import { purgeEdition } from "@/lib/privacy/erase";
import { parisDateTime, parisDay, parisIsoDateTime } from "@/lib/paris-time";
import { caught, HENRI_IV, individualInput } from "../fixtures/bookings";
import { wishesInput as wishes } from "../fixtures/draws";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

const HOUR = 3600_000;
const local = (instant: Date) => parisIsoDateTime(instant).slice(0, 16);

async function world({ capacities = [4, 6] }: { capacities?: number[] } = {}) {
  const edition = await createEdition({});
  const day = new Date(Date.now() + 20 * 24 * HOUR);
  const slots = [];
  for (const [i, capacity] of capacities.entries()) {
    const factory = await createFactory(edition.id, { siteName: `Atelier ${i + 1}` });
    slots.push(await createSlot(factory, { startsAt: new Date(day.getTime() + i * 3 * HOUR), capacity, maxSeatsPerBooking: 4 }));
  }
  const organiser = await db.user.create({ data: { email: `orga-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });
  const opensAt = new Date(Date.now() - HOUR);
  const closesAt = new Date(Date.now() + 2 * HOUR);
  const draw = await createDraw(organiser, edition.id, { name: "Visites très demandées", scope: "VISITS", opensAt: local(opensAt), closesAt: local(closesAt), slotIds: slots.map((s) => s.id) });
  return { edition, slots, organiser, draw, closesAt, afterClose: new Date(closesAt.getTime() + 60_000) };
}

afterAll(async () => {
  await db.$disconnect();
});

describe("the wish window", () => {
  it("takes one application per address with its ranked wishes, e-mails its link, and lets it change until the close", async () => {
    const w = await world();
    const [a, b] = w.slots.map((s) => s.id);
    const applied = await applyToDraw(wishes(w.draw.id, [a, b], { email: "lea@example.fr" }));
    expect(applied.status).toBe("created");
    const token = applied.status === "created" ? applied.manageToken : "";
    const receipt = await db.emailOutbox.findFirstOrThrow({ where: { to: "lea@example.fr", template: "draw-application" } });
    expect(receipt.text).toContain(`/tirages/demande/${token}`);
    expect(receipt.text).toContain(commitmentOf((await db.draw.findUniqueOrThrow({ where: { id: w.draw.id } })).seed));

    // The same address again: nothing changes, the link is sent again (the form says no more).
    expect(await applyToDraw(wishes(w.draw.id, [b], { email: "LEA@example.fr" }))).toEqual({ status: "resent" });
    expect(await db.drawApplication.count({ where: { drawId: w.draw.id } })).toBe(1);
    expect(await db.emailOutbox.count({ where: { to: "lea@example.fr", template: "draw-application" } })).toBe(2);

    await changeWishes({ manageToken: token, wish1: b, wish2: a, wish3: "" });
    expect((await getDrawApplication(token))?.wishes).toEqual([b, a]);

    // After the close: no new application, no change, no withdrawal.
    expect((await caught(applyToDraw(wishes(w.draw.id, [a]), { now: w.afterClose }))).code).toBe("draw.window_closed");
    expect((await caught(changeWishes({ manageToken: token, wish1: a }, w.afterClose))).code).toBe("draw.window_closed");
    expect((await caught(withdrawApplication({ manageToken: token }, w.afterClose))).code).toBe("draw.window_closed");
  });

  it("refuses, field by field, what a booking would refuse, and changes nothing", async () => {
    const w = await world();
    const [a, b] = w.slots.map((s) => s.id);
    const other = await createSlot(await createFactory(w.edition.id), {});
    const refusals = [
      [wishes(w.draw.id, [a, a]), "validation.failed", { wish2: "wishes.duplicate" }],
      [wishes(w.draw.id, [a, other.id]), "wishes.not_offered", { wish2: "wishes.not_offered" }],
      [wishes(w.draw.id, [a, b], { seats: 5 }), "seats.too_many", { seats: "seats.too_many" }],
    ] as const;
    for (const [input, code, fields] of refusals) {
      const error = await caught(applyToDraw(input));
      expect(error.code).toBe(code);
      expect(error.fields).toMatchObject(fields);
    }
    const group = { ...wishes(w.draw.id, [a]), kind: "GROUP", students: 10, adults: 1, schoolUai: HENRI_IV, schoolName: "Lycée Henri-IV", classLevel: "2nde", phone: "06 12 34 56 78" } as unknown as DrawApplicationInput;
    expect((await caught(applyToDraw(group))).code).toBe("group.sign_in_required");
    expect(await db.drawApplication.count({ where: { drawId: w.draw.id } })).toBe(0);
  });

  it("keeps its visits out of first come, first served until the draw is complete", async () => {
    const w = await world();
    const error = await caught(book({ kind: "INDIVIDUAL", slotId: w.slots[0].id, seats: 1, contactName: "Jo", email: `jo-${uid()}@example.fr`, consent: true, locale: "fr", idempotencyKey: `k-${uid()}` }));
    expect(error.code).toBe("slot.in_draw");
    await runDraw(w.draw.id, w.afterClose);
    const after = await book({ kind: "INDIVIDUAL", slotId: w.slots[0].id, seats: 1, contactName: "Jo", email: `jo-${uid()}@example.fr`, consent: true, locale: "fr", idempotencyKey: `k-${uid()}` }, { now: w.afterClose });
    expect(after.status).toBe("CONFIRMED");
  });
});

describe("the draw", () => {
  it("runs once at the close however many run it at once, and places every result as a booking, in draw order", async () => {
    const w = await world({ capacities: [4, 6] });
    const [a, b] = w.slots.map((s) => s.id);
    // 12 applications of 2 seats for 10 seats: 5 get a place, 7 wait.
    for (let i = 0; i < 12; i++) await applyToDraw(wishes(w.draw.id, i % 2 ? [a, b] : [b, a]));
    expect((await caught(drawOnce(w.draw.id))).code).toBe("draw.not_closed");

    // Six runs at once, on separate connections (the scheduler of every instance, an organiser).
    const runs = await Promise.all([...Array.from({ length: 5 }, () => runDraw(w.draw.id, w.afterClose)), runDueDraws(w.afterClose)]);
    const [scheduler, ...buttons] = [runs[5] as { drawn: string[] }, ...(runs.slice(0, 5) as { drawn: boolean }[])];
    const drawn = buttons.filter((run) => run.drawn).length + scheduler.drawn.filter((id) => id === w.draw.id).length;
    console.log(`draw: ${runs.length} concurrent runs, ${drawn} drew`);
    expect(drawn).toBe(1);

    const draw = await db.draw.findUniqueOrThrow({ where: { id: w.draw.id } });
    expect(draw.completedAt).not.toBeNull();
    const record = (await getPublicDraw(w.draw.id, w.afterClose))!.result!.record;
    expect(verifyDraw(record).ok).toBe(true);
    expect(record.allocations).toHaveLength(5);

    const bookings = await db.booking.findMany({ where: { slotId: { in: [a, b] } }, orderBy: { queue: "asc" } });
    const confirmed = bookings.filter((booking) => booking.status === "CONFIRMED");
    expect(confirmed).toHaveLength(5);
    // Placed once each, whatever ran: one booking per allocation, one waiting place per other wish.
    expect(bookings).toHaveLength(5 + 7 * 2);
    for (const slot of await db.slot.findMany({ where: { id: { in: [a, b] } } })) {
      const seats = confirmed.filter((booking) => booking.slotId === slot.id).reduce((sum, booking) => sum + booking.seats, 0);
      expect(slot.taken).toBe(seats);
      expect(slot.taken).toBeLessThanOrEqual(slot.capacity);
    }
    // Each confirmed booking has its confirmation e-mail, each waiting place its e-mail.
    expect(await db.emailOutbox.count({ where: { bookingId: { in: bookings.map((booking) => booking.id) } } })).toBe(bookings.length);

    // The waiting lists follow the draw order.
    const applications = await db.drawApplication.findMany({ where: { drawId: w.draw.id }, select: { id: true, email: true } });
    const position = new Map(record.applications.map((application) => [application.id, 0]));
    const lines = (await getPublicDraw(w.draw.id, w.afterClose))!.result!.lines;
    for (const line of lines) position.set(line.pseudonym, line.position);
    const emailToPosition = new Map(applications.map((application) => [application.email, position.get(application.id)!]));
    for (const slotId of [a, b]) {
      const waiting = bookings.filter((booking) => booking.slotId === slotId && booking.status === "WAITLISTED").map((booking) => emailToPosition.get(booking.email)!);
      expect(waiting).toEqual([...waiting].sort((x, y) => x - y));
    }

    // The applicant's page tells each their place and result.
    const winner = lines.find((line) => line.obtained)!;
    expect(winner.obtained!.rank).toBeGreaterThanOrEqual(1);
  });

  it("negative control: without the draw row's lock, concurrent runs each draw", async () => {
    const w = await world();
    for (let i = 0; i < 4; i++) await applyToDraw(wishes(w.draw.id, [w.slots[0].id]));
    // drawOnce's check-then-write with a plain read instead of SELECT … FOR UPDATE, the window
    // between them widened to what computing an allocation over many applications can take.
    const naiveDrawOnce = async (run: number) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const { rows } = await client.query<{ record: unknown }>(`SELECT record FROM "Draw" WHERE id = $1`, [w.draw.id]);
        if (rows[0].record !== null) return client.query("ROLLBACK").then(() => false);
        await client.query("SELECT pg_sleep(0.2)");
        await client.query(`UPDATE "Draw" SET record = $2, "drawnAt" = now() WHERE id = $1`, [w.draw.id, JSON.stringify({ run })]);
        await client.query("COMMIT");
        return true;
      } finally {
        client.release();
      }
    };
    const drew = (await Promise.all(Array.from({ length: 6 }, (_, run) => naiveDrawOnce(run)))).filter(Boolean).length;
    console.log(`draw negative control: 6 concurrent runs without the lock, ${drew} drew (each would place its own allocation)`);
    // If this ever fails, the runs no longer overlap and the test above proves nothing.
    expect(drew).toBeGreaterThan(1);
  });

  it("keeps only pseudonyms once the edition's personal data is purged", async () => {
    const w = await world();
    const email = `purge-${uid()}@example.fr`;
    await applyToDraw(wishes(w.draw.id, [w.slots[0].id], { email }));
    expect(await db.emailOutbox.count({ where: { to: email, template: "draw-application" } })).toBe(1);
    await runDraw(w.draw.id, w.afterClose);
    await purgeEdition(w.edition.id, new Date(Date.now() + 400 * 24 * HOUR));
    expect(await db.drawApplication.count({ where: { drawId: w.draw.id } })).toBe(0);
    expect(await db.emailOutbox.count({ where: { to: email } })).toBe(0);
    const record = (await getPublicDraw(w.draw.id, w.afterClose))!.result!.record;
    expect(verifyDraw(record).ok).toBe(true);
    expect(JSON.stringify(record)).not.toContain("@");
  });

  it("puts a whole phase in draw mode: every visit that qualifies, of one audience and one day", async () => {
    const edition = await createEdition({});
    const organiser = await db.user.create({ data: { email: `orga-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });
    // 08:00 in Paris, so the visits up to 8 hours later stay on that day whatever time the test runs.
    const saturday = parisDateTime(parisDay(new Date(Date.now() + 20 * 24 * HOUR)), "08:00");
    const sunday = new Date(saturday.getTime() + 24 * HOUR);
    const factory = await createFactory(edition.id);
    // Two Saturday visits open to classes; then what the phase leaves out: a visit for individuals
    // only, one on Sunday, one cancelled, one already in another draw.
    const [forClasses, forBoth, forPublic, inDraw] = await Promise.all([
      createSlot(factory, { startsAt: saturday, audience: "SCHOOL" }),
      createSlot(factory, { startsAt: new Date(saturday.getTime() + 2 * HOUR), audience: "BOTH" }),
      createSlot(factory, { startsAt: new Date(saturday.getTime() + 4 * HOUR), audience: "PUBLIC" }),
      createSlot(factory, { startsAt: new Date(saturday.getTime() + 8 * HOUR), audience: "SCHOOL" }),
      createSlot(factory, { startsAt: sunday, audience: "SCHOOL" }),
      createSlot(factory, { startsAt: new Date(saturday.getTime() + 6 * HOUR), audience: "SCHOOL", status: "CANCELLED" }),
    ]);
    const window = { opensAt: local(new Date(Date.now() - HOUR)), closesAt: local(new Date(Date.now() + HOUR)) };
    await createDraw(organiser, edition.id, { name: "Déjà tirée", scope: "VISITS", ...window, slotIds: [inDraw.id] });

    const phase = { name: "Classes du samedi", scope: "PHASE", phaseAudience: "SCHOOL", phaseDay: parisIsoDateTime(saturday).slice(0, 10), ...window };
    const draw = await createDraw(organiser, edition.id, phase);
    const offered = await db.drawOffer.findMany({ where: { drawId: draw.id }, select: { slotId: true } });
    expect(offered.map((offer) => offer.slotId).sort()).toEqual([forClasses.id, forBoth.id].sort());
    // Its visits now refuse direct bookings, as any draw's do.
    expect((await caught(book(individualInput(forBoth.id)))).code).toBe("slot.in_draw");
    expect((await book(individualInput(forPublic.id))).status).toBe("CONFIRMED");

    // Nothing left to draw in that phase: a specific error, and no draw written.
    const again = await caught(createDraw(organiser, edition.id, { ...phase, name: "Encore" }));
    expect(again.code).toBe("draw.phase_empty");
    expect(again.fields).toEqual({ phaseAudience: "draw.phase_empty" });
    expect(await db.draw.count({ where: { editionId: edition.id } })).toBe(2);
    expect((await caught(createDraw(organiser, edition.id, { ...phase, scope: "EVERYTHING" }))).fields).toEqual({ scope: "scope.invalid" });
  });

  it("gives school groups their own pool: the seats reserved for schools", async () => {
    const edition = await createEdition({});
    const factory = await createFactory(edition.id);
    const slot = await createSlot(factory, { capacity: 30, schoolReservedSeats: 24, schoolReservedUntil: new Date(Date.now() + 25 * 24 * HOUR), maxSeatsPerBooking: 6 });
    const organiser = await db.user.create({ data: { email: `orga-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });
    const closesAt = new Date(Date.now() + HOUR);
    const draw = await createDraw(organiser, edition.id, { name: "Classes", scope: "VISITS", opensAt: local(new Date(Date.now() - HOUR)), closesAt: local(closesAt), slotIds: [slot.id] });
    const teacher = await db.user.create({ data: { email: `prof-${uid()}@example.fr` }, select: { id: true } });
    const classInput = (students: number) =>
      ({ ...wishes(draw.id, [slot.id]), kind: "GROUP", students, adults: 2, schoolUai: HENRI_IV, schoolName: "Lycée Henri-IV", classLevel: "2nde", phone: "06 12 34 56 78" }) as unknown as DrawApplicationInput;
    await applyToDraw(classInput(20), { userId: teacher.id });
    await applyToDraw(classInput(20), { userId: teacher.id });
    for (let i = 0; i < 4; i++) await applyToDraw(wishes(draw.id, [slot.id], { seats: 2 }));

    const run = await runDraw(draw.id, new Date(closesAt.getTime() + 1000));
    expect(run.record.offers[0].seats).toEqual({ PUBLIC: 6, SCHOOL: 24 });
    const booked = await db.booking.findMany({ where: { slotId: slot.id, status: "CONFIRMED" } });
    // One class of 22 in the 24 school seats, three parties of 2 in the 6 others.
    expect(booked.filter((booking) => booking.kind === "GROUP").map((booking) => booking.seats)).toEqual([22]);
    expect(booked.filter((booking) => booking.kind === "INDIVIDUAL")).toHaveLength(3);
  });
});
