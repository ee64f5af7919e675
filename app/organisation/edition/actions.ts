"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { updateEditionSettings } from "@/lib/organiser/edition";
import { createNextEdition } from "@/lib/organiser/editions";
import { adminFailure } from "@/lib/organiser/roles";
import { editionSettingsInput, type AdminFormState, type NextEditionInput } from "@/lib/organiser/schemas";

// Thin: organiser check first → parse (the schema shared with the form) → lib/organiser → codes back.
export const updateEditionAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = editionSettingsInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const { changed } = await updateEditionSettings(actor, parsed.data);
    revalidatePath("/", "layout");
    return { ok: true, done: changed.length ? "saved" : "unchanged", count: changed.length, values };
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
});

// Thin: organiser check first → lib/organiser/editions (which parses with the form's schema) → the
// new edition's settings page, where the copied dates and limits are checked and edited.
export const createNextEditionAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  const values = formValues(formData);
  let slug: string;
  try {
    const actor = await requireOrganiser();
    ({ slug } = await createNextEdition(actor, values as NextEditionInput));
  } catch (error) {
    return adminFailure(error, values);
  }
  revalidatePath("/", "layout");
  redirect(`/organisation/edition?edition=${encodeURIComponent(slug)}&creee=1`);
});
