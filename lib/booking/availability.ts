// The one rule for "how many seats are left", written twice on purpose: as SQL (for queries and for
// the conditional UPDATE that takes seats, through `fits` in ./seats) and as a pure TypeScript twin
// (for rows already read). tests/integration/availability.test.ts checks that the two agree on
// random rows; tests/unit/availability-home.test.ts keeps every other module from counting seats.
//
// The rule: a slot that is not OPEN has no seat left. Otherwise capacity − taken are free; until
// `schoolReservedUntil`, the school-reserved seats that groups have not used yet are free for school
// groups only; until `circuitReservedUntil`, the circuit-reserved seats that circuits have not used
// yet are free for circuits' bookings only (`viaCircuit`: a leg of a circuit booking, lib/circuit).
// A school group on a circuit uses both holds, and a seat it takes counts for both.
import { Prisma } from "@prisma/client";

/** The columns of a slot the rule reads. */
export interface SlotSeats {
  capacity: number;
  taken: number;
  takenBySchools: number;
  schoolReservedSeats: number;
  schoolReservedUntil: Date | null;
  takenByCircuits: number;
  circuitReservedSeats: number;
  circuitReservedUntil: Date | null;
  status: string;
}

/** Selects the SlotSeats columns in a Prisma query. */
export const slotSeatsSelect = {
  capacity: true,
  taken: true,
  takenBySchools: true,
  schoolReservedSeats: true,
  schoolReservedUntil: true,
  takenByCircuits: true,
  circuitReservedSeats: true,
  circuitReservedUntil: true,
  status: true,
} as const satisfies Prisma.SlotSelect;

/** `row` without the SlotSeats columns: the counters stay on the server, pages get an Availability. */
export function withoutSeatColumns<T extends SlotSeats>(row: T): Omit<T, keyof SlotSeats> {
  const rest: Partial<T> = { ...row };
  for (const column of Object.keys(slotSeatsSelect)) delete rest[column as keyof T];
  return rest as Omit<T, keyof SlotSeats>;
}

export interface Availability {
  /** Seats an individual visitor can book now. */
  seatsLeftForIndividuals: number;
  /** Seats a school group can book now (also the slot's free seats: schools are never held back). */
  seatsLeftForSchools: number;
  /** When some free seats are held for schools now: until when (then they open to everyone); else null. */
  schoolReservedUntil: Date | null;
}

/** Seats left now for an individual or another group (`isSchool` false) or a school class, on their own or on a circuit: the TypeScript twin. */
export function seatsLeft(slot: SlotSeats, now: Date, isSchool: boolean, viaCircuit = false): number {
  if (slot.status !== "OPEN") return 0;
  const heldUntil = (until: Date | null, reserved: number, used: number) => (until !== null && until > now ? Math.max(0, reserved - used) : 0);
  const forSchools = isSchool ? 0 : heldUntil(slot.schoolReservedUntil, slot.schoolReservedSeats, slot.takenBySchools);
  const forCircuits = viaCircuit ? 0 : heldUntil(slot.circuitReservedUntil, slot.circuitReservedSeats, slot.takenByCircuits);
  return Math.max(0, slot.capacity - slot.taken - forSchools - forCircuits);
}

export function availability(slot: SlotSeats, now: Date): Availability {
  const seatsLeftForIndividuals = seatsLeft(slot, now, false);
  const seatsLeftForSchools = seatsLeft(slot, now, true);
  return {
    seatsLeftForIndividuals,
    seatsLeftForSchools,
    schoolReservedUntil: seatsLeftForIndividuals < seatsLeftForSchools ? slot.schoolReservedUntil : null,
  };
}

// A slot reference as written in SQL: a table alias (`s`) or the quoted table name (`"Slot"`).
const SLOT_REFERENCE = /^(?:[a-z_][a-z0-9_]*|"[A-Za-z]+")$/;

function columnsOf(slot: string) {
  if (!SLOT_REFERENCE.test(slot)) throw new Error(`Not a slot alias: ${slot}`);
  return (name: keyof SlotSeats) => Prisma.raw(`${slot}."${name}"`);
}

/** Seats left now for an individual or a school group, on their own or on a circuit, as an SQL int expression on slot `slot`: the SQL twin. */
export function seatsLeftSql(slot: string, now: Date, isSchool: boolean, viaCircuit = false): Prisma.Sql {
  const c = columnsOf(slot);
  const held = (until: keyof SlotSeats, reserved: keyof SlotSeats, used: keyof SlotSeats) =>
    Prisma.sql` - CASE WHEN ${c(until)} > ${now} THEN GREATEST(0, ${c(reserved)} - ${c(used)}) ELSE 0 END`;
  const forSchools = isSchool ? Prisma.empty : held("schoolReservedUntil", "schoolReservedSeats", "takenBySchools");
  const forCircuits = viaCircuit ? Prisma.empty : held("circuitReservedUntil", "circuitReservedSeats", "takenByCircuits");
  return Prisma.sql`(CASE WHEN ${c("status")} <> 'OPEN' THEN 0
    ELSE GREATEST(0, ${c("capacity")} - ${c("taken")}${forSchools}${forCircuits}) END)`;
}

/**
 * The three `Availability` fields as select-list columns ("seatsLeftForIndividuals",
 * "seatsLeftForSchools", "schoolReservedUntil") of slot `slot`.
 */
export function availabilitySql(slot: string, now: Date): Prisma.Sql {
  const individuals = seatsLeftSql(slot, now, false);
  const schools = seatsLeftSql(slot, now, true);
  return Prisma.sql`${individuals}::int AS "seatsLeftForIndividuals", ${schools}::int AS "seatsLeftForSchools",
    CASE WHEN ${individuals} < ${schools} THEN ${columnsOf(slot)("schoolReservedUntil")} END AS "schoolReservedUntil"`;
}

/**
 * A draw's seats in a visit (lib/draw), or in a stop of a circuit in a draw (`viaCircuit`), per pool:
 * the seats individuals can book now (PUBLIC) and, apart from those, the seats only school groups can
 * book now (SCHOOL: the reserved seats they have not used yet, or every seat left of a visit for
 * schools only). The two never overlap, so the bookings the draw places always fit.
 */
export function drawPools(slot: SlotSeats & { audience: string }, now: Date, viaCircuit = false): { PUBLIC: number; SCHOOL: number } {
  const individuals = slot.audience === "SCHOOL" ? 0 : seatsLeft(slot, now, false, viaCircuit);
  const schools = slot.audience === "PUBLIC" ? 0 : seatsLeft(slot, now, true, viaCircuit) - individuals;
  return { PUBLIC: individuals, SCHOOL: schools };
}

/**
 * A circuit's seats in a draw, per pool: what fits on every stop (each stop's drawPools: a class
 * may take both of a stop's pools) and on the bus. The bus is one for both pools: the school pool
 * takes its share first (reserved seats are the schools'), the public pool the rest, so the two
 * never overlap either.
 */
export function circuitDrawPools(
  circuit: { audience: string; busCapacity: number; busTaken: number; status: string },
  stops: { PUBLIC: number; SCHOOL: number }[],
): { PUBLIC: number; SCHOOL: number } {
  if (circuit.status !== "PUBLISHED" || stops.length === 0) return { PUBLIC: 0, SCHOOL: 0 };
  const bus = Math.max(0, circuit.busCapacity - circuit.busTaken);
  const least = (seats: (stop: { PUBLIC: number; SCHOOL: number }) => number) => Math.min(bus, ...stops.map(seats));
  if (circuit.audience === "SCHOOL") return { PUBLIC: 0, SCHOOL: least((stop) => stop.PUBLIC + stop.SCHOOL) };
  const schools = circuit.audience === "PUBLIC" ? 0 : least((stop) => stop.SCHOOL);
  return { PUBLIC: Math.max(0, Math.min(bus - schools, ...stops.map((stop) => stop.PUBLIC))), SCHOOL: schools };
}
