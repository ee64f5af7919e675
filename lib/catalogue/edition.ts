import "server-only";
import { cache } from "react";
import { seatsLeftSql } from "@/lib/booking/availability";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { parisToday } from "@/lib/paris-time";

// The edition visitors see: the next one still to come (by the Paris calendar), or else the most recent.
export const getCurrentEdition = cache(async (now: Date = new Date()) => {
  const today = parisToday(now);
  return (
    (await db.edition.findFirst({ where: { lastDay: { gte: today } }, orderBy: { firstDay: "asc" } })) ??
    (await db.edition.findFirst({ orderBy: { firstDay: "desc" } }))
  );
});

// The home page's figures: approved factories, open visits and their free seats (for anyone: seats
// held for schools count, they are free too).
export async function editionHeadlineFigures(editionId: string, now: Date = clockNow()) {
  const [row] = await db.$queryRaw<{ factories: bigint; visits: bigint; free: bigint | null }[]>`
    SELECT
      (SELECT count(*) FROM "Factory" WHERE "editionId" = ${editionId} AND status = 'APPROVED') AS factories,
      count(s.id) AS visits,
      sum(${seatsLeftSql("s", now, true)}) AS free
    FROM "Slot" s
    JOIN "Factory" f ON f.id = s."factoryId" AND f.status = 'APPROVED'
    WHERE s."editionId" = ${editionId} AND s.status = 'OPEN'`;
  return { factories: Number(row.factories), visits: Number(row.visits), freeSeats: Number(row.free ?? 0) };
}
