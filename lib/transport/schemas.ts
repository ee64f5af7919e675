// School transport (docs/decisions/0020-school-transport.md): the inputs, one zod schema each, shared
// by the forms (client-side hints), the server actions, the REST API and the domain functions.
// Messages are codes, never prose. Pure: safe in client components.
import { z } from "zod";
import { blankToUndefined, checkbox, optionalCount, postalCode, text, wholeNumber, withoutNul } from "@/lib/schema-fields";

export const MAX_TRANSPORT_PUPILS = 200;
export const REFUSAL_REASON_MAX = 300;
// A coach for one class costs hundreds to a few thousand euros: a ceiling against typing slips.
export const MAX_TRANSPORT_COST_EUROS = 100_000;
export const MAX_TRANSPORT_BUDGET_EUROS = 10_000_000;

/**
 * A class booking's coach request, flat so that the booking form's FormData parses as is: the box
 * `transport`, the pupils who need the coach and the departure's postal code (and commune, when
 * several share it: the same codes as a factory's registration, postalCode.* and communeCode.*).
 */
export const transportRequestFields = {
  transport: checkbox("transport"),
  transportPupils: optionalCount("transportPupils", 1, MAX_TRANSPORT_PUPILS),
  departurePostalCode: z.preprocess(blankToUndefined, postalCode("postalCode").optional()),
  departureCommuneCode: z.preprocess(blankToUndefined, z.string({ error: "communeCode.invalid" }).trim().max(5, { error: "communeCode.invalid" }).optional()),
};

type TransportRequestFields = { transport: boolean; transportPupils?: number; departurePostalCode?: string; students: number };

/** The request's rules, as a class booking schema's superRefine: what is needed once the box is ticked. */
export function checkTransportRequest(input: TransportRequestFields, ctx: z.RefinementCtx) {
  if (!input.transport) return;
  if (input.transportPupils === undefined) ctx.addIssue({ code: "custom", path: ["transportPupils"], message: "transportPupils.required" });
  else if (input.transportPupils > input.students) ctx.addIssue({ code: "custom", path: ["transportPupils"], message: "transportPupils.more_than_students" });
  if (input.departurePostalCode === undefined) ctx.addIssue({ code: "custom", path: ["departurePostalCode"], message: "postalCode.required" });
}

const requestId = z.string({ error: "requestId.required" }).overwrite(withoutNul).trim().min(1, { error: "requestId.required" }).max(40, { error: "requestId.required" });

/** An organiser accepts a request at the coach's quoted cost, in whole euros. */
export const acceptTransportInput = z.object({
  requestId,
  costEuros: wholeNumber("costEuros", 0, MAX_TRANSPORT_COST_EUROS),
});

/** An organiser refuses a request, with a short reason the teacher reads. */
export const refuseTransportInput = z.object({
  requestId,
  refusalReason: text("refusalReason", REFUSAL_REASON_MAX),
});

export type AcceptTransportInput = z.input<typeof acceptTransportInput>;
export type RefuseTransportInput = z.input<typeof refuseTransportInput>;
