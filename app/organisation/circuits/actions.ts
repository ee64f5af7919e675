"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { createCircuit, setCircuitStatus } from "@/lib/circuit/manage";
import { circuitDraftInput, circuitStatusInput } from "@/lib/circuit/schemas";
import { adminFailure } from "@/lib/organiser/roles";
import type { AdminFormState } from "@/lib/organiser/schemas";

// Thin: organiser check first → parse (the schemas the forms use) → lib/circuit (which checks the
// organiser again, the stops and the timeline, and logs) → codes back.

export const createCircuitAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  const raw = { ...values, slotIds: formData.getAll("slotIds").map(String) };
  try {
    const actor = await requireOrganiser();
    const parsed = circuitDraftInput.safeParse(raw);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values: { ...values, slotIds: raw.slotIds.join(",") } };
    const edition = await getCurrentEdition();
    if (!edition) return { formError: "edition.not_found", values };
    await createCircuit(actor, edition.id, raw);
    revalidatePath("/organisation/circuits");
  } catch (error) {
    return adminFailure(error, { ...values, slotIds: raw.slotIds.join(",") });
  }
  redirect("/organisation/circuits?fait=created");
});

export const setCircuitStatusAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  let status: string;
  try {
    const actor = await requireOrganiser();
    const parsed = circuitStatusInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await setCircuitStatus(actor, parsed.data.circuitId, parsed.data.status);
    status = parsed.data.status;
    revalidatePath("/organisation/circuits");
  } catch (error) {
    return adminFailure(error, values);
  }
  redirect(`/organisation/circuits?fait=${status === "PUBLISHED" ? "published" : "unpublished"}`);
});
