"use server";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { admitBookingForm } from "@/lib/booking/form-admission";
import { applyToDraw } from "@/lib/draw/apply";
import { drawApplicationInput } from "@/lib/draw/schemas";
import { isHoneypotFilled } from "@/lib/security";

// Thin, like the booking form's action: parse → proof of work → the booking limits per address and
// e-mail → applyToDraw(), which checks the window and every wish.
export const applyToDrawAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  if (isHoneypotFilled(formData)) return { formError: "generic", values };
  const parsed = drawApplicationInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  let manageToken: string;
  try {
    const { userId } = await admitBookingForm(formData, parsed.data.email);
    const result = await applyToDraw(values, { userId });
    // The address had applied: its link went to its mailbox, and the form says so (nothing more).
    if (result.status === "resent") return { ok: true, formError: "draw.resent", values };
    manageToken = result.manageToken;
  } catch (error) {
    return formStateFromError(error, values);
  }
  redirect(`/tirages/demande/${manageToken}?nouvelle=1`);
});
