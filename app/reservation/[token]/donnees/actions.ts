"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState } from "@/lib/action-state";
import { deleteBookingData } from "@/lib/privacy";

// The form's input: the manage token (proof of ownership, checked by the domain function) and the
// explicit confirmation checkbox.
const deleteDataInput = z.object({
  manageToken: z.string({ error: "token.invalid" }).trim().min(20, { error: "token.invalid" }).max(200, { error: "token.invalid" }),
  confirm: z.literal("on", { error: "confirm.required" }),
});

export const deleteDataAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const parsed = deleteDataInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { formError: fieldErrors.manageToken ?? "confirm.required", fieldErrors };
  }
  try {
    await deleteBookingData(parsed.data.manageToken);
  } catch (error) {
    return formStateFromError(error, {});
  }
  revalidatePath(`/reservation/${parsed.data.manageToken}`);
  return { ok: true };
});
