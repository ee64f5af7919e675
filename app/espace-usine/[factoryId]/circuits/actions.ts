"use server";
import { revalidatePath } from "next/cache";
import { fieldErrorsOf, formAction, formValues, type FormState } from "@/lib/action-state";
import { formStateFromError } from "@/lib/action-errors";
import { requireFactoryAccess } from "@/lib/auth/policy";
import { refuseCircuitLeg } from "@/lib/circuit/manage";
import { refuseLegInput } from "@/lib/circuit/schemas";

// Thin: parse → the factory's staff only → lib/circuit (which checks the stop is this factory's and
// the circuit still a draft, and logs) → codes back.
export const refuseCircuitLegAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  try {
    const parsed = refuseLegInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const user = await requireFactoryAccess(parsed.data.factoryId);
    await refuseCircuitLeg(user, parsed.data);
    revalidatePath(`/espace-usine/${parsed.data.factoryId}`);
    return { ok: true };
  } catch (error) {
    return formStateFromError(error, values);
  }
});
