// A class books only visits whose minimum age (effectiveMinAge: the stricter of slot and factory)
// its youngest usual age meets (lib/booking/class-levels.ts); a refusal writes nothing.
import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { book } from "@/lib/booking";
import { translator } from "@/lib/i18n/messages";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { caught, groupInput } from "../fixtures/bookings";

async function classVisit(factoryData: Partial<Prisma.FactoryUncheckedCreateInput>, slotData: Partial<Prisma.SlotUncheckedCreateInput>) {
  const edition = await createEdition();
  const factory = await createFactory(edition.id, factoryData);
  const slot = await createSlot(factory, { audience: "SCHOOL", capacity: 40, ...slotData });
  const teacher = await db.user.create({ data: { email: `prof-${uid()}@example.fr` } });
  return { slot, teacher };
}

const footprint = async (slotId: string) => ({
  bookings: await db.booking.count({ where: { slotId } }),
  outbox: await db.emailOutbox.count(),
  slot: await db.slot.findUniqueOrThrow({ where: { id: slotId }, select: { taken: true, takenBySchools: true } }),
});

describe("book: a class and the visit's minimum age", () => {
  it("refuses a CM2 class (10–11) on a visit from 16, writing nothing, with a message naming both ages", async () => {
    const { slot, teacher } = await classVisit({ minAge: null }, { minAge: 16 });
    const before = await footprint(slot.id);
    const error = await caught(book(groupInput(slot.id, { classLevel: "CM2", students: 24, adults: 2 }), { userId: teacher.id }));
    expect(error.code).toBe("booking.class_too_young");
    expect(error.status).toBe(422);
    expect(error.fields).toEqual({ classLevel: "booking.class_too_young" });
    expect(error.params).toEqual({ minAge: 16, level: "CM2", youngest: 10, oldest: 11 });
    expect(await footprint(slot.id)).toEqual(before);

    const fr = await translator("fr", "booking.errors");
    expect(fr(error.code, error.params)).toBe("Cette visite est à partir de 16 ans : une classe de CM2 (10–11 ans) ne peut pas y être inscrite.");
    const en = await translator("en", "booking.errors");
    expect(en(error.code, error.params)).toContain("ages 16 and over");
  });

  it("accepts a 1re class (16–17) on a visit from 16", async () => {
    const { slot, teacher } = await classVisit({ minAge: 16 }, {});
    const result = await book(groupInput(slot.id, { classLevel: "1re", students: 24, adults: 2 }), { userId: teacher.id });
    expect(result.status).toBe("CONFIRMED");
    expect(result.booking.classLevel).toBe("1re");
  });

  it("applies the stricter of the slot's and the factory's minimum ages (slot 14+, factory 16+ → 16)", async () => {
    const { slot, teacher } = await classVisit({ minAge: 16 }, { minAge: 14 });
    // A 3e class (14) meets the slot's 14 but not the factory's 16.
    const error = await caught(book(groupInput(slot.id, { classLevel: "3e" }), { userId: teacher.id }));
    expect(error.code).toBe("booking.class_too_young");
    expect(error.params).toMatchObject({ minAge: 16, youngest: 14 });
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(0);
    // The same, the other way round: slot 16+, factory 14+.
    const other = await classVisit({ minAge: 14 }, { minAge: 16 });
    const refused = await caught(book(groupInput(other.slot.id, { classLevel: "2nde" }), { userId: other.teacher.id }));
    expect(refused.params).toMatchObject({ minAge: 16, level: "2nde" });
    expect((await book(groupInput(other.slot.id, { classLevel: "Tle" }), { userId: other.teacher.id })).status).toBe("CONFIRMED");
  });

  it("leaves classes alone on a visit without a minimum age", async () => {
    const { slot, teacher } = await classVisit({ minAge: null }, { minAge: null });
    expect((await book(groupInput(slot.id, { classLevel: "CM2" }), { userId: teacher.id })).status).toBe("CONFIRMED");
  });
});
