"use server";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { admitBookingForm } from "@/lib/booking/form-admission";
import { bookCircuit } from "@/lib/circuit/book";
import { circuitBookingInput } from "@/lib/circuit/schemas";
import { isHoneypotFilled } from "@/lib/security";

// Thin, like the visit's bookAction: parse → proof of work → rate-limit (the same limits: a circuit
// is one booking) → bookCircuit(), which checks every rule.
export const bookCircuitAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  if (isHoneypotFilled(formData)) return { formError: "generic", values };
  const parsed = circuitBookingInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  let manageToken: string;
  try {
    const { userId } = await admitBookingForm(formData, parsed.data.email);
    const result = await bookCircuit(parsed.data, { userId });
    if (result.replayed) return { ok: true, formError: "replayed", values };
    manageToken = result.manageToken;
  } catch (error) {
    return formStateFromError(error, values);
  }
  redirect(`/circuits/reservation/${manageToken}?nouvelle=1`);
});
