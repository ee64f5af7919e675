// One zod schema per circuit input, shared by forms, server actions, the API and lib/circuit (which
// parses again). A circuit booking has the fields of a visit booking, with the circuit in place of
// the slot.
import { z } from "zod";
import { groupFields, individualFields, minorsNeedAdult } from "@/lib/booking/schemas";
import { AUDIENCES } from "@/lib/factory/slot-schemas";
import { parisDateTime } from "@/lib/paris-time";
import { normaliseTicketCode, TICKET_CODE_RE } from "@/lib/factory/slot-schemas";
import { count, day, postalCode, text, time, withoutNul } from "@/lib/schema-fields";
import { MAX_LEGS, MIN_LEGS } from "./timeline";

const circuitId = text("circuitId", 40);

const individualCircuitBookingInput = z.object({ ...individualFields, circuitId }).refine(...minorsNeedAdult);
const groupCircuitBookingInput = z.object({ ...groupFields, circuitId });

export const circuitBookingInput = z.discriminatedUnion("kind", [individualCircuitBookingInput, groupCircuitBookingInput], {
  error: "kind.invalid",
});

export type CircuitBookingInput = z.input<typeof circuitBookingInput>;
export type ParsedCircuitBookingInput = z.output<typeof circuitBookingInput>;

export const MAX_BUS_CAPACITY = 90;
export const MAX_CIRCUIT_SEATS_PER_BOOKING = 10;

// A form posts one `slotIds` value per ticked visit (FormData.getAll), JSON an array.
const legSlotIds = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z
    .array(z.string({ error: "slotIds.invalid" }).overwrite(withoutNul).trim().min(1, { error: "slotIds.invalid" }).max(40, { error: "slotIds.invalid" }), {
      error: "slotIds.invalid",
    })
    .min(MIN_LEGS, { error: "slotIds.too_few" })
    .max(MAX_LEGS, { error: "slotIds.too_many" })
    .refine((ids) => new Set(ids).size === ids.length, { error: "slotIds.invalid" }),
);

/** An organiser's circuit, created as a draft (times on one Paris day). */
export const circuitDraftInput = z
  .object({
    name: text("name", 120),
    description: text("description", 2000),
    audience: z.enum(AUDIENCES, { error: "audience.invalid" }),
    departureAddress: text("departureAddress", 200),
    departurePostalCode: postalCode("departurePostalCode"),
    departureCommuneName: text("departureCommuneName", 100),
    day: day("day"),
    departureTime: time("departureTime"),
    returnTime: time("returnTime"),
    busCapacity: count("busCapacity", 1, MAX_BUS_CAPACITY),
    maxSeatsPerBooking: count("maxSeatsPerBooking", 1, MAX_CIRCUIT_SEATS_PER_BOOKING),
    slotIds: legSlotIds,
  })
  .transform(({ day: date, departureTime, returnTime, ...rest }) => ({
    ...rest,
    departsAt: parisDateTime(date, departureTime),
    returnsAt: parisDateTime(date, returnTime),
  }));

export type CircuitDraftInput = z.input<typeof circuitDraftInput>;
export type ParsedCircuitDraft = z.output<typeof circuitDraftInput>;

/** A factory contact declining to be a stop of a draft circuit. */
export const refuseLegInput = z.object({ factoryId: text("factoryId", 40), legId: text("legId", 40) });

/** An organiser publishing a draft circuit or taking it back to draft. */
export const circuitStatusInput = z.object({
  circuitId,
  status: z.enum(["DRAFT", "PUBLISHED"], { error: "status.invalid" }),
});

/** The guide checking a circuit booking in at the departure: its ticket code and how many boarded. */
export const departureCheckInInput = z.object({
  circuitId,
  ticketCode: z
    .string({ error: "ticketCode.required" })
    .trim()
    .min(1, { error: "ticketCode.required" })
    .refine((value) => TICKET_CODE_RE.test(normaliseTicketCode(value)), { error: "ticketCode.invalid" }),
  count: count("count", 1, MAX_BUS_CAPACITY),
});

export type DepartureCheckInInput = z.input<typeof departureCheckInInput>;
