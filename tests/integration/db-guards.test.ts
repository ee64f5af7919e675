import { describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";

describe("database guards", () => {
  it("rejects pushing a slot over its capacity, even with raw SQL", async () => {
    const edition = await createEdition();
    const slot = await createSlot(await createFactory(edition.id), { capacity: 10 });
    await pool.query(`UPDATE "Slot" SET taken = 10 WHERE id = $1`, [slot.id]);
    await expect(pool.query(`UPDATE "Slot" SET taken = 11 WHERE id = $1`, [slot.id])).rejects.toThrow(/Slot_taken_check/);
    await expect(pool.query(`UPDATE "Slot" SET taken = -1 WHERE id = $1`, [slot.id])).rejects.toThrow(/violates check constraint/);
    const after = await db.slot.findUniqueOrThrow({ where: { id: slot.id } });
    expect(after.taken).toBe(10);
  });

  it("rejects school seats beyond the seats taken and an empty slot", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    await expect(createSlot(factory, { capacity: 0 })).rejects.toThrow();
    const slot = await createSlot(factory, { capacity: 5 });
    await expect(pool.query(`UPDATE "Slot" SET "takenBySchools" = 1 WHERE id = $1`, [slot.id])).rejects.toThrow(
      /Slot_takenBySchools_check/,
    );
  });

  it("runs each worker on its own database", async () => {
    const { rows } = await pool.query<{ db: string }>("SELECT current_database() AS db");
    expect(rows[0].db).toBe(process.env.UO_TEST_DATABASE);
    expect(rows[0].db).toMatch(/^uo_test_w\d+$/);
  });
});
