// The booking invariants under real concurrency: hundreds of simultaneous transactions, each on its
// own PostgreSQL connection, against one hot slot. A deliberately naive implementation runs under
// the same load and must oversell: that proves this file can catch a race.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// lib/db sizes its pool from this variable when it is first imported (vi.hoisted runs before the
// imports): one connection per simultaneous request. The test server allows 400.
const REQUESTS = vi.hoisted(() => {
  const requests = 200;
  process.env.DATABASE_POOL_SIZE = String(requests + 10);
  return requests;
});

import { db, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { book, cancelBooking, type BookResult } from "@/lib/booking";
import type { IndividualBookingInput } from "@/lib/booking/schemas";
import { hashToken, newTicketCode, newToken } from "@/lib/tokens";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { individualInput } from "../fixtures/bookings";
import { settle, unexpected } from "../fixtures/outcomes";

const CAPACITY = 30;
const HOUR = 3600_000;

const sizeOf = (i: number) => 1 + (i % 6); // 1–6 seats, evenly mixed

const individual = (slotId: string, seats: number, over: Partial<IndividualBookingInput> = {}) =>
  individualInput(slotId, { seats, contactName: "Visiteur Concurrent", ...over });

async function newSlot(capacity: number, edition?: { maxActiveBookingsPerEmail?: number }) {
  const e = await createEdition(edition);
  const factory = await createFactory(e.id);
  return createSlot(factory, { capacity });
}

// Confirmed seats according to the bookings vs the slot's counter, straight from SQL.
async function seatBook(slotId: string) {
  const { rows } = await pool.query<{ taken: number; capacity: number; confirmed: number }>(
    `SELECT s.taken, s.capacity,
            (SELECT COALESCE(sum(b.seats), 0)::int FROM "Booking" b WHERE b."slotId" = s.id AND b.status = 'CONFIRMED') AS confirmed
     FROM "Slot" s WHERE s.id = $1`,
    [slotId],
  );
  return rows[0];
}

// The naive way: read the counter, decide in application code, write the new value. Under load
// several transactions read the same value and all "fit". Never do this (see docs/decisions/0004-lock-keys-and-order.md).
async function naiveBook(slotId: string, editionId: string, seats: number): Promise<"CONFIRMED" | "WAITLISTED"> {
  return db.$transaction(
    async (tx) => {
      const [slot] = await tx.$queryRaw<{ taken: number; capacity: number }[]>`
        SELECT taken, capacity FROM "Slot" WHERE id = ${slotId}`;
      const status = slot.taken + seats <= slot.capacity ? "CONFIRMED" : "WAITLISTED";
      await tx.booking.create({
        data: {
          editionId,
          slotId,
          kind: "INDIVIDUAL",
          status,
          seats,
          contactName: "Naïf",
          email: `naive-${uid()}@example.fr`,
          manageTokenHash: hashToken(newToken()),
          ticketTokenHash: hashToken(newToken()),
          ticketCode: newTicketCode(),
          consentAt: new Date(),
        },
      });
      if (status === "CONFIRMED") await tx.$executeRaw`UPDATE "Slot" SET taken = ${slot.taken + seats} WHERE id = ${slotId}`;
      return status;
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

beforeAll(async () => {
  expect(pool.options.max, "DATABASE_POOL_SIZE must be read before lib/db is first imported").toBeGreaterThanOrEqual(REQUESTS);
  // Open the connections up front, and run both booking paths once, so the measured runs include
  // neither connection set-up nor first-query compilation.
  const clients = await Promise.all(Array.from({ length: REQUESTS }, () => pool.connect()));
  clients.forEach((client) => client.release());
  const warmUp = await newSlot(1);
  await book(individual(warmUp.id, 1));
  await book(individual(warmUp.id, 1));
});

afterAll(async () => {
  await db.$disconnect();
});

describe("booking under concurrency", () => {
  it(`never oversells one slot of ${CAPACITY} seats under ${REQUESTS} simultaneous bookings`, async () => {
    const slot = await newSlot(CAPACITY);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => settle(book(individual(slot.id, sizeOf(i))))),
    );
    const ms = performance.now() - started;

    expect(unexpected(outcomes)).toEqual([]);
    const results = outcomes.flatMap((o) => (o.result ? [o.result] : []));
    const confirmed = results.filter((r) => r.status === "CONFIRMED");
    const waitlisted = results.filter((r) => r.status === "WAITLISTED");
    const refused = outcomes.length - results.length;
    const { taken, confirmed: confirmedSeats } = await seatBook(slot.id);

    expect(confirmedSeats).toBeLessThanOrEqual(CAPACITY);
    expect(taken).toBe(confirmedSeats);
    expect(confirmed.reduce((sum, r) => sum + r.booking.seats, 0)).toBe(confirmedSeats);
    expect(confirmed.length + waitlisted.length + refused).toBe(REQUESTS);
    // Seats only ever got scarcer, so no waiting entry could fit in what is left.
    const free = CAPACITY - taken;
    expect(waitlisted.filter((r) => r.booking.seats <= free)).toEqual([]);
    // One e-mail per booking, written with it.
    expect(await db.emailOutbox.count({ where: { to: { in: results.map((r) => r.booking.email) } } })).toBe(results.length);

    console.log(
      `[booking] ${REQUESTS} simultaneous requests, capacity ${CAPACITY}: ${confirmed.length} confirmed (${confirmedSeats} seats), ` +
        `${waitlisted.length} waitlisted, ${refused} refused, in ${Math.round(ms)} ms (${Math.round((REQUESTS / ms) * 1000)} bookings/s)`,
    );
  });

  it("negative control: a read-then-write implementation oversells under the same load", async () => {
    const slot = await newSlot(CAPACITY);
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => naiveBook(slot.id, slot.editionId, sizeOf(i))),
    );
    const ms = performance.now() - started;
    const { taken, confirmed } = await seatBook(slot.id);

    console.log(
      `[booking] negative control, ${REQUESTS} requests, capacity ${CAPACITY}: ` +
        `${statuses.filter((s) => s === "CONFIRMED").length} confirmed for ${confirmed} seats, counter says ${taken}, in ${Math.round(ms)} ms`,
    );
    // If this ever fails, the test no longer creates contention and the test above proves nothing.
    expect(confirmed > CAPACITY || taken !== confirmed).toBe(true);
  });

  it("keeps the waiting list in order while cancellations and new bookings race", async () => {
    const slot = await newSlot(20);
    // Built one by one so the queue order is known: 5 × 4 confirmed seats, then 30 waiting entries.
    const holders: BookResult[] = [];
    for (let i = 0; i < 5; i++) holders.push(await book(individual(slot.id, 4)));
    const waiting: BookResult[] = [];
    for (let i = 0; i < 30; i++) waiting.push(await book(individual(slot.id, sizeOf(i * 5 + 2))));
    expect(holders.every((h) => h.status === "CONFIRMED")).toBe(true);
    expect(waiting.every((w) => w.status === "WAITLISTED")).toBe(true);

    const started = performance.now();
    const outcomes = await Promise.all([
      // Four holders and a few waiting entries cancel while 60 newcomers book.
      ...holders.slice(0, 4).map((h) => settle(cancelBooking({ manageToken: h.manageToken as string }, { by: "VISITOR" }))),
      ...waiting.filter((_, i) => i % 7 === 3).map((w) => settle(cancelBooking({ manageToken: w.manageToken as string }, { by: "VISITOR" }))),
      ...Array.from({ length: 60 }, (_, i) => settle(book(individual(slot.id, sizeOf(i))))),
    ]);
    const ms = performance.now() - started;
    expect(unexpected(outcomes)).toEqual([]);

    const { rows } = await pool.query<{ id: string; status: string; seats: number; queue: string; promotedAt: Date | null; email: string }>(
      `SELECT id, status::text, seats, queue::text, "promotedAt", email FROM "Booking" WHERE "slotId" = $1 ORDER BY queue`,
      [slot.id],
    );
    const { taken, confirmed } = await seatBook(slot.id);
    expect(confirmed).toBeLessThanOrEqual(20);
    expect(taken).toBe(confirmed);

    // Promoted at most once: exactly one "promoted" e-mail per promoted booking, none for others.
    const promoted = rows.filter((b) => b.promotedAt !== null);
    const promotedMails = await db.emailOutbox.groupBy({
      by: ["to"],
      where: { template: "booking.promoted", to: { in: rows.map((b) => b.email) } },
      _count: true,
    });
    expect(promotedMails.map((m) => m._count)).toEqual(promoted.map(() => 1));
    expect(new Set(promotedMails.map((m) => m.to))).toEqual(new Set(promoted.map((b) => b.email)));

    // In order among those that fit: an entry still waiting ahead of a promoted one must have been
    // too big for the seats that promoted entry got.
    const stillWaiting = rows.filter((b) => b.status === "WAITLISTED");
    for (const p of promoted) {
      const skippedAhead = stillWaiting.filter((w) => BigInt(w.queue) < BigInt(p.queue) && w.seats <= p.seats);
      expect(skippedAhead, `entries waiting ahead of ${p.id} that fitted`).toEqual([]);
    }
    // No idle seat while a fitting entry waits.
    const free = 20 - taken;
    expect(stillWaiting.filter((w) => w.seats <= free)).toEqual([]);

    console.log(
      `[booking] race of ${outcomes.length} operations (cancellations + 60 bookings): ${promoted.length} promoted, ` +
        `${stillWaiting.length} still waiting, ${taken}/20 seats taken, in ${Math.round(ms)} ms`,
    );
  });

  it("serialises one address: the per-edition limit holds under simultaneous requests", async () => {
    const edition = await createEdition({ maxActiveBookingsPerEmail: 3 });
    const factory = await createFactory(edition.id);
    const start = Date.now() + 30 * 24 * HOUR;
    const slots = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createSlot(factory, { startsAt: new Date(start + i * 2 * HOUR), durationMinutes: 90 })),
    );
    const email = `meme-${uid()}@example.fr`;
    const outcomes = await Promise.all(slots.map((s) => settle(book(individual(s.id, 1, { email })))));

    expect(unexpected(outcomes)).toEqual([]);
    expect(outcomes.filter((o) => o.result).length).toBe(3);
    expect(outcomes.filter((o) => o.error).map((o) => (o.error as AppError).code)).toEqual(Array(7).fill("limit.max_active"));
    expect(await db.booking.count({ where: { email, status: { in: ["CONFIRMED", "WAITLISTED"] } } })).toBe(3);
  });

  it("turns simultaneous double submits into one booking", async () => {
    const slot = await newSlot(CAPACITY);
    const input = individual(slot.id, 2);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => settle(book(input))));

    expect(unexpected(outcomes)).toEqual([]);
    const results = outcomes.map((o) => o.result as BookResult);
    expect(results.filter((r) => !r.replayed).length).toBe(1);
    expect(new Set(results.map((r) => r.booking.id)).size).toBe(1);
    expect(await db.booking.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
    expect(await db.emailOutbox.count({ where: { to: input.email as string } })).toBe(1);
    expect((await seatBook(slot.id)).taken).toBe(2);
  });
});
