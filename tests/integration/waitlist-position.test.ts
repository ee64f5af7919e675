// A waitlisted visitor's place in line: the order promotion follows, counted among the entries
// still waiting for the same visit.
import { describe, expect, it } from "vitest";
import { book, cancelBooking, waitlistPosition } from "@/lib/booking";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";
import { individualInput as individual } from "../fixtures/bookings";

describe("waitlistPosition", () => {
  it("counts the entries ahead in arrival order, and follows cancellations and promotions", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const slot = await createSlot(factory, { capacity: 2 });
    const other = await createSlot(factory, { capacity: 1 });

    const holder = await book(individual(slot.id, { seats: 2 }));
    const first = await book(individual(slot.id, { seats: 1 }));
    const second = await book(individual(slot.id, { seats: 2 }));
    const third = await book(individual(slot.id, { seats: 1 }));
    // Another visit's queue does not count.
    await book(individual(other.id, { seats: 1 }));
    await book(individual(other.id, { seats: 1 }));
    expect([holder.status, first.status, second.status, third.status]).toEqual(["CONFIRMED", "WAITLISTED", "WAITLISTED", "WAITLISTED"]);

    expect(await waitlistPosition(holder.booking.id)).toBeNull();
    expect(await waitlistPosition(first.booking.id)).toEqual({ position: 1, total: 3 });
    expect(await waitlistPosition(second.booking.id)).toEqual({ position: 2, total: 3 });
    expect(await waitlistPosition(third.booking.id)).toEqual({ position: 3, total: 3 });

    // Leaving the list moves those behind up.
    await cancelBooking({ manageToken: first.manageToken! }, { by: "VISITOR" });
    expect(await waitlistPosition(first.booking.id)).toBeNull();
    expect(await waitlistPosition(second.booking.id)).toEqual({ position: 1, total: 2 });
    expect(await waitlistPosition(third.booking.id)).toEqual({ position: 2, total: 2 });

    // Two seats free up: the first in line is the one promoted.
    const { promoted } = await cancelBooking({ manageToken: holder.manageToken! }, { by: "VISITOR" });
    expect(promoted.map((p) => p.id)).toEqual([second.booking.id]);
    expect(await waitlistPosition(second.booking.id)).toBeNull();
    expect(await waitlistPosition(third.booking.id)).toEqual({ position: 1, total: 1 });
  });
});
