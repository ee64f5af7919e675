"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { approveFactories, decideFactory, overrideFactoryApproval } from "@/lib/organiser/approvals";
import { adminFailure } from "@/lib/organiser/roles";
import { bulkApprovalInput, decisionInput, overrideInput, type AdminFormState, type BulkApprovalState } from "@/lib/organiser/schemas";

// Thin: organiser check first → parse (schemas shared with the forms) → lib/organiser → back to the
// queue with the outcome in the address (the decided site leaves the list, so its own form cannot
// show it), keeping the organiser's filters.

const QUEUE = "/organisation/validations";

// Only the queue's own query string comes back (no open redirect).
function backToQueue(returnTo: string | undefined, outcome: string, siteId: string): string {
  const params = new URLSearchParams(returnTo && /^\?[^#]*$/.test(returnTo) ? returnTo.slice(1) : "");
  params.set("fait", outcome);
  params.set("site", siteId);
  return `${QUEUE}?${params.toString()}`;
}

export const decideAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  let target: string;
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = decisionInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const { status } = await decideFactory(actor, parsed.data);
    revalidatePath("/organisation", "layout");
    target = backToQueue(values.returnTo, status, parsed.data.factoryId);
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
  redirect(target);
});

/** Approval over a cap: reason and confirmation required; lib/representativity logs the override. */
export const overrideAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  let target: string;
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = overrideInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await overrideFactoryApproval(actor, parsed.data.factoryId, parsed.data.reason);
    revalidatePath("/organisation", "layout");
    target = backToQueue(values.returnTo, "OVERRIDDEN", parsed.data.factoryId);
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
  redirect(target);
});

/**
 * "Valider la sélection": the ticked sites, each approved on its own (lib/organiser's approveFactories);
 * the answer names those approved and those refused with why, on the same page (no redirect: several
 * outcomes do not fit in the address).
 */
export const approveSelectionAction = formAction(async (_: BulkApprovalState, formData: FormData): Promise<BulkApprovalState> => {
  try {
    const actor = await requireOrganiser();
    const parsed = bulkApprovalInput.safeParse({ factoryIds: formData.getAll("factoryIds") });
    if (!parsed.success) return { formError: parsed.error.issues[0].message };
    const { approved, refused } = await approveFactories(actor, parsed.data.factoryIds);
    if (approved.length > 0) revalidatePath("/organisation", "layout");
    return {
      ok: true,
      approved: approved.map((site) => site.siteName),
      refused: refused.map(({ siteName, code, params }) => ({ siteName, code, params })),
    };
  } catch (error) {
    return adminFailure(error);
  }
});
