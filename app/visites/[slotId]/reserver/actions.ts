"use server";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { book } from "@/lib/booking";
import { seatsOf } from "@/lib/booking/book";
import { isSchoolGroup } from "@/lib/booking/groups";
import { admitBookingForm } from "@/lib/booking/form-admission";
import { CLASS_LEVEL_AGES } from "@/lib/booking/class-levels";
import { bookingInput, type ParsedBookingInput } from "@/lib/booking/schemas";
import { findVisitsThatFit, type VisitThatFits } from "@/lib/catalogue/queries";
import type { AudienceFilter } from "@/lib/catalogue/schemas";
import { getSlotForBooking } from "@/lib/catalogue/slot";
import { isAppError } from "@/lib/errors";
import { isHoneypotFilled } from "@/lib/security";

/** A booking refused for lack of seats: how many are left for that kind, and visits that fit. */
export type SeatRefusal = {
  audience: AudienceFilter;
  asked: number;
  left: number;
  capacity: number;
  suggestions: VisitThatFits[];
};
export type BookFormState = FormState & { seatRefusal?: SeatRefusal };

// The refusals a smaller group, or another visit, would avoid.
const SEAT_REFUSALS = new Set(["seats.more_than_capacity", "seats.too_many"]);

async function seatRefusal(input: ParsedBookingInput): Promise<SeatRefusal | undefined> {
  const slot = await getSlotForBooking(input.slotId);
  if (!slot) return undefined;
  const audience = input.kind === "INDIVIDUAL" ? "PUBLIC" : isSchoolGroup(input) ? "SCHOOL" : "EMPLOYMENT";
  const asked = seatsOf(input);
  const maxMinAge = "classLevel" in input ? CLASS_LEVEL_AGES[input.classLevel] : undefined;
  const suggestions = await findVisitsThatFit(slot.id, { seats: asked, audience, maxMinAge });
  const left = audience === "SCHOOL" ? slot.seats.seatsLeftForSchools : slot.seats.seatsLeftForIndividuals;
  return { audience, asked, left, capacity: slot.capacity, suggestions };
}

// Thin: parse → proof of work → rate-limit → book() (which checks every rule, including who may book
// for a class); a refusal for lack of seats comes with the nearest visits that fit.
export const bookAction = formAction(async (_: BookFormState, formData: FormData): Promise<BookFormState> => {
  const values = formValues(formData);
  // A bot filled the invisible field: refuse without saying why.
  if (isHoneypotFilled(formData)) return { formError: "generic", values };
  const parsed = bookingInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  let manageToken: string;
  try {
    const { userId } = await admitBookingForm(formData, parsed.data.email);
    const result = await book(parsed.data, { userId });
    // A double submit or a retry: the first submission already redirected to the booking page.
    if (result.replayed) return { ok: true, formError: "replayed", values };
    manageToken = result.manageToken;
  } catch (error) {
    const state = formStateFromError(error, values);
    if (!isAppError(error) || !SEAT_REFUSALS.has(error.code)) return state;
    return { ...state, seatRefusal: await seatRefusal(parsed.data) };
  }
  redirect(`/reservation/${manageToken}?nouvelle=1`);
});
