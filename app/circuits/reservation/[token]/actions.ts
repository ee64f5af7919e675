"use server";
import { revalidatePath } from "next/cache";
import { formStateFromError } from "@/lib/action-errors";
import { formAction, type FormState, formValues } from "@/lib/action-state";
import { cancelInput } from "@/lib/booking/schemas";
import { cancelCircuitBooking } from "@/lib/circuit/cancel";

// The manage token in the form is the proof of ownership; cancelCircuitBooking checks it.
export const cancelCircuitAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  const parsed = cancelInput.safeParse(values);
  if (!parsed.success) return { formError: "token.invalid", values };
  try {
    await cancelCircuitBooking({ manageToken: parsed.data.manageToken }, { by: "VISITOR" });
  } catch (error) {
    return formStateFromError(error, values);
  }
  revalidatePath(`/circuits/reservation/${parsed.data.manageToken}`);
  return { ok: true };
});
