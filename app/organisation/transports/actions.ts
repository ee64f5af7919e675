"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import type { CurrentUser } from "@/lib/auth/session";
import { adminFailure } from "@/lib/organiser/roles";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { acceptTransportRequest, refuseTransportRequest } from "@/lib/transport/decide";
import { acceptTransportInput, refuseTransportInput } from "@/lib/transport/schemas";

// Thin: organiser check first → parse (the schemas shared with the forms) → lib/transport → back to
// the list with the outcome in the address (the decided request loses its forms, so they cannot
// say it).
function decisionAction<S extends z.ZodType>(schema: S, decide: (actor: CurrentUser, input: z.output<S>) => Promise<void>, outcome: "ACCEPTED" | "REFUSED") {
  return formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
    const values = formValues(formData);
    try {
      const actor = await requireOrganiser();
      const parsed = schema.safeParse(values);
      if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
      await decide(actor, parsed.data);
      revalidatePath("/organisation", "layout");
    } catch (error) {
      return adminFailure(error, values);
    }
    redirect(`/organisation/transports?fait=${outcome}`);
  });
}

export const acceptTransportAction = decisionAction(acceptTransportInput, acceptTransportRequest, "ACCEPTED");

export const refuseTransportAction = decisionAction(refuseTransportInput, refuseTransportRequest, "REFUSED");
