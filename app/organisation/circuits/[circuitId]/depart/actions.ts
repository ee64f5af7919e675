"use server";
import { revalidatePath } from "next/cache";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { checkInAtDeparture } from "@/lib/circuit/departure";
import { departureCheckInInput } from "@/lib/circuit/schemas";
import { adminFailure } from "@/lib/organiser/roles";
import type { AdminFormState } from "@/lib/organiser/schemas";

// Thin: organiser check → parse → lib/circuit/departure (which checks the organiser again).
export const departureCheckInAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  try {
    const actor = await requireOrganiser();
    const parsed = departureCheckInInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const { count } = await checkInAtDeparture(actor, parsed.data);
    revalidatePath(`/organisation/circuits/${parsed.data.circuitId}/depart`);
    return { ok: true, done: "boarded", count };
  } catch (error) {
    return adminFailure(error, values);
  }
});
