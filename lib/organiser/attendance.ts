// Who came: no-show rates from the door's check-ins, on the organiser's dashboard and in the visits'
// export. Only visits that are over and whose door desk was used count (at least one check-in or one
// walk-in): a visit where nobody was checked in says the desk was not used, not that nobody came.
// In seats, not bookings: a booking of 4 where 3 came counts one seat missing.
import { Prisma } from "@prisma/client";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { overseasRegions } from "./dashboard";

type Client = Pick<typeof db, "$queryRaw">;

export interface AttendanceFigures {
  /** Visits over, with the door desk used. */
  visits: number;
  /** Seats their confirmed bookings held. */
  bookedSeats: number;
  /** People of those bookings checked in. */
  cameSeats: number;
  /** 1 − came / booked; null without booked seats. */
  noShowRate: number | null;
}

export interface AttendanceBreakdown<K extends string = string> extends AttendanceFigures {
  key: K;
}

// How long before the visit the booking was made.
export const LEAD_TIMES = ["lt7", "7to30", "gt30"] as const;
// The answer to the attendance request (lib/booking/attendance.ts).
export const ANSWERS = ["confirmed", "unanswered", "not_asked"] as const;

export interface Attendance {
  totals: AttendanceFigures;
  /** People let in without a booking at those visits. */
  walkIns: number;
  byRegion: AttendanceBreakdown[];
  byAudience: AttendanceBreakdown<"INDIVIDUAL" | "GROUP">[];
  byLeadTime: AttendanceBreakdown<(typeof LEAD_TIMES)[number]>[];
  byAnswer: AttendanceBreakdown<(typeof ANSWERS)[number]>[];
}

type Row = { grouping: number; region: string | null; audience: string | null; lead: string | null; answer: string | null; visits: number; booked: number; came: number };

const figures = (row: Row | undefined): AttendanceFigures => ({
  visits: row?.visits ?? 0,
  bookedSeats: row?.booked ?? 0,
  cameSeats: row?.came ?? 0,
  noShowRate: row && row.booked > 0 ? 1 - row.came / row.booked : null,
});

/**
 * The visits over at `now` whose door desk was used (aliases s = Slot, f = Factory). The test on
 * startsAt is implied by endsAt's; it lets the (editionId, startsAt) index skip the visits to come,
 * all of them before the event.
 */
export function doorUsedSql(now: Date): Prisma.Sql {
  return Prisma.sql`s.status = 'OPEN' AND s."startsAt" < ${now} AND s."endsAt" <= ${now}
    AND (s."takenByWalkIns" > 0 OR EXISTS (SELECT 1 FROM "Booking" c WHERE c."slotId" = s.id AND c.status = 'CHECKED_IN'))`;
}

/** No-show rates of an edition: in total, by region, audience, booking lead time and attendance answer (one statement). */
export async function attendanceFigures(editionId: string, client: Client = db, now: Date = clockNow()): Promise<Attendance> {
  const [rows, walkIns] = await Promise.all([
    client.$queryRaw<Row[]>`
      WITH held AS (
        SELECT s.id AS slot, f."regionCode" AS region, b.kind::text AS audience,
               CASE WHEN s."startsAt" - b."createdAt" < interval '7 days' THEN 'lt7'
                    WHEN s."startsAt" - b."createdAt" < interval '30 days' THEN '7to30' ELSE 'gt30' END AS lead,
               CASE WHEN b."attendanceConfirmedAt" IS NOT NULL THEN 'confirmed'
                    WHEN b."attendanceRequestedAt" IS NOT NULL THEN 'unanswered' ELSE 'not_asked' END AS answer,
               b.seats, CASE WHEN b.status = 'CHECKED_IN' THEN COALESCE(b."checkedInCount", b.seats) ELSE 0 END AS came
        FROM "Slot" s
        JOIN "Factory" f ON f.id = s."factoryId"
        JOIN "Booking" b ON b."slotId" = s.id AND b.status IN ('CONFIRMED', 'CHECKED_IN')
        WHERE s."editionId" = ${editionId} AND ${doorUsedSql(now)}
      )
      SELECT GROUPING(region, audience, lead, answer)::int AS grouping, region, audience, lead, answer,
             count(DISTINCT slot)::int AS visits, sum(seats)::int AS booked, sum(came)::int AS came
      FROM held
      GROUP BY GROUPING SETS ((region), (audience), (lead), (answer), ())`,
    client.$queryRaw<{ people: number }[]>`
      SELECT COALESCE(sum(s."takenByWalkIns"), 0)::int AS people FROM "Slot" s WHERE s."editionId" = ${editionId} AND ${doorUsedSql(now)}`,
  ]);
  // GROUPING(region, audience, lead, answer) is a bit mask, region being the highest bit.
  const of = <K extends string>(mask: number, key: (row: Row) => string | null, order?: readonly K[]) => {
    const out = rows.filter((row) => row.grouping === mask).map((row) => ({ key: (key(row) ?? "") as K, ...figures(row) }));
    return order ? out.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)) : out.sort((a, b) => a.key.localeCompare(b.key));
  };
  return {
    totals: figures(rows.find((row) => row.grouping === 0b1111)),
    walkIns: walkIns[0]?.people ?? 0,
    byRegion: of(0b0111, (row) => row.region).sort((a, b) => Number(overseasRegions.has(a.key)) - Number(overseasRegions.has(b.key))),
    byAudience: of(0b1011, (row) => row.audience, ["INDIVIDUAL", "GROUP"] as const),
    byLeadTime: of(0b1101, (row) => row.lead, LEAD_TIMES),
    byAnswer: of(0b1110, (row) => row.answer, ANSWERS),
  };
}
