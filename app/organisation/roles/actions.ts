"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { adminFailure, attachContact, detachContact, grantOrganiser, revokeOrganiser } from "@/lib/organiser/roles";
import { attachContactInput, detachContactInput, grantOrganiserInput, revokeOrganiserInput, type AdminFormState } from "@/lib/organiser/schemas";

// Thin: organiser check first → parse (schemas shared with the forms) → lib/organiser (which checks
// the role again, locks and logs) → back to the page with the outcome (and the factory search) in
// the address: a revoked organiser or a removed contact leaves the list with its form.

const back = (outcome: string, search: string | undefined) => {
  const params = new URLSearchParams({ fait: outcome });
  if (search) params.set("q", search.slice(0, 100));
  return `/organisation/roles?${params.toString()}`;
};

export const grantOrganiserAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = grantOrganiserInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await grantOrganiser(actor, parsed.data.email);
    revalidatePath("/organisation/roles");
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
  redirect(back("granted", formValues(formData).q));
});

export const revokeOrganiserAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = revokeOrganiserInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await revokeOrganiser(actor, parsed.data.userId);
    revalidatePath("/", "layout");
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
  redirect(back("revoked", formValues(formData).q));
});

export const attachContactAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = attachContactInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await attachContact(actor, parsed.data.factoryId, parsed.data.email);
    revalidatePath("/organisation/roles");
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
  redirect(back("attached", formValues(formData).q));
});

export const detachContactAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = detachContactInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await detachContact(actor, parsed.data.factoryId, parsed.data.userId);
    revalidatePath("/organisation/roles");
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
  redirect(back("detached", formValues(formData).q));
});
