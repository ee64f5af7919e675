"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { adminFailure } from "@/lib/organiser/roles";
import { issueApiKeyInput, revokeApiKeyInput, type AdminFormState } from "@/lib/organiser/schemas";
import { issueApiKey, revokeApiKey } from "@/lib/partners/api-keys";

// Thin: organiser check first → parse (schemas shared with the forms) → lib/partners (which logs) →
// codes back. A new key's secret travels once, in the answer to this form, and is kept nowhere.

export interface IssueApiKeyState extends AdminFormState {
  issued?: { name: string; prefix: string; secret: string };
}

export const issueApiKeyAction = formAction(async (_: IssueApiKeyState, formData: FormData): Promise<IssueApiKeyState> => {
  const values = formValues(formData);
  const scopes = formData.getAll("scopes").map(String);
  try {
    const actor = await requireOrganiser();
    const parsed = issueApiKeyInput.safeParse({ name: values.name, scopes });
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values: { ...values, scopes: scopes.join(",") } };
    const key = await issueApiKey({ ...parsed.data, actorId: actor.id });
    revalidatePath("/organisation/partenaires");
    return { ok: true, issued: { name: key.name, prefix: key.prefix, secret: key.secret } };
  } catch (error) {
    return adminFailure(error, values);
  }
});

export const revokeApiKeyAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = revokeApiKeyInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await revokeApiKey({ id: parsed.data.keyId, actorId: actor.id });
    revalidatePath("/organisation/partenaires");
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
  redirect("/organisation/partenaires?fait=revoked");
});
