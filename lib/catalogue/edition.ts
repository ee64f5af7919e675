import "server-only";
import type { Prisma } from "@prisma/client";
import { cache } from "react";
import { seatsLeftSql } from "@/lib/booking/availability";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { parisToday } from "@/lib/paris-time";

// The edition visitors see: among those whose programme has gone public (catalogueOpensAt), the next
// one still to come by the Paris calendar, or else the most recent. So the next edition replaces this
// one on the day its catalogue opens, and until then the public site keeps the one that just ended.
// Before any catalogue has opened (a fresh install), the same rule over every edition.
export const getCurrentEdition = cache(async (now: Date = new Date()) => {
  const published = { catalogueOpensAt: { lte: now } };
  return (await editionToShow(published, now)) ?? (await editionToShow({}, now));
});

async function editionToShow(where: Prisma.EditionWhereInput, now: Date) {
  return (
    (await db.edition.findFirst({ where: { ...where, lastDay: { gte: parisToday(now) } }, orderBy: { firstDay: "asc" } })) ??
    (await db.edition.findFirst({ where, orderBy: { firstDay: "desc" } }))
  );
}

// The edition factories register for: the one whose registration window is open (the earliest, if two
// overlap), else the next to open, else the edition visitors see (whose page then says it is closed).
export const getRegistrationEdition = cache(async (now: Date = new Date()) => {
  return (
    (await db.edition.findFirst({
      where: { factoryRegistrationOpensAt: { lte: now }, factoryRegistrationClosesAt: { gt: now } },
      orderBy: { firstDay: "asc" },
    })) ??
    (await db.edition.findFirst({ where: { factoryRegistrationOpensAt: { gt: now } }, orderBy: { factoryRegistrationOpensAt: "asc" } })) ??
    (await getCurrentEdition(now))
  );
});

// The edition whose programme goes public next, if one is planned (the home page announces it).
export async function upcomingEdition(now: Date = new Date()) {
  return db.edition.findFirst({
    where: { catalogueOpensAt: { gt: now } },
    orderBy: { catalogueOpensAt: "asc" },
    select: { name: true, firstDay: true, lastDay: true, catalogueOpensAt: true, bookingOpensAt: true },
  });
}

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
