import type { z } from "zod";
import { AppError, type ErrorParams } from "@/lib/errors";

// Every expected failure of the booking domain, with its HTTP status. The UI maps the code (never
// prose) to a French or English message; `fields` carries per-field codes keyed by the zod input path.
export const BOOKING_ERRORS = {
  "validation.failed": 422, // see `fields` for the per-field codes of schemas.ts
  "slot.not_found": 404,
  "slot.closed": 409,
  "slot.started": 409,
  "slot.already_cancelled": 409,
  "slot.circuit_leg": 409,
  "slot.in_draw": 409, // allocated by a draw that is not complete: apply to the draw instead
  "slot.not_in_draw": 409, // a draw placing a booking in a visit it does not (or no longer) allocate
  "slot.leg_in_draw": 409, // a stop of a circuit whose draw is placing its results: for a few seconds
  "draw.not_found": 404,
  "draw.window_closed": 409,
  "draw.not_closed": 409,
  "draw.application_not_found": 404,
  "draw.offer_unavailable": 422,
  "wishes.not_offered": 422,
  "circuit.not_found": 404,
  "circuit.closed": 409,
  "circuit.started": 409,
  "circuit.in_draw": 409, // allocated by a draw that is not complete: apply to the draw instead
  "circuit.not_in_draw": 409,
  "booking.window_closed": 409,
  "booking.not_found": 404,
  "booking.already_cancelled": 409,
  "booking.checked_in": 409,
  "booking.part_of_circuit": 409,
  "attendance.not_confirmed": 409, // "je viens" on a waiting-list entry: there is no seat to confirm yet
  "booking.idempotency_conflict": 409,
  "booking.class_too_young": 422,
  "audience.public_only": 422,
  "audience.school_only": 422,
  "audience.schools_only": 422, // a group other than a class on a visit for schools only
  "audience.employment_closed": 422, // a group other than a class on a visit not open to employment professionals
  "seats.too_many": 422,
  "seats.more_than_capacity": 422,
  "seats.unavailable": 409,
  "seats.unchanged": 422,
  "seats.group_counts_required": 422,
  "seats.individual_count_required": 422,
  "group.sign_in_required": 401,
  "group.ratio": 422,
  "limit.max_active": 409,
  "limit.overlap": 409,
  "auth.forbidden": 403,
  "transport.not_offered": 409, // a coach asked for in an edition without a transport budget
} as const;

export type BookingErrorCode = keyof typeof BOOKING_ERRORS;

export function bookingError(code: BookingErrorCode, fields: Record<string, string> = {}, params: ErrorParams = {}): AppError {
  return new AppError(code, BOOKING_ERRORS[code], fields, params);
}

// Parses with a schema of schemas.ts; on failure throws `validation.failed` with the first code of
// each field, keyed by its input path ("seats", "minors"…). Issues without a path go under "_form".
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    fields[key] ??= issue.message;
  }
  throw bookingError("validation.failed", fields);
}
