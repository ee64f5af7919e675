import "server-only";
// The visits of « Mon programme » (a shared list of slot ids) and of a printable area programme.
// What visitors may see, as everywhere in the catalogue: OPEN slots of APPROVED factories; seats
// through the one availability rule.
import type { Audience, Prisma } from "@prisma/client";
import { availability, slotSeatsSelect, withoutSeatColumns, type Availability } from "@/lib/booking/availability";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { parisDay } from "@/lib/paris-time";
import type { PrintableArea } from "./schemas";

export type ProgrammeItem = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  audience: Audience;
  factory: { id: string; siteName: string; companyName: string; address: string; postalCode: string; communeName: string; departmentCode: string; regionCode: string };
} & Availability;

const visibleSlot = { status: "OPEN", factory: { status: "APPROVED" } } as const satisfies Prisma.SlotWhereInput;

const itemSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  audience: true,
  ...slotSeatsSelect,
  factory: { select: { id: true, siteName: true, companyName: true, address: true, postalCode: true, communeName: true, departmentCode: true, regionCode: true } },
} as const satisfies Prisma.SlotSelect;

type ItemRow = Prisma.SlotGetPayload<{ select: typeof itemSelect }>;

function toItem(row: ItemRow, now: Date): ProgrammeItem {
  return { ...withoutSeatColumns(row), ...availability(row, now) };
}

/**
 * The visits of a programme by start time, and the ids among `ids` that are no longer offered
 * (unknown, cancelled, or of a factory no longer approved), in the order given. One query.
 */
export async function getProgrammeVisits(ids: readonly string[], now: Date = clockNow()): Promise<{ visits: ProgrammeItem[]; missing: string[] }> {
  if (ids.length === 0) return { visits: [], missing: [] };
  const rows = await db.slot.findMany({
    where: { id: { in: [...ids] }, ...visibleSlot },
    select: itemSelect,
    orderBy: [{ startsAt: "asc" }, { endsAt: "asc" }, { id: "asc" }],
  });
  const found = new Set(rows.map((row) => row.id));
  return { visits: rows.map((row) => toItem(row, now)), missing: ids.filter((id) => !found.has(id)) };
}

const byTown = new Intl.Collator("fr", { sensitivity: "base" });

/**
 * Every public visit of an edition in a department or region, for its printable programme: by
 * Paris day, then town, then start time and site. One query (a department holds a few hundred
 * visits at most; the day-and-town order is the Paris calendar's, so it is sorted here).
 */
export async function getAreaProgramme(editionId: string, area: PrintableArea, now: Date = clockNow()): Promise<ProgrammeItem[]> {
  const rows = await db.slot.findMany({
    where: {
      editionId,
      ...visibleSlot,
      factory: { ...visibleSlot.factory, ...(area.kind === "department" ? { departmentCode: area.code } : { regionCode: area.code }) },
    },
    select: itemSelect,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  const keyed = rows.map((row) => ({ day: parisDay(row.startsAt), item: toItem(row, now) }));
  keyed.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      byTown.compare(a.item.factory.communeName, b.item.factory.communeName) ||
      a.item.startsAt.getTime() - b.item.startsAt.getTime() ||
      byTown.compare(a.item.factory.siteName, b.item.factory.siteName) ||
      a.item.id.localeCompare(b.item.id),
  );
  return keyed.map(({ item }) => item);
}
