// Demo circuits (lib/circuit): a published coach tour around Lyon and a draft one around
// Saint-Étienne, each chained from the seeded visits of the first day with the bus trips the
// organiser's form checks (lib/circuit/timeline). Pure planning plus one create per circuit, so the
// seed stays deterministic; a seed without such visits simply has fewer circuits.
import type { Audience } from "@prisma/client";
import { newBookingId } from "@/lib/booking/ids";
import { seatsLeft } from "@/lib/booking/availability";
import { insertCircuitBooking, takeCircuitSeats } from "@/lib/circuit/seats";
import { newTicketCode } from "@/lib/tokens";
import { BUS_TRIP_MINUTES, busTrip, checkTimeline, type TimelineLeg } from "@/lib/circuit/timeline";
import { parisDay } from "@/lib/paris-time";
import type { FactoryRow } from "./factories";
import { randomTokenHash } from "./identifiers";
import type { SeedClient } from "./generate";
import type { SlotRow } from "./visits";

type Tx = Parameters<Parameters<SeedClient["$transaction"]>[0]>[0];

const TOURS = [
  {
    name: "La vallée de la chimie et ses voisines",
    description:
      "Une journée en car au sud de Lyon : deux à trois usines, de la chimie à la mécanique, avec un guide à bord. Prévoir des chaussures fermées et un repas tiré du sac.",
    departmentCode: "69",
    departureAddress: "Gare de Lyon Part-Dieu, sortie Villette",
    departurePostalCode: "69003",
    departureCommuneName: "Lyon",
    status: "PUBLISHED" as const,
  },
  {
    name: "Saint-Étienne, cité du design et de l'industrie",
    description: "Un circuit en car dans la Loire, entre métallurgie et design industriel. En préparation : les usines peuvent encore refuser d'être une étape.",
    departmentCode: "42",
    departureAddress: "Place Jean Jaurès",
    departurePostalCode: "42000",
    departureCommuneName: "Saint-Étienne",
    status: "DRAFT" as const,
  },
];

// The demo's tour allocated by draw (lib/seed/draws.ts): the first of these departments where a tour
// chains, with stops no other tour has.
const DRAW_TOURS = [
  { departmentCode: "38", departureAddress: "Gare de Grenoble, parvis Louis Armand", departurePostalCode: "38000", departureCommuneName: "Grenoble" },
  { departmentCode: "74", departureAddress: "Gare d'Annecy, place de la Gare", departurePostalCode: "74000", departureCommuneName: "Annecy" },
  { departmentCode: "13", departureAddress: "Gare Saint-Charles, esplanade", departurePostalCode: "13001", departureCommuneName: "Marseille" },
  { departmentCode: "59", departureAddress: "Gare Lille-Flandres, place des Buisses", departurePostalCode: "59000", departureCommuneName: "Lille" },
].map((place) => ({
  ...place,
  name: `Le circuit très demandé de ${place.departureCommuneName}`,
  description: "Le circuit qui s'est rempli le plus vite l'an dernier : cette année, ses places sont attribuées par tirage au sort, avec les visites les plus demandées.",
  status: "PUBLISHED" as const,
  inDraw: true,
}));

const MINUTE = 60_000;

// Parties already on the published tour, so the organiser's list, the departure page and the
// factories' "Qui vient ?" show circuit groups.
const PARTIES = [
  { contactName: "Hélène Girard", seats: 2 },
  { contactName: "Karim Benali", seats: 3 },
  { contactName: "Élodie Fabre", seats: 2 },
];
const PUBLIC_AUDIENCES: Audience[] = ["PUBLIC", "BOTH"];
const PARTY_SEATS = PARTIES.reduce((sum, party) => sum + party.seats, 0);

// Chains up to three visits of different approved factories of the department, on the first day,
// each reachable from the previous one in time, with room for the demo parties.
function chain(slots: readonly SlotRow[], factories: ReadonlyMap<string, FactoryRow>, departmentCode: string, now: Date, taken: ReadonlySet<string>): TimelineLeg[] {
  const firstDay = slots.reduce<string | null>((day, slot) => (day === null || parisDay(slot.startsAt) < day ? parisDay(slot.startsAt) : day), null);
  const candidates = slots
    .filter(
      (slot) =>
        parisDay(slot.startsAt) === firstDay && !taken.has(slot.id) && PUBLIC_AUDIENCES.includes(slot.audience) && seatsLeft({ ...slot, status: "OPEN" }, now, false) >= PARTY_SEATS,
    )
    .map((slot) => ({ slot, factory: factories.get(slot.factoryId)! }))
    .filter(({ factory }) => factory.status === "APPROVED" && factory.departmentCode === departmentCode)
    .sort((a, b) => a.slot.startsAt.getTime() - b.slot.startsAt.getTime() || a.slot.id.localeCompare(b.slot.id));
  const legs: TimelineLeg[] = [];
  for (const { slot, factory } of candidates) {
    const leg: TimelineLeg = {
      slotId: slot.id,
      factoryId: factory.id,
      communeCode: factory.communeCode,
      departmentCode: factory.departmentCode,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt as Date,
    };
    const previous = legs.at(-1);
    if (legs.some((l) => l.factoryId === leg.factoryId)) continue;
    if (previous) {
      const trip = busTrip(previous, leg);
      if (trip === "tooFar" || leg.startsAt.getTime() - previous.endsAt.getTime() < BUS_TRIP_MINUTES[trip] * MINUTE) continue;
    }
    legs.push(leg);
    if (legs.length === 3) break;
  }
  return legs;
}

/**
 * The demo tours; with `drawTour` (the demo edition), also one for a draw, whose id it returns (none
 * if no department chains one).
 */
export async function seedCircuits(tx: Tx, editionId: string, slots: readonly SlotRow[], factories: readonly FactoryRow[], now: Date, { drawTour = false } = {}) {
  const byId = new Map(factories.map((f) => [f.id, f]));
  const taken = new Set<string>();
  let drawTourId: string | null = null;
  for (const tour of [...TOURS, ...(drawTour ? DRAW_TOURS : [])]) {
    if ("inDraw" in tour && drawTourId) break;
    const legs = chain(slots, byId, tour.departmentCode, now, taken);
    if (legs.length < 2) continue;
    // Meet an hour before the first visit, back an hour after the last (the department allowance, and time to board).
    const departsAt = new Date(legs[0].startsAt.getTime() - 60 * MINUTE);
    const returnsAt = new Date(legs[legs.length - 1].endsAt.getTime() + 60 * MINUTE);
    const departure = { communeCode: null, departmentCode: tour.departmentCode, departsAt, returnsAt };
    if (checkTimeline(departure, legs).problems.length > 0) continue;
    const circuit = await tx.circuit.create({
      data: {
        editionId,
        name: tour.name,
        description: tour.description,
        audience: "PUBLIC",
        departureAddress: tour.departureAddress,
        departurePostalCode: tour.departurePostalCode,
        departureCommuneName: tour.departureCommuneName,
        departureDepartmentCode: tour.departmentCode,
        departsAt,
        returnsAt,
        busCapacity: 45,
        status: tour.status,
        legs: { create: legs.map((leg, i) => ({ slotId: leg.slotId, position: i + 1 })) },
      },
    });
    for (const leg of legs) taken.add(leg.slotId);
    if ("inDraw" in tour) drawTourId = circuit.id;
    if (tour.status !== "PUBLISHED" || "inDraw" in tour) continue;
    // Booked as lib/circuit/book does (the same statement: seats on the bus and every leg, the
    // legs' bookings), without the e-mails: a seed sends nothing.
    for (const [i, party] of PARTIES.entries()) {
      const row = {
        id: newBookingId(),
        editionId,
        circuitId: circuit.id,
        userId: null,
        kind: "INDIVIDUAL" as const,
        seats: party.seats,
        students: null,
        adults: party.seats,
        schoolUai: null,
        schoolName: null,
        classLevel: null,
        contactName: party.contactName,
        email: `circuit.demo${i + 1}@example.org`,
        phone: null,
        locale: "fr",
        manageTokenHash: randomTokenHash(),
        ticketTokenHash: randomTokenHash(),
        manageTokenSealed: null,
        ticketCode: newTicketCode(),
        idempotencyKey: null,
        consentAt: now,
      };
      const slotIds = legs.map((leg) => leg.slotId).sort();
      await tx.$queryRaw(takeCircuitSeats(insertCircuitBooking(row, "CONFIRMED"), slotIds, party.seats, false, { check: { circuitId: circuit.id, now } }));
    }
    // The first tour's stops hold ten seats for circuits until a week before the day, as a factory
    // sets it in its visit's form.
    if (tour === TOURS[0]) {
      await tx.$executeRaw`
        UPDATE "Slot" SET "circuitReservedSeats" = GREATEST(0, LEAST(10, capacity - "schoolReservedSeats")), "circuitReservedUntil" = "startsAt" - interval '7 days'
        WHERE id = ANY(${legs.map((leg) => leg.slotId)}::text[])`;
    }
  }
  return drawTourId;
}
