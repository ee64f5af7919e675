// The scheduler's promotion when a school reservation ends (lib/booking/reserve-release.ts): each
// release handled once across concurrent runs, and again when the reservation date is moved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { book } from "@/lib/booking";
import { promoteAfterReserveRelease } from "@/lib/booking/reserve-release";
import { db } from "@/lib/db";
import { runScheduledJobs } from "@/lib/lifecycle";
import { individualInput } from "../fixtures/bookings";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let factory: { id: string; editionId: string };

beforeAll(async () => {
  const edition = await createEdition();
  factory = await createFactory(edition.id);
});

afterAll(() => db.$disconnect());

// 6 seats, 4 of them held for schools until `until`: one visitor takes the 2 others, so the next
// visitors wait, and `waiters` of them are on the waiting list.
async function reservedSlot(until: Date, bookedAt: Date, waiters: number) {
  const slot = await createSlot(factory, { capacity: 6, audience: "BOTH", schoolReservedSeats: 4, schoolReservedUntil: until });
  const first = await book(individualInput(slot.id, { seats: 2 }), { now: bookedAt });
  expect(first.booking.status).toBe("CONFIRMED");
  const waiting: string[] = [];
  for (let i = 0; i < waiters; i++) {
    const { booking } = await book(individualInput(slot.id, { seats: 1 }), { now: new Date(bookedAt.getTime() + i + 1) });
    expect(booking.status).toBe("WAITLISTED");
    waiting.push(booking.id);
  }
  return { slotId: slot.id, waiting };
}

const promotionMails = (bookingIds: string[]) =>
  db.emailOutbox.count({ where: { bookingId: { in: bookingIds }, template: { contains: "promot" } } });

describe("promotion when a school reservation ends", () => {
  it("promotes each waiter once, in arrival order, when two runs race", async () => {
    const until = new Date(Date.now() + 2 * DAY);
    const { slotId, waiting } = await reservedSlot(until, new Date(Date.now() + DAY), 5);
    // Before the release, nothing is due.
    expect((await promoteAfterReserveRelease(new Date(until.getTime() - 1))).promoted.filter((p) => waiting.includes(p.id))).toEqual([]);

    const after = new Date(until.getTime() + MINUTE);
    const runs = await Promise.all([promoteAfterReserveRelease(after), promoteAfterReserveRelease(after)]);
    const promoted = runs.flatMap((run) => run.promoted.map((p) => p.id)).filter((id) => waiting.includes(id));
    // 4 released seats, 5 waiters of one seat: the first four, each once.
    expect(promoted.sort()).toEqual(waiting.slice(0, 4).sort());
    const rows = await db.booking.findMany({ where: { id: { in: waiting } }, orderBy: { queue: "asc" }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual(["CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "WAITLISTED"]);
    expect(await db.slot.findUniqueOrThrow({ where: { id: slotId }, select: { taken: true, schoolReleaseHandledFor: true } })).toEqual({
      taken: 6,
      schoolReleaseHandledFor: until,
    });
    expect(await promotionMails(waiting)).toBe(4);
  });

  it("handles a release again when the reservation date is moved, through the scheduler", async () => {
    const until = new Date(Date.now() + 2 * DAY);
    const { slotId } = await reservedSlot(until, new Date(Date.now() + DAY), 0);
    await promoteAfterReserveRelease(new Date(until.getTime() + MINUTE));

    // The factory holds the seats for classes again, until later; a visitor waits meanwhile.
    const later = new Date(until.getTime() + DAY);
    await db.slot.update({ where: { id: slotId }, data: { schoolReservedUntil: later } });
    const { booking } = await book(individualInput(slotId, { seats: 3 }), { now: new Date(until.getTime() + 2 * MINUTE) });
    expect(booking.status).toBe("WAITLISTED");

    const run = await runScheduledJobs(new Date(later.getTime() + MINUTE));
    expect(run.ran && run.reserveRelease.promoted.map((p) => p.id)).toContain(booking.id);
    expect(await db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { status: true } })).toEqual({ status: "CONFIRMED" });
    expect(await promotionMails([booking.id])).toBe(1);
  });
});
