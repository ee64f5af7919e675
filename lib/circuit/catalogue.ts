// What the public sees of circuits: the published circuits of an edition with their stops and seats
// left, filtered like visits, one circuit for its booking page, and a booking by its private link.
//
// An edition has tens of circuits, not thousands: they are read whole and filtered here, which keeps
// one filter rule for the page and the API without a second SQL search beside lib/catalogue's.
import "server-only";
import { Prisma, type Audience } from "@prisma/client";
import { seatsLeft, slotSeatsSelect } from "@/lib/booking/availability";
import { normaliseSearchText, opensTo, searchTerms, type CatalogueFilters, type CatalogueParam } from "@/lib/catalogue/schemas";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { departmentsOfRegion } from "@/lib/geo/regions";
import { parisClock, parisDayRange } from "@/lib/paris-time";
import { isRowId } from "@/lib/booking/ids";
import { hashToken } from "@/lib/tokens";
import { MIN_LEGS } from "./timeline";

const publicCircuitSelect = {
  id: true,
  editionId: true,
  name: true,
  description: true,
  audience: true,
  departureAddress: true,
  departurePostalCode: true,
  departureCommuneName: true,
  departureDepartmentCode: true,
  departsAt: true,
  returnsAt: true,
  busCapacity: true,
  busTaken: true,
  maxSeatsPerBooking: true,
  edition: { select: { name: true, bookingOpensAt: true, dataRetentionDays: true } },
  legs: {
    orderBy: { position: "asc" },
    select: {
      position: true,
      slot: {
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          ...slotSeatsSelect,
          factory: {
            select: {
              id: true,
              siteName: true,
              companyName: true,
              communeName: true,
              departmentCode: true,
              regionCode: true,
              sectorCode: true,
              status: true,
              studentsPerAdult: true,
            },
          },
        },
      },
    },
  },
} as const satisfies Prisma.CircuitSelect;

type CircuitRow = Prisma.CircuitGetPayload<{ select: typeof publicCircuitSelect }>;

export interface CircuitStop {
  position: number;
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  factory: { id: string; siteName: string; companyName: string; communeName: string; departmentCode: string };
}

export interface PublicCircuit {
  id: string;
  editionId: string;
  name: string;
  description: string;
  audience: Audience;
  departure: { address: string; postalCode: string; communeName: string; departmentCode: string };
  departsAt: Date;
  returnsAt: Date;
  busCapacity: number;
  maxSeatsPerBooking: number;
  /** The fewest students per adult any stop accepts (the strictest stop decides), or null. */
  studentsPerAdult: number | null;
  /** Its edition: what the booking form says about personal data, and when bookings open. */
  edition: { name: string; bookingOpensAt: Date; dataRetentionDays: number };
  /** What a visitor / a school group can book now: the fewest seats left on the bus and on any stop. */
  seatsLeftForIndividuals: number;
  seatsLeftForSchools: number;
  stops: CircuitStop[];
}

// A circuit is bookable only when every stop is an open visit of an approved factory (lib/circuit/book
// refuses otherwise): one that is not shows no seat.
function toPublic(row: CircuitRow, at: Date): PublicCircuit {
  const bus = Math.max(0, row.busCapacity - row.busTaken);
  const legsBookable = row.legs.length >= MIN_LEGS && row.legs.every((leg) => leg.slot.factory.status === "APPROVED");
  const ratios = row.legs.flatMap((leg) => leg.slot.factory.studentsPerAdult ?? []);
  const left = (isGroup: boolean) => (legsBookable ? Math.min(bus, ...row.legs.map((leg) => seatsLeft(leg.slot, at, isGroup, true))) : 0);
  return {
    id: row.id,
    editionId: row.editionId,
    name: row.name,
    description: row.description,
    audience: row.audience,
    departure: {
      address: row.departureAddress,
      postalCode: row.departurePostalCode,
      communeName: row.departureCommuneName,
      departmentCode: row.departureDepartmentCode,
    },
    departsAt: row.departsAt,
    returnsAt: row.returnsAt,
    busCapacity: row.busCapacity,
    maxSeatsPerBooking: row.maxSeatsPerBooking,
    studentsPerAdult: ratios.length ? Math.min(...ratios) : null,
    edition: row.edition,
    seatsLeftForIndividuals: left(false),
    seatsLeftForSchools: left(true),
    stops: row.legs.map(({ position, slot }) => ({
      position,
      slotId: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      factory: {
        id: slot.factory.id,
        siteName: slot.factory.siteName,
        companyName: slot.factory.companyName,
        communeName: slot.factory.communeName,
        departmentCode: slot.factory.departmentCode,
      },
    })),
  };
}

/** The visit filters a circuit search honours (the others, e.g. a job family, describe one visit). */
export const CIRCUIT_FILTERS = ["q", "region", "department", "sector", "day", "time", "audience", "seats", "available"] as const satisfies readonly CatalogueParam[];

/** `filters` without those a circuit search ignores, so that links and counts say what was searched. */
export function circuitFilters(filters: CatalogueFilters): CatalogueFilters {
  return Object.fromEntries(CIRCUIT_FILTERS.flatMap((key) => (filters[key] === undefined ? [] : [[key, filters[key]]])));
}

// The visit filters that mean something for a circuit: a place matches the departure or any stop; the
// day and time are the departure's; `seats` and `available` count the seats of the audience asked for.
function matches(row: CircuitRow, circuit: PublicCircuit, filters: CatalogueFilters): boolean {
  const factories = row.legs.map((leg) => leg.slot.factory);
  const departments = [circuit.departure.departmentCode, ...factories.map((f) => f.departmentCode)];
  if (filters.department && !departments.includes(filters.department)) return false;
  if (filters.region) {
    const inRegion = new Set(departmentsOfRegion(filters.region).map((d) => d.code));
    if (!departments.some((code) => inRegion.has(code))) return false;
  }
  if (filters.sector && !factories.some((f) => f.sectorCode === filters.sector)) return false;
  if (filters.audience && !opensTo(circuit, filters.audience)) return false;
  if (filters.day) {
    const { start, end } = parisDayRange(filters.day);
    if (circuit.departsAt < start || circuit.departsAt >= end) return false;
  }
  if (filters.time && (Number(parisClock(circuit.departsAt).hour) < 12) !== (filters.time === "morning")) return false;
  const left = filters.audience === "SCHOOL" ? circuit.seatsLeftForSchools : circuit.seatsLeftForIndividuals;
  const leftAny = filters.audience ? left : Math.max(circuit.seatsLeftForIndividuals, circuit.seatsLeftForSchools);
  if (filters.available && leftAny === 0) return false;
  if (filters.seats && left < filters.seats) return false;
  // The visits' rule (lib/catalogue/schemas, searchTerms): every term appears in the text.
  const terms = searchTerms(filters.q);
  if (terms.length > 0) {
    const text = normaliseSearchText([circuit.name, circuit.description, circuit.departure.communeName, ...factories.flatMap((f) => [f.siteName, f.companyName, f.communeName])].join(" "));
    if (!terms.every((term) => text.includes(term))) return false;
  }
  return true;
}

/** The published circuits of an edition that have not left yet, by departure, filtered like visits. */
export async function searchCircuits(editionId: string, filters: CatalogueFilters = {}, at: Date = clockNow()): Promise<PublicCircuit[]> {
  const rows = await db.circuit.findMany({
    where: { editionId, status: "PUBLISHED", departsAt: { gt: at } },
    orderBy: [{ departsAt: "asc" }, { name: "asc" }, { id: "asc" }],
    select: publicCircuitSelect,
  });
  return rows.flatMap((row) => {
    const circuit = toPublic(row, at);
    return matches(row, circuit, filters) ? [circuit] : [];
  });
}

/** One published circuit, for its page and booking form; null when unknown or not published. */
export async function getPublishedCircuit(id: string, at: Date = clockNow()): Promise<PublicCircuit | null> {
  if (!isRowId(id)) return null;
  const row = await db.circuit.findFirst({ where: { id, status: "PUBLISHED" }, select: publicCircuitSelect });
  return row ? toPublic(row, at) : null;
}

/** The published circuits that stop at one of this factory's visits and have not left yet. */
export async function circuitsStoppingAt(factoryId: string, at: Date = clockNow()): Promise<PublicCircuit[]> {
  // Most factories are on no circuit: their page asks plain SQL (by the legs' slot index) and skips
  // the nested query, which Prisma's client compiles on every call (bench/README.md).
  const stopping = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT c.id FROM "Circuit" c
    JOIN "CircuitLeg" l ON l."circuitId" = c.id
    JOIN "Slot" s ON s.id = l."slotId"
    WHERE s."factoryId" = ${factoryId} AND c.status = 'PUBLISHED' AND c."departsAt" > ${at}`;
  if (stopping.length === 0) return [];
  const rows = await db.circuit.findMany({
    where: { id: { in: stopping.map((circuit) => circuit.id) } },
    orderBy: [{ departsAt: "asc" }, { id: "asc" }],
    select: publicCircuitSelect,
  });
  return rows.map((row) => toPublic(row, at));
}

/** A circuit booking by its private manage link, with its circuit; null when the token is unknown. */
export async function getCircuitBookingByManageToken(manageToken: string, at: Date = clockNow()) {
  const booking = await db.circuitBooking.findUnique({
    where: { manageTokenHash: hashToken(manageToken) },
    select: {
      id: true,
      status: true,
      kind: true,
      seats: true,
      students: true,
      adults: true,
      schoolName: true,
      classLevel: true,
      contactName: true,
      email: true,
      phone: true,
      ticketCode: true,
      checkedInCount: true,
      createdAt: true,
      cancelledAt: true,
      circuit: { select: publicCircuitSelect },
    },
  });
  if (!booking) return null;
  const { circuit, ...rest } = booking;
  return { ...rest, circuit: toPublic(circuit, at) };
}

export type CircuitBookingView = NonNullable<Awaited<ReturnType<typeof getCircuitBookingByManageToken>>>;

/** A waiting circuit booking's place in its circuit's line (1 = next), or null when it is not waiting. */
export async function circuitWaitlistPosition(id: string): Promise<{ position: number; total: number } | null> {
  const [row] = await db.$queryRaw<{ position: number; total: number }[]>`
    SELECT (SELECT count(*) FROM "CircuitBooking" o WHERE o."circuitId" = b."circuitId" AND o.status = 'WAITLISTED' AND o.queue <= b.queue)::int AS position,
           (SELECT count(*) FROM "CircuitBooking" o WHERE o."circuitId" = b."circuitId" AND o.status = 'WAITLISTED')::int AS total
    FROM "CircuitBooking" b WHERE b.id = ${id} AND b.status = 'WAITLISTED'`;
  return row ?? null;
}
