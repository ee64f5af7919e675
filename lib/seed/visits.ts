// Plans visit slots and bookings (pure: no database). Slot counters are computed here, so each
// slot is inserted with `taken`/`takenBySchools` already equal to its confirmed bookings.
import { randomUUID } from "node:crypto";
import type { Audience, Prisma, SlotFormat } from "@prisma/client";
import { fakeUai, randomTokenHash, ticketCodes } from "./identifiers";
import type { FactoryRow } from "./factories";
import type { Rng } from "./random";
import { seatsLeft } from "@/lib/booking/availability";
import { paris } from "@/lib/paris-time";
import { FIRST_NAMES, SCHOOL_PATRONS, SCHOOL_TYPES, SURNAMES } from "./vocabulary";

export type SlotRow = Prisma.SlotCreateManyInput & {
  id: string;
  startsAt: Date;
  capacity: number;
  taken: number;
  takenBySchools: number;
  audience: Audience;
  openToEmployment: boolean;
  schoolReservedSeats: number;
  schoolReservedUntil: Date | null;
  // None at first: lib/seed/circuits reserves seats on a tour's stops (in the database).
  takenByCircuits: number;
  circuitReservedSeats: number;
  circuitReservedUntil: Date | null;
  maxSeatsPerBooking: number;
  minAge: number | null;
};
export type BookingRow = Prisma.BookingCreateManyInput;

// Friday 19 and Saturday 20 March 2027.
const DAYS = [
  { day: 19, schoolDay: true },
  { day: 20, schoolDay: false },
];
const START_TIMES = [[9, 0], [9, 30], [10, 0], [10, 30], [11, 0], [13, 30], [14, 0], [14, 30], [15, 0], [15, 30], [16, 0]] as const;
export const MAX_SLOTS_PER_FACTORY = DAYS.length * START_TIMES.length;

// Seats kept for school groups until this date, then opened to everyone.
const SCHOOL_RESERVATION_RELEASE = paris(2027, 3, 1);

const FORMATS: readonly (readonly [SlotFormat, number])[] = [["GUIDED_TOUR", 60], ["WORKSHOP", 15], ["DEMONSTRATION", 13], ["TALK", 12]];

/** Slots of the approved factories, each at a distinct start time of the two event days. */
export function planSlots(rng: Rng, factories: FactoryRow[], perFactory: readonly [number, number]): SlotRow[] {
  // Already sorted by time, so a factory's slots are sorted by picking indexes in order.
  const starts = DAYS.flatMap(({ day, schoolDay }) =>
    START_TIMES.map(([hours, minutes]) => ({ startsAt: paris(2027, 3, day, hours, minutes), schoolDay })),
  );
  const slots: SlotRow[] = [];
  for (const factory of factories) {
    if (factory.status !== "APPROVED") continue;
    const chosen = rng
      .shuffle(starts.map((_, index) => index))
      .slice(0, rng.int(perFactory[0], perFactory[1]))
      .sort((a, b) => a - b);
    for (const index of chosen) slots.push(randomSlot(rng, factory, starts[index]));
  }
  return slots;
}

function randomSlot(rng: Rng, factory: FactoryRow, { startsAt, schoolDay }: { startsAt: Date; schoolDay: boolean }): SlotRow {
  const durationMinutes = rng.pick([60, 75, 90, 90, 105, 120]);
  const capacity = factory.sizeBand === "TPE" ? rng.int(8, 15) : factory.sizeBand === "PME" ? rng.int(12, 30) : rng.int(15, 40);
  // Schools are closed on Saturday: classes visit on Friday only.
  const audience: Audience = schoolDay ? rng.weighted([["PUBLIC", 30], ["SCHOOL", 25], ["BOTH", 45]] as const) : "PUBLIC";
  const schoolReservedSeats = audience === "BOTH" && rng.chance(0.5) ? Math.min(10, Math.floor(capacity / 2)) : 0;
  const format = rng.weighted(FORMATS);
  const large = factory.sizeBand === "ETI" || factory.sizeBand === "GE";
  return {
    id: randomUUID(),
    editionId: factory.editionId,
    factoryId: factory.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
    durationMinutes,
    capacity,
    taken: 0,
    takenBySchools: 0,
    audience,
    // Weekday talks and workshops welcome employment services' groups (drawn from what is already
    // drawn, so the rest of the seed stays as it was).
    openToEmployment: schoolDay && (format === "TALK" || format === "WORKSHOP"),
    schoolReservedSeats,
    schoolReservedUntil: schoolReservedSeats > 0 ? SCHOOL_RESERVATION_RELEASE : null,
    takenByCircuits: 0,
    circuitReservedSeats: 0,
    circuitReservedUntil: null,
    maxSeatsPerBooking: rng.chance(0.15) ? 4 : 6,
    minAge: factory.minAge ?? (format === "WORKSHOP" && rng.chance(0.5) ? 8 : null),
    language: rng.chance(large ? 0.12 : 0.04) ? "en" : "fr",
    format,
  };
}

type Fill = "EMPTY" | "PARTIAL" | "HIGH" | "FULL";
const FILLS = [["EMPTY", 20], ["PARTIAL", 45], ["HIGH", 25], ["FULL", 10]] as const;

/**
 * Bookings for the slots, updating each slot's counters: some slots empty, most partly booked,
 * some exactly full with a short waiting list that nothing freed could serve yet, a few cancellations.
 * Every booking has its own e-mail address, so per-person limits hold trivially.
 */
export function planBookings(rng: Rng, slots: SlotRow[], factories: FactoryRow[], consentAt: Date): BookingRow[] {
  const factoriesById = new Map(factories.map((f) => [f.id, f]));
  const nextTicketCode = ticketCodes(rng);
  let people = 0;
  const bookings: BookingRow[] = [];

  const base = (slot: SlotRow, name: { first: string; last: string }) => {
    people++;
    const email = `${asciiSlug(name.first)}.${asciiSlug(name.last)}${people}@example.org`;
    return {
      id: randomUUID(),
      editionId: slot.editionId,
      slotId: slot.id,
      contactName: `${name.first} ${name.last}`,
      email,
      phone: rng.chance(0.6) ? `0${rng.pick([6, 7])} ${rng.string("0123456789", 8).replace(/(\d\d)(?=\d)/g, "$1 ")}` : null,
      locale: slot.language === "en" && rng.chance(0.5) ? "en" : "fr",
      manageTokenHash: randomTokenHash(),
      ticketTokenHash: randomTokenHash(),
      ticketCode: nextTicketCode(),
      consentAt,
    };
  };
  const randomName = () => ({ first: rng.pick(FIRST_NAMES), last: rng.pick(SURNAMES) });
  const individual = (slot: SlotRow, seats: number, status: "CONFIRMED" | "WAITLISTED" | "CANCELLED"): BookingRow => ({
    ...base(slot, randomName()),
    kind: "INDIVIDUAL",
    status,
    seats,
    cancelledAt: status === "CANCELLED" ? consentAt : null,
  });

  for (const slot of slots) {
    const factory = factoriesById.get(slot.factoryId)!;
    const publicAllowed = slot.audience !== "SCHOOL";
    const schoolsAllowed = slot.audience !== "PUBLIC";
    const fill: Fill = rng.weighted(FILLS);
    const target =
      fill === "EMPTY" ? 0
      : fill === "PARTIAL" ? Math.round(slot.capacity * (0.15 + 0.55 * rng.float()))
      : fill === "HIGH" ? Math.round(slot.capacity * (0.75 + 0.2 * rng.float()))
      : slot.capacity;

    while (slot.taken < target) {
      const need = target - slot.taken;
      // As booked at `consentAt` (the booking rule: reserved seats may still be closed to individuals).
      const individualRoom = publicAllowed ? Math.min(need, seatsLeft({ ...slot, status: "OPEN" }, consentAt, false)) : 0;
      const group = schoolsAllowed && need >= 2 && (individualRoom <= 0 || rng.chance(0.3)) ? groupParts(rng, slot, factory, need) : null;
      if (group) {
        const teacher = randomName();
        bookings.push({ ...base(slot, teacher), kind: "GROUP", status: "CONFIRMED", ...group });
        slot.taken += group.seats;
        slot.takenBySchools += group.seats;
      } else if (individualRoom > 0) {
        const wanted = rng.weighted([[1, 25], [2, 35], [3, 15], [4, 15], [5, 5], [6, 5]] as const);
        const seats = Math.min(wanted, slot.maxSeatsPerBooking, individualRoom);
        bookings.push(individual(slot, seats, "CONFIRMED"));
        slot.taken += seats;
      } else break;
    }

    // A waiting list only where no entry could be promoted: the slot is exactly full.
    if (slot.taken === slot.capacity && publicAllowed && fill === "FULL") {
      for (let i = rng.int(1, 3); i > 0; i--) bookings.push(individual(slot, rng.int(1, Math.min(4, slot.maxSeatsPerBooking)), "WAITLISTED"));
    }
    if (publicAllowed && rng.chance(0.05)) bookings.push(individual(slot, rng.int(1, 3), "CANCELLED"));
  }
  return bookings;
}

/** France Travail's national establishment: its agencies may give its SIRET (docs/decisions/0017-groups-beyond-schools.md). */
export const FRANCE_TRAVAIL_SIRET = "13000548100010";

/**
 * The demo's France Travail group, 12 job seekers and 2 advisers, on the first visit open to
 * employment professionals with room for them (factory `factoryId`'s if it has one), updating its
 * counters; null if no visit has room.
 */
export function franceTravailBooking(slots: SlotRow[], factoryId: string, contact: { userId: string; email: string; contactName: string }, ticketCode: string, consentAt: Date): BookingRow | null {
  const PARTICIPANTS = 12;
  const STAFF = 2;
  const fits = (slot: SlotRow) => slot.openToEmployment && seatsLeft({ ...slot, status: "OPEN" }, consentAt, false) >= PARTICIPANTS + STAFF;
  const slot = slots.find((s) => s.factoryId === factoryId && fits(s)) ?? slots.find(fits);
  if (!slot) return null;
  slot.taken += PARTICIPANTS + STAFF;
  return {
    id: randomUUID(),
    editionId: slot.editionId,
    slotId: slot.id,
    ...contact,
    kind: "GROUP",
    status: "CONFIRMED",
    seats: PARTICIPANTS + STAFF,
    students: PARTICIPANTS,
    adults: STAFF,
    organisationType: "EMPLOYMENT",
    organisationName: "France Travail Cluses",
    siret: FRANCE_TRAVAIL_SIRET,
    phone: "04 50 00 00 00",
    locale: "fr",
    manageTokenHash: randomTokenHash(),
    ticketTokenHash: randomTokenHash(),
    ticketCode,
    consentAt,
  };
}

/** A class visit of at most `maxSeats` persons, respecting the factory's students-per-adult rule and the slot's minimum age. */
function groupParts(rng: Rng, slot: SlotRow, factory: FactoryRow, maxSeats: number) {
  const classes = SCHOOL_TYPES.flatMap((type) =>
    type.levels.filter(([, age]) => slot.minAge === null || age >= slot.minAge).map(([level]) => ({ type: type.name, level })),
  );
  if (classes.length === 0) return null;
  const { type, level } = rng.pick(classes);
  const ratio = factory.studentsPerAdult;
  let students = rng.int(12, 28);
  let adults = ratio ? Math.ceil(students / ratio) : rng.int(2, 3);
  if (students + adults > maxSeats) {
    // Half a class: enough adults for the ratio (one per ten pupils when the factory sets none).
    adults = Math.ceil(maxSeats / ((ratio ?? 10) + 1));
    students = maxSeats - adults;
  }
  return {
    seats: students + adults,
    students,
    adults,
    schoolUai: fakeUai(rng, factory.departmentCode),
    schoolName: `${type} ${rng.pick(SCHOOL_PATRONS)}`,
    classLevel: level,
  };
}

/** "Élodie" → "elodie", "Le Gall" → "le-gall": e-mail local parts stay ASCII. */
function asciiSlug(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
}
