import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

// The edition visitors see: the next one still to come, or else the most recent.
export const getCurrentEdition = cache(async () => {
  const today = new Date(new Date().toISOString().slice(0, 10));
  return (
    (await db.edition.findFirst({ where: { lastDay: { gte: today } }, orderBy: { firstDay: "asc" } })) ??
    (await db.edition.findFirst({ orderBy: { firstDay: "desc" } }))
  );
});

export async function editionHeadlineFigures(editionId: string) {
  const [row] = await db.$queryRaw<{ factories: bigint; visits: bigint; free: bigint | null }[]>`
    SELECT
      (SELECT count(*) FROM "Factory" WHERE "editionId" = ${editionId} AND status = 'APPROVED') AS factories,
      count(s.id) AS visits,
      sum(s.capacity - s.taken) AS free
    FROM "Slot" s
    JOIN "Factory" f ON f.id = s."factoryId" AND f.status = 'APPROVED'
    WHERE s."editionId" = ${editionId} AND s.status = 'OPEN'`;
  return { factories: Number(row.factories), visits: Number(row.visits), freeSeats: Number(row.free ?? 0) };
}
