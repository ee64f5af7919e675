import "server-only";
// What organisers and teachers read of the coach requests (docs/decisions/0020-school-transport.md).
import type { TransportStatus } from "@prisma/client";
import { db } from "@/lib/db";

export interface TransportFigures {
  /** 0: the edition offers no transport. */
  budget: number;
  /** Sum of the accepted requests' costs. */
  spent: number;
  /** Pupils on accepted requests. */
  pupils: number;
  /** Distinct departure departments of accepted requests, by code. */
  departments: string[];
  /** Requests waiting for a decision. */
  waiting: number;
}

/** The edition's budget and what its accepted requests add up to (the dashboard and the requests' page). */
export async function transportFigures(editionId: string): Promise<TransportFigures> {
  const [edition, [row]] = await Promise.all([
    db.edition.findUniqueOrThrow({ where: { id: editionId }, select: { transportBudgetEuros: true } }),
    db.$queryRaw<{ spent: number; pupils: number; departments: string[]; waiting: number }[]>`
      SELECT COALESCE(sum("costEuros") FILTER (WHERE status = 'ACCEPTED'), 0)::int AS spent,
             COALESCE(sum(pupils) FILTER (WHERE status = 'ACCEPTED'), 0)::int AS pupils,
             COALESCE(array_agg(DISTINCT "departureDepartment"::text ORDER BY "departureDepartment"::text) FILTER (WHERE status = 'ACCEPTED'), '{}')::text[] AS departments,
             (count(*) FILTER (WHERE status = 'REQUESTED'))::int AS waiting
      FROM "TransportRequest" WHERE "editionId" = ${editionId}`,
  ]);
  return { budget: edition.transportBudgetEuros, ...row };
}

const requestSelect = {
  id: true,
  status: true,
  pupils: true,
  departureCommuneName: true,
  departureDepartment: true,
  distanceKm: true,
  costEuros: true,
  refusalReason: true,
  decidedAt: true,
  createdAt: true,
  booking: {
    select: {
      status: true,
      schoolName: true,
      schoolUai: true,
      classLevel: true,
      students: true,
      contactName: true,
      slot: { select: { startsAt: true, endsAt: true, factory: { select: { siteName: true, communeName: true, departmentCode: true } } } },
    },
  },
} as const;

export type TransportRequestRow = Awaited<ReturnType<typeof listTransportRequests>>[number];

const STATUS_ORDER: Record<TransportStatus, number> = { REQUESTED: 0, ACCEPTED: 1, REFUSED: 2, CANCELLED: 3 };

/** The edition's requests for organisers: waiting ones first, then decided, oldest first within each. */
export async function listTransportRequests(editionId: string) {
  const rows = await db.transportRequest.findMany({ where: { editionId }, select: requestSelect, orderBy: { createdAt: "asc" } });
  return rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

/** A booking's request as its manage page shows it (the teacher's), or null. */
export function transportOfBooking(bookingId: string) {
  return db.transportRequest.findUnique({
    where: { bookingId },
    select: { status: true, pupils: true, departureCommuneName: true, costEuros: true, refusalReason: true },
  });
}
