"use server";
import { headers } from "next/headers";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { sendBookingLookup } from "@/lib/booking/lookup";
import { bookingLookupInput } from "@/lib/booking/schemas";
import { verifyChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";
import { CHALLENGE_FIELD, isHoneypotFilled } from "@/lib/security";

// Thin: parse → proof of work → sendBookingLookup (rate limits, look-up, e-mail). The answer is the
// same whether or not the address has bookings; open to anyone, as the links only go to the address.
export const findBookingsAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  // Same answer as a real request, so a bot learns nothing.
  if (isHoneypotFilled(formData)) return { ok: true };
  const values = formValues(formData);
  const parsed = bookingLookupInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await verifyChallenge(formData.get(CHALLENGE_FIELD));
    await sendBookingLookup(parsed.data, { clientAddress: clientAddress(await headers()) });
  } catch (error) {
    return formStateFromError(error, values);
  }
  return { ok: true };
});
