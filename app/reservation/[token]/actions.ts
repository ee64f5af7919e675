"use server";
import { revalidatePath } from "next/cache";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { cancelBooking, changeSeats } from "@/lib/booking";
import { cancelInput, changeSeatsInput } from "@/lib/booking/schemas";

// The manage token in the form is the proof of ownership; the domain functions check it.
export const changeSeatsAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  const parsed = changeSeatsInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await changeSeats(parsed.data);
  } catch (error) {
    return formStateFromError(error, values);
  }
  revalidatePath(`/reservation/${parsed.data.manageToken}`);
  return { ok: true };
});

export const cancelAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  const parsed = cancelInput.safeParse(values);
  if (!parsed.success) return { formError: "token.invalid", values };
  try {
    await cancelBooking({ manageToken: parsed.data.manageToken }, { by: "VISITOR" });
  } catch (error) {
    return formStateFromError(error, values);
  }
  revalidatePath(`/reservation/${parsed.data.manageToken}`);
  return { ok: true };
});
