// The day-before summary to factory contacts: from 08:00 (Paris) the day before a factory's first
// visit of a day, until that visit starts, each contact of the site gets one e-mail summarising who
// is coming per slot (dedupeKey `factory-day:<factoryId>:<day>:<userId>`: once per contact and day).
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { factoryDayBeforeEmail, factoryDayKey, type FactoryDaySlot, type FactoryDaySummary } from "@/lib/email/templates/lifecycle";
import { parisDayRange } from "@/lib/paris-time";
import { DAY, existingKeys, inJobTransaction, MAX_PER_RUN, type JobResult } from "./shared";

// Sent from this Paris hour the day before: the site prepares during a working day. Bookings made
// later are in the live list of the factory space, which the e-mail links to.
export const DAY_BEFORE_SEND_HOUR = 8;
const HELD = new Set(["CONFIRMED", "CHECKED_IN"]);
// Advisory-lock namespace of this job ("FDay" in ASCII), apart from other modules' keys.
const FACTORY_DAY_LOCK = 0x46446179;

interface Due {
  factoryId: string;
  day: string;
  userId: string;
  email: string;
  name: string | null;
  locale: string;
}

export async function enqueueFactoryDayBefore(now: Date = new Date(), maxPerRun = MAX_PER_RUN): Promise<JobResult> {
  // Paris days with at least one open visit of the factory, their first visit still to come, and
  // the sending time reached; one row per contact still without this day's summary.
  const due = await db.$queryRaw<Due[]>`
    WITH days AS (
      SELECT s."factoryId", (s."startsAt" AT TIME ZONE 'Europe/Paris')::date AS day, min(s."startsAt") AS first_start
      FROM "Slot" s
      WHERE s.status = 'OPEN' AND s."startsAt" > ${new Date(now.getTime() - DAY)} AND s."startsAt" <= ${new Date(now.getTime() + 2 * DAY)}
      GROUP BY 1, 2
    )
    SELECT d."factoryId", to_char(d.day, 'YYYY-MM-DD') AS day, u.id AS "userId", u.email, u.name, u.locale
    FROM days d
    JOIN "Factory" f ON f.id = d."factoryId" AND f.status = 'APPROVED'
    JOIN "FactoryContact" c ON c."factoryId" = d."factoryId"
    JOIN "User" u ON u.id = c."userId"
    WHERE d.first_start > ${now}
      AND ((d.day - 1) + make_time(${DAY_BEFORE_SEND_HOUR}::int, 0, 0)) AT TIME ZONE 'Europe/Paris' <= ${now}
      AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" o
                      WHERE o."dedupeKey" = 'factory-day:' || d."factoryId" || ':' || to_char(d.day, 'YYYY-MM-DD') || ':' || u.id)
    ORDER BY 1, 2, 3
    LIMIT ${maxPerRun}`;

  const byFactoryDay = new Map<string, Due[]>();
  for (const row of due) {
    const key = `${row.factoryId}:${row.day}`;
    byFactoryDay.set(key, [...(byFactoryDay.get(key) ?? []), row]);
  }
  const result: JobResult = { enqueued: 0, skipped: 0 };
  for (const contacts of byFactoryDay.values()) {
    const summary = await factoryDaySummary(contacts[0].factoryId, contacts[0].day);
    if (!summary) {
      result.skipped += contacts.length;
      continue;
    }
    const { factoryId, day } = contacts[0];
    result.enqueued += await inJobTransaction(async (tx) => {
      // Concurrent runs for the same factory and day wait here, then find the e-mails written.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FACTORY_DAY_LOCK}::int, hashtext(${`${factoryId}:${day}`}))`;
      const written = await existingKeys(tx, contacts.map((c) => factoryDayKey(factoryId, day, c.userId)));
      const fresh = contacts.filter((c) => !written.has(factoryDayKey(factoryId, day, c.userId)));
      for (const contact of fresh) await enqueueEmail(tx, factoryDayBeforeEmail(contact, summary));
      return fresh.length;
    });
  }
  return result;
}

/** Who is coming to a factory on one Paris day, per slot (counts, classes; no visitor names). */
export async function factoryDaySummary(factoryId: string, day: string): Promise<FactoryDaySummary | null> {
  const { start, end } = parisDayRange(day);
  const factory = await db.factory.findUnique({
    where: { id: factoryId },
    select: {
      companyName: true,
      siteName: true,
      edition: { select: { name: true } },
      slots: {
        where: { startsAt: { gte: start, lt: end } },
        orderBy: { startsAt: "asc" },
        select: {
          startsAt: true,
          endsAt: true,
          format: true,
          status: true,
          capacity: true,
          bookings: {
            where: { status: { in: ["CONFIRMED", "CHECKED_IN", "WAITLISTED"] } },
            orderBy: { queue: "asc" },
            select: { kind: true, status: true, seats: true, students: true, adults: true, schoolName: true, schoolUai: true, classLevel: true },
          },
        },
      },
    },
  });
  if (!factory || factory.slots.length === 0) return null;
  const slots: FactoryDaySlot[] = factory.slots.map((slot) => {
    const held = slot.bookings.filter((b) => HELD.has(b.status));
    const individuals = held.filter((b) => b.kind === "INDIVIDUAL");
    return {
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      format: slot.format,
      status: slot.status,
      capacity: slot.capacity,
      confirmedSeats: held.reduce((sum, b) => sum + b.seats, 0),
      confirmedBookings: held.length,
      individualBookings: individuals.length,
      individualSeats: individuals.reduce((sum, b) => sum + b.seats, 0),
      minors: individuals.reduce((sum, b) => sum + (b.seats - (b.adults ?? b.seats)), 0),
      groups: held
        .filter((b) => b.kind === "GROUP")
        .map((b) => ({ schoolName: b.schoolName, schoolUai: b.schoolUai, classLevel: b.classLevel, students: b.students ?? 0, adults: b.adults ?? 0 })),
      waitlisted: slot.bookings.filter((b) => b.status === "WAITLISTED").length,
    };
  });
  return { factoryId, day, factory: { companyName: factory.companyName, siteName: factory.siteName }, edition: factory.edition, slots };
}

