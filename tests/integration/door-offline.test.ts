// The offline door desk's server side (lib/factory/door-offline.ts) against the real database: the
// day's copy holds only what the door needs and only for the factory's own staff; the sync applies
// each entry once, answers every kind of conflict, refuses another site's staff with nothing
// written, and two devices syncing the same ticket at once admit it once. A negative control shows
// what the per-entry record prevents: without it, an entry sent twice at once reports the device's
// own check-in as a conflict.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { book, cancelBooking } from "@/lib/booking";
import { db } from "@/lib/db";
import { checkIn } from "@/lib/factory/checkin";
import { doorCodeHash, doorSnapshot, syncDoorEntries } from "@/lib/factory/door-offline";
import type { DoorSyncEntryInput } from "@/lib/factory/door-offline-schemas";
import { hashToken } from "@/lib/tokens";
import { BOOKED_AT, createFactory, createFactoryContact, createSlot, createVisitWeekendEdition, VISIT } from "../fixtures/factories";
import { caught, individualInput } from "../fixtures/bookings";

// VISIT: Saturday 30 March 2030, 10:30 Paris. The desk went offline at 10:00 and synced at 10:40.
const OFFLINE_AT = new Date("2030-03-30T09:05:00Z");
const SYNCED_AT = new Date("2030-03-30T09:40:00Z");
const ctx = { now: SYNCED_AT };

async function setup() {
  const edition = await createVisitWeekendEdition();
  const factory = await createFactory(edition.id, { siteName: "Usine de Cluses" });
  const other = await createFactory(edition.id, { siteName: "Forge de Thiers" });
  const slot = await createSlot(factory, { startsAt: VISIT, capacity: 20 });
  const tomorrow = await createSlot(factory, { startsAt: new Date(VISIT.getTime() + 86_400_000), capacity: 20 });
  const otherSlot = await createSlot(other, { startsAt: VISIT, capacity: 20 });
  return { factory, other, slot, tomorrow, otherSlot, contact: await createFactoryContact(factory.id), otherContact: await createFactoryContact(other.id) };
}

async function booked(slotId: string, seats: number, contactName = "Émilie Durand") {
  const result = await book(individualInput(slotId, { seats, contactName }), { now: BOOKED_AT });
  if (result.replayed) throw new Error("unexpected replay");
  return result;
}

const entry = (over: Partial<DoorSyncEntryInput>): DoorSyncEntryInput => ({ id: randomUUID(), at: OFFLINE_AT.toISOString(), ...over });
const device = () => randomUUID();

describe("the door desk's local copy", () => {
  it("holds today's bookings of this factory only, with hashes instead of the ticket's secrets and a short name", async () => {
    const { factory, slot, tomorrow, otherSlot, contact, otherContact } = await setup();
    const today = await booked(slot.id, 3, "Émilie Durand");
    await booked(tomorrow.id, 2);
    await booked(otherSlot.id, 2);

    const snapshot = await doorSnapshot(contact, factory.id, { now: OFFLINE_AT });
    expect(snapshot).toMatchObject({ factoryId: factory.id, day: "2030-03-30", generatedAt: OFFLINE_AT.toISOString() });
    expect(snapshot.slots.map((s) => s.id)).toEqual([slot.id]);
    expect(snapshot.tickets).toHaveLength(1);
    const [ticket] = snapshot.tickets;
    expect(ticket).toMatchObject({ bookingId: today.booking.id, name: "É. Durand", seats: 3, status: "CONFIRMED", tokenHash: hashToken(today.ticketToken) });
    expect(ticket.codeHash).toBe(await doorCodeHash(today.booking.ticketCode, snapshot.codeSalt));
    // Nothing that reaches the visitor or reveals the code.
    const text = JSON.stringify(snapshot);
    for (const secret of [today.booking.email, "Émilie", today.booking.ticketCode, today.ticketToken]) expect(text).not.toContain(secret);
    // A fresh salt each time: two copies do not share hashes.
    expect((await doorSnapshot(contact, factory.id, { now: OFFLINE_AT })).tickets[0].codeHash).not.toBe(ticket.codeHash);

    expect((await caught(doorSnapshot(otherContact, factory.id, { now: OFFLINE_AT }))).code).toBe("auth.forbidden");
  });
});

describe("syncing the check-ins recorded offline", () => {
  it("applies each entry once, at the time it was recorded, and answers a second sending the same", async () => {
    const { factory, slot, contact } = await setup();
    const a = await booked(slot.id, 3);
    const b = await booked(slot.id, 2, "Karim Benali");
    const deviceId = device();
    const entries = [entry({ bookingId: a.booking.id, count: 2 }), entry({ ticket: b.booking.ticketCode.toLowerCase() })];

    const first = await syncDoorEntries(contact, { factoryId: factory.id, deviceId, entries }, ctx);
    expect(first.map((r) => r.result)).toEqual(["applied", "applied"]);
    expect(await db.booking.findUniqueOrThrow({ where: { id: a.booking.id }, select: { status: true, checkedInCount: true, checkedInAt: true } })).toEqual({
      status: "CHECKED_IN",
      checkedInCount: 2,
      checkedInAt: OFFLINE_AT,
    });
    expect((await db.booking.findUniqueOrThrow({ where: { id: b.booking.id } })).checkedInCount).toBe(2);

    const again = await syncDoorEntries(contact, { factoryId: factory.id, deviceId, entries }, ctx);
    expect(again).toEqual(first);
    expect(await db.auditLog.count({ where: { entityId: { in: [a.booking.id, b.booking.id] }, action: "booking.check_in" } })).toBe(2);
    expect(await db.doorSyncEntry.count({ where: { deviceId } })).toBe(2);
  });

  it("reports each conflict: checked in elsewhere, cancelled meanwhile, unknown ticket, another day, another site", async () => {
    const { factory, slot, tomorrow, otherSlot, contact } = await setup();
    const elsewhere = await booked(slot.id, 2);
    const cancelled = await booked(slot.id, 2);
    const later = await booked(tomorrow.id, 2);
    const foreign = await booked(otherSlot.id, 2);
    // While the desk was offline: a second device checked one in, the visitor cancelled another.
    await checkIn(contact, { factoryId: factory.id, bookingId: elsewhere.booking.id }, { now: new Date(OFFLINE_AT.getTime() - 60_000) });
    await cancelBooking({ manageToken: cancelled.manageToken }, { by: "VISITOR", now: BOOKED_AT });

    const results = await syncDoorEntries(
      contact,
      {
        factoryId: factory.id,
        deviceId: device(),
        entries: [
          entry({ bookingId: elsewhere.booking.id }),
          entry({ bookingId: cancelled.booking.id }),
          entry({ ticket: "ZZZZ2222" }),
          entry({ ticket: later.ticketToken }),
          entry({ ticket: foreign.booking.ticketCode }),
        ],
      },
      ctx,
    );
    expect(results.map((r) => r.result)).toEqual(["checkin.already", "checkin.cancelled", "ticket.not_found", "checkin.wrong_day", "checkin.wrong_factory"]);
    expect(results[0].params).toMatchObject({ count: 2 });
    expect(results[4].params).toEqual({ site: "Forge de Thiers" });
    expect((await db.booking.findUniqueOrThrow({ where: { id: later.booking.id } })).status).toBe("CONFIRMED");
    expect((await db.booking.findUniqueOrThrow({ where: { id: foreign.booking.id } })).status).toBe("CONFIRMED");
  });

  it("refuses another site's staff and bad input, writing nothing", async () => {
    const { factory, slot, otherContact, contact } = await setup();
    const a = await booked(slot.id, 2);
    const before = { entries: await db.doorSyncEntry.count(), audit: await db.auditLog.count() };
    const input = { factoryId: factory.id, deviceId: device(), entries: [entry({ bookingId: a.booking.id })] };

    expect((await caught(syncDoorEntries(otherContact, input, ctx))).code).toBe("auth.forbidden");
    const invalid = await caught(syncDoorEntries(contact, { ...input, entries: [entry({ bookingId: a.booking.id }), { id: "x", at: "hier" }] }, ctx));
    expect(invalid).toMatchObject({ code: "validation.failed", fields: { "entries.1.id": "entry.invalid" } });
    expect(await db.doorSyncEntry.count()).toBe(before.entries);
    expect(await db.auditLog.count()).toBe(before.audit);
    expect((await db.booking.findUniqueOrThrow({ where: { id: a.booking.id } })).status).toBe("CONFIRMED");
  });

  it("admits a ticket checked in offline on two devices exactly once when both sync at once", async () => {
    const { factory, slot, contact } = await setup();
    const second = await createFactoryContact(factory.id);
    const tickets = await Promise.all(Array.from({ length: 6 }, (_, i) => booked(slot.id, 1 + (i % 3))));
    // Both desks admitted all six tickets offline; they come back online at the same moment.
    const sync = (actor: typeof contact) =>
      syncDoorEntries(actor, { factoryId: factory.id, deviceId: device(), entries: tickets.map((t) => entry({ bookingId: t.booking.id })) }, ctx);
    const [one, two] = await Promise.all([sync(contact), sync(second)]);
    const applied = [...one, ...two].filter((r) => r.result === "applied").length;
    const conflicts = [...one, ...two].filter((r) => r.result === "checkin.already").length;
    console.log(`[door-offline] 2 devices × 6 tickets synced at once: ${applied} applied, ${conflicts} reported as checked in elsewhere`);
    expect(applied).toBe(6);
    expect(conflicts).toBe(6);
    expect(await db.auditLog.count({ where: { entityId: { in: tickets.map((t) => t.booking.id) }, action: "booking.check_in" } })).toBe(6);
  });

  it("answers an entry sent twice at once (two tabs, a retry) as applied both times", async () => {
    const { factory, slot, contact } = await setup();
    const a = await booked(slot.id, 2);
    const input = { factoryId: factory.id, deviceId: device(), entries: [entry({ bookingId: a.booking.id })] };
    const answers = await Promise.all(Array.from({ length: 4 }, () => syncDoorEntries(contact, input, ctx)));
    console.log(`[door-offline] one entry sent 4 times at once: ${answers.map((r) => r[0].result).join(", ")}`);
    expect(answers.map((r) => r[0].result)).toEqual(Array(4).fill("applied"));
    expect(await db.auditLog.count({ where: { entityId: a.booking.id, action: "booking.check_in" } })).toBe(1);
  });

  it("negative control: without the entry's record, the same entry sent twice at once reports the device's own check-in as a conflict", async () => {
    const { factory, slot, contact } = await setup();
    const a = await booked(slot.id, 2);
    const answers = await Promise.allSettled(Array.from({ length: 4 }, () => checkIn(contact, { factoryId: factory.id, bookingId: a.booking.id }, { now: OFFLINE_AT })));
    const conflicts = answers.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "checkin.already").length;
    console.log(`[door-offline] negative control: one check-in sent 4 times at once without the record: ${4 - conflicts} applied, ${conflicts} false conflicts`);
    expect(conflicts).toBe(3);
  });
});
