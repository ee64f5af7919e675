"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { createDraw, runDrawAsOrganiser } from "@/lib/draw/manage";
import { drawCreateInput, drawRunInput } from "@/lib/draw/schemas";
import { adminFailure } from "@/lib/organiser/roles";
import type { AdminFormState } from "@/lib/organiser/schemas";

// Thin: organiser check first → parse (the schemas the forms use) → lib/draw (which checks the
// organiser again, the visits and the window, and logs) → codes back.

export const createDrawAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  const raw = { ...values, slotIds: formData.getAll("slotIds").map(String), circuitIds: formData.getAll("circuitIds").map(String) };
  const kept = { ...values, slotIds: raw.slotIds.join(","), circuitIds: raw.circuitIds.join(",") };
  try {
    const actor = await requireOrganiser();
    const parsed = drawCreateInput.safeParse(raw);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values: kept };
    const edition = await getCurrentEdition();
    if (!edition) return { formError: "edition.not_found", values };
    await createDraw(actor, edition.id, raw);
    revalidatePath("/organisation/tirages");
  } catch (error) {
    return adminFailure(error, kept);
  }
  redirect("/organisation/tirages?fait=created");
});

export const runDrawAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  try {
    const actor = await requireOrganiser();
    const parsed = drawRunInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await runDrawAsOrganiser(actor, parsed.data);
    revalidatePath("/organisation/tirages");
  } catch (error) {
    return adminFailure(error, values);
  }
  redirect("/organisation/tirages?fait=run");
});
