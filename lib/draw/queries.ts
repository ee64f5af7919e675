// What the pages show of draws: the public page (rules, visits, commitment, and once drawn the seed,
// the order and the result under pseudonyms), an applicant's private page, the organiser's list.
import "server-only";
import type { Audience, Prisma } from "@prisma/client";
import { circuitDrawPools, drawPools, slotSeatsSelect } from "@/lib/booking/availability";
import { isRowId } from "@/lib/booking/ids";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/tokens";
import { allocate, drawKey } from "./allocate";
import { circuitOfferFields } from "./offers";
import { drawRecord, type DrawRecord } from "./schemas";

export type DrawPhase = "upcoming" | "open" | "closed" | "drawn";

export function drawPhase(draw: { wishesOpenAt: Date; wishesCloseAt: Date; drawnAt: Date | null }, now: Date): DrawPhase {
  if (draw.drawnAt) return "drawn";
  if (now < draw.wishesOpenAt) return "upcoming";
  return now < draw.wishesCloseAt ? "open" : "closed";
}

const offerSlotSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  audience: true,
  maxSeatsPerBooking: true,
  ...slotSeatsSelect,
  factory: { select: { id: true, companyName: true, siteName: true, communeName: true, studentsPerAdult: true } },
} as const satisfies Prisma.SlotSelect;

const offerCircuitSelect = {
  ...circuitOfferFields,
  busCapacity: true,
  busTaken: true,
  legs: { orderBy: { position: "asc" }, select: { slot: { select: { ...slotSeatsSelect, audience: true, factory: { select: { siteName: true, communeName: true } } } } } },
} as const satisfies Prisma.CircuitSelect;

interface DrawOfferBase {
  /** The visit's or the circuit's id: what wishes name. */
  id: string;
  startsAt: Date;
  endsAt: Date;
  audience: Audience;
  maxSeatsPerBooking: number;
  /** Seats per pool: those the draw gave once drawn, else what it would give now. */
  seats: { PUBLIC: number; SCHOOL: number };
}

/** A visit or a circuit (departure to return) of a draw. */
export type DrawOfferView = DrawOfferBase &
  (
    | { kind: "visit"; factory: { id: string; companyName: string; siteName: string; communeName: string; studentsPerAdult: number | null }; circuit: null }
    | { kind: "circuit"; factory: null; circuit: { name: string; departureCommuneName: string; stops: { siteName: string; communeName: string }[] } }
  );

type OfferRow = { slot: Prisma.SlotGetPayload<{ select: typeof offerSlotSelect }> | null; circuit: Prisma.CircuitGetPayload<{ select: typeof offerCircuitSelect }> | null };

function offerView({ slot, circuit }: OfferRow, drawnSeats: Map<string, { PUBLIC: number; SCHOOL: number }>, now: Date): DrawOfferView {
  if (slot) {
    const { id, startsAt, endsAt, audience, maxSeatsPerBooking, factory } = slot;
    return { kind: "visit", id, startsAt, endsAt, audience, maxSeatsPerBooking, factory, circuit: null, seats: drawnSeats.get(id) ?? drawPools(slot, now) };
  }
  const { id, name, audience, maxSeatsPerBooking, departsAt, returnsAt, departureCommuneName, legs } = circuit!;
  return {
    kind: "circuit",
    id,
    startsAt: departsAt,
    endsAt: returnsAt,
    audience,
    maxSeatsPerBooking,
    factory: null,
    circuit: { name, departureCommuneName, stops: legs.map(({ slot: stop }) => stop.factory) },
    seats: drawnSeats.get(id) ?? circuitDrawPools(circuit!, legs.map(({ slot: stop }) => drawPools(stop, now, true))),
  };
}

const offerName = (offer: DrawOfferView) => offer.factory?.siteName ?? offer.circuit!.name;

export interface DrawResultLine {
  /** Place in the draw order, from 1. */
  position: number;
  /** The application's pseudonym: its random id (the applicant sees it on their private page). */
  pseudonym: string;
  /** SHA-256(seed:pseudonym), which sets the order. */
  key: string;
  pool: "PUBLIC" | "SCHOOL";
  seats: number;
  /** The offer obtained (a visit's or a circuit's id) and its rank among the wishes; null: on the waiting lists. */
  obtained: { offerId: string; rank: number } | null;
}

export interface PublicDraw {
  id: string;
  name: string;
  description: string;
  editionName: string;
  dataRetentionDays: number;
  wishesOpenAt: Date;
  wishesCloseAt: Date;
  drawnAt: Date | null;
  phase: DrawPhase;
  commitment: string;
  applications: number;
  offers: DrawOfferView[];
  /** Only once drawn. */
  result: { seed: string; record: DrawRecord; lines: DrawResultLine[] } | null;
}

/** Result lines in draw order, recomputed from the published record (what `draw:verify` does). */
function resultLines(record: DrawRecord): DrawResultLine[] {
  const result = allocate(record.seed, record.offers, record.applications);
  const byId = new Map(record.applications.map((application) => [application.id, application]));
  const obtained = new Map(result.allocations.map((allocation) => [allocation.applicationId, allocation]));
  return result.order.map((id, index) => {
    const application = byId.get(id)!;
    const allocation = obtained.get(id);
    return {
      position: index + 1,
      pseudonym: id,
      key: drawKey(record.seed, id),
      pool: application.pool,
      seats: application.seats,
      obtained: allocation ? { offerId: allocation.offerId, rank: allocation.rank } : null,
    };
  });
}

/** A draw for its public page, or null. */
export async function getPublicDraw(drawId: string, now: Date = clockNow()): Promise<PublicDraw | null> {
  if (!isRowId(drawId)) return null;
  const draw = await db.draw.findUnique({
    where: { id: drawId },
    select: {
      id: true,
      name: true,
      description: true,
      wishesOpenAt: true,
      wishesCloseAt: true,
      drawnAt: true,
      commitment: true,
      seed: true,
      record: true,
      edition: { select: { name: true, dataRetentionDays: true } },
      offers: { select: { slot: { select: offerSlotSelect }, circuit: { select: offerCircuitSelect } } },
      _count: { select: { applications: true } },
    },
  });
  if (!draw) return null;
  const record = draw.record ? drawRecord.parse(draw.record) : null;
  const drawnSeats = new Map(record?.offers.map((offer) => [offer.id, offer.seats]));
  const offers = draw.offers
    .map((offer) => offerView(offer, drawnSeats, now))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || offerName(a).localeCompare(offerName(b)));
  return {
    id: draw.id,
    name: draw.name,
    description: draw.description,
    editionName: draw.edition.name,
    dataRetentionDays: draw.edition.dataRetentionDays,
    wishesOpenAt: draw.wishesOpenAt,
    wishesCloseAt: draw.wishesCloseAt,
    drawnAt: draw.drawnAt,
    phase: drawPhase(draw, now),
    commitment: draw.commitment,
    applications: draw._count.applications,
    offers,
    // The seed is secret until the draw: only the record reveals it.
    result: record ? { seed: record.seed, record, lines: resultLines(record) } : null,
  };
}

/** The published record of a drawn draw (for `npm run draw:verify`), or null. */
export async function getDrawRecord(drawId: string): Promise<DrawRecord | null> {
  if (!isRowId(drawId)) return null;
  const draw = await db.draw.findUnique({ where: { id: drawId }, select: { record: true } });
  return draw?.record ? drawRecord.parse(draw.record) : null;
}

export interface DrawListItem {
  id: string;
  name: string;
  wishesOpenAt: Date;
  wishesCloseAt: Date;
  drawnAt: Date | null;
  completedAt: Date | null;
  phase: DrawPhase;
  offers: number;
  applications: number;
}

/** The draws of an edition, the soonest close first. */
export async function listDraws(editionId: string, now: Date = clockNow()): Promise<DrawListItem[]> {
  const draws = await db.draw.findMany({
    where: { editionId },
    orderBy: [{ wishesCloseAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, wishesOpenAt: true, wishesCloseAt: true, drawnAt: true, completedAt: true, _count: { select: { offers: true, applications: true } } },
  });
  return draws.map(({ _count, ...draw }) => ({ ...draw, phase: drawPhase(draw, now), offers: _count.offers, applications: _count.applications }));
}

/** The draw still allocating a visit or a circuit (its page shows it instead of the booking form), or null. */
export async function drawOfOffer(offer: { slotId: string } | { circuitId: string }, now: Date = clockNow()) {
  const found = await db.drawOffer.findFirst({
    where: { ...offer, draw: { completedAt: null } },
    select: { draw: { select: { id: true, name: true, wishesOpenAt: true, wishesCloseAt: true, drawnAt: true } } },
  });
  return found ? { ...found.draw, phase: drawPhase(found.draw, now) } : null;
}

export interface DrawApplicationView {
  id: string;
  drawId: string;
  drawName: string;
  phase: DrawPhase;
  wishesCloseAt: Date;
  kind: "INDIVIDUAL" | "GROUP";
  seats: number;
  contactName: string;
  email: string;
  wishes: string[];
  offers: DrawOfferView[];
  /** Once drawn: the place in the order, and the offer obtained (null: waiting lists). */
  outcome: { position: number; of: number; obtained: { offerId: string; rank: number } | null } | null;
}

/** An application for its private page (by its link's token), or null. */
export async function getDrawApplication(manageToken: string, now: Date = clockNow()): Promise<DrawApplicationView | null> {
  const application = await db.drawApplication.findUnique({
    where: { manageTokenHash: hashToken(manageToken) },
    select: { id: true, drawId: true, kind: true, seats: true, email: true, booker: true, wishes: true },
  });
  if (!application) return null;
  const draw = await getPublicDraw(application.drawId, now);
  if (!draw) return null;
  const line = draw.result?.lines.find((candidate) => candidate.pseudonym === application.id);
  return {
    id: application.id,
    drawId: draw.id,
    drawName: draw.name,
    phase: draw.phase,
    wishesCloseAt: draw.wishesCloseAt,
    kind: application.kind,
    seats: application.seats,
    contactName: (application.booker as { contactName: string }).contactName,
    email: application.email,
    wishes: application.wishes,
    offers: draw.offers,
    outcome: line && draw.result ? { position: line.position, of: draw.result.lines.length, obtained: line.obtained } : null,
  };
}

/**
 * Visits an organiser may put in a draw whose wishes close at `after`: open, of approved factories,
 * starting after it, in no other draw and on no circuit (a circuit books its legs' seats itself,
 * which the draw could not give).
 */
export function drawableWhere(editionId: string, after: Date): Prisma.SlotWhereInput {
  return { editionId, status: "OPEN", startsAt: { gt: after }, factory: { status: "APPROVED" }, drawOffer: null, circuitLegs: { none: {} } };
}

/**
 * Circuits an organiser may put in a draw whose wishes close at `after`: published, leaving after
 * it, in no other draw, every stop open (and in no draw). sharesNoStop then keeps those that share
 * no stop with another circuit: the draw counts a circuit's seats on its stops, which another
 * circuit would take meanwhile.
 */
export function drawableCircuitWhere(editionId: string, after: Date): Prisma.CircuitWhereInput {
  return {
    editionId,
    status: "PUBLISHED",
    departsAt: { gt: after },
    drawOffer: null,
    legs: { every: { refusedAt: null, slot: { status: "OPEN", factory: { status: "APPROVED" }, drawOffer: null } } },
  };
}

/** Select with a circuit to know, with sharesNoStop, whether another circuit stops where it does. */
export const stopsSharedSelect = { legs: { select: { slot: { select: { _count: { select: { circuitLegs: true } } } } } } } as const satisfies Prisma.CircuitSelect;

export const sharesNoStop = (circuit: { legs: { slot: { _count: { circuitLegs: number } } }[] }) => circuit.legs.every((leg) => leg.slot._count.circuitLegs === 1);

/** The circuits the organiser's form offers (those that may go in a draw closing now or later). */
export async function drawableCircuits(editionId: string, now: Date = clockNow()) {
  const circuits = await db.circuit.findMany({
    where: drawableCircuitWhere(editionId, now),
    orderBy: [{ departsAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, departsAt: true, returnsAt: true, busCapacity: true, departureCommuneName: true, ...stopsSharedSelect },
  });
  return circuits.filter(sharesNoStop);
}

/** The visits the organiser's form offers (those that may go in a draw closing now or later). */
export async function drawableSlots(editionId: string, now: Date = clockNow()) {
  return db.slot.findMany({
    where: drawableWhere(editionId, now),
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: { id: true, startsAt: true, endsAt: true, capacity: true, audience: true, factory: { select: { siteName: true, communeName: true } } },
  });
}
