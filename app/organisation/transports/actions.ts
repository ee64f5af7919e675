"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { adminFailure } from "@/lib/organiser/roles";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { acceptTransportRequest, refuseTransportRequest } from "@/lib/transport/decide";
import { acceptTransportInput, refuseTransportInput } from "@/lib/transport/schemas";

// Thin: organiser check first → parse (the schemas shared with the forms) → lib/transport → back to
// the list with the outcome in the address (the decided request loses its forms, so they cannot
// say it).
const outcome = (done: "ACCEPTED" | "REFUSED") => `/organisation/transports?fait=${done}`;

export const acceptTransportAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  try {
    const actor = await requireOrganiser();
    const parsed = acceptTransportInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await acceptTransportRequest(actor, parsed.data);
    revalidatePath("/organisation", "layout");
  } catch (error) {
    return adminFailure(error, values);
  }
  redirect(outcome("ACCEPTED"));
});

export const refuseTransportAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  try {
    const actor = await requireOrganiser();
    const parsed = refuseTransportInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await refuseTransportRequest(actor, parsed.data);
    revalidatePath("/organisation", "layout");
  } catch (error) {
    return adminFailure(error, values);
  }
  redirect(outcome("REFUSED"));
});
