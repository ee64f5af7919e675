// One zod schema per circuit input, shared by forms, server actions, the API and lib/circuit (which
// parses again). A circuit booking has the fields of a visit booking, with the circuit in place of
// the slot.
import { z } from "zod";
import { groupFields, individualFields, minorsNeedAdult } from "@/lib/booking/schemas";
import { text } from "@/lib/schema-fields";

const circuitId = text("circuitId", 40);

const individualCircuitBookingInput = z.object({ ...individualFields, circuitId }).refine(...minorsNeedAdult);
const groupCircuitBookingInput = z.object({ ...groupFields, circuitId });

export const circuitBookingInput = z.discriminatedUnion("kind", [individualCircuitBookingInput, groupCircuitBookingInput], {
  error: "kind.invalid",
});

export type CircuitBookingInput = z.input<typeof circuitBookingInput>;
export type ParsedCircuitBookingInput = z.output<typeof circuitBookingInput>;
