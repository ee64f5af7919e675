"use server";
import { revalidatePath } from "next/cache";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { cancelBooking, changeSeats, confirmAttendance } from "@/lib/booking";
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
  // "layout": the booking's pages below it too (the attendance page cancels with this form).
  revalidatePath(`/reservation/${parsed.data.manageToken}`, "layout");
  return { ok: true };
});

// "Je viens" (the attendance request's link leads to a page with this button: a mail scanner
// opening the link answers nothing).
export const confirmAttendanceAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  const parsed = cancelInput.safeParse(values);
  if (!parsed.success) return { formError: "token.invalid", values };
  try {
    await confirmAttendance(parsed.data.manageToken);
  } catch (error) {
    return formStateFromError(error, values);
  }
  // The page shows the answer from the booking (answering twice shows the same).
  revalidatePath(`/reservation/${parsed.data.manageToken}`, "layout");
  return { ok: true };
});
