// Seats left are counted in one place, lib/booking/availability.ts (SQL and TypeScript twins):
// any other module that computes "capacity − taken" (or compares them to decide whether a seat is
// free) has its own rule, and such copies drifted before (school-reserved seats shown as bookable).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["lib", "app", "components"];
const HOME = `lib${path.sep}booking${path.sep}`;

// `capacity - taken`, `s.capacity - s.taken`, `slot.capacity - slot.taken`, `"capacity" - "taken"`,
// and "a seat is free" as `taken < capacity`.
const SEAT_ARITHMETIC = [
  /\bcapacity"?\s*-\s*(?:\w+\.)?"?taken\b/,
  /\btaken"?\s*<\s*(?:\w+\.)?"?capacity\b/,
  /\btaken"?\s*>=\s*(?:\w+\.)?"?capacity\b/,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const computesSeats = (text: string) => SEAT_ARITHMETIC.some((pattern) => pattern.test(text));

describe("availability has one home", () => {
  it("recognises the copies it forbids (positive control)", () => {
    for (const sample of [
      "GREATEST(s.capacity - s.taken, 0)::int",
      "const seatsLeft = slot.capacity - slot.taken;",
      "Math.max(slot.capacity - taken, 0)",
      "sum(s.capacity - s.taken) AS free",
      'WHERE "capacity" - "taken" > 0',
      "Prisma.sql`s.taken < s.capacity`",
      "slot.taken >= slot.capacity ? full : null",
    ]) {
      expect(computesSeats(sample), sample).toBe(true);
    }
    for (const sample of ["capacity: slot.capacity, taken: slot.taken", "t('seats', { taken, capacity })", "takenBySchools"]) {
      expect(computesSeats(sample), sample).toBe(false);
    }
  });

  it("finds no seat arithmetic outside lib/booking", () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .map((file) => path.relative(ROOT, file))
      .filter((file) => !file.startsWith(HOME))
      .filter((file) => computesSeats(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
