"use server";
import { revalidatePath } from "next/cache";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireOrganiser } from "@/lib/auth/policy";
import { addPhase, importQuotaCsv, reevaluateWaitlist, removePhase, saveQuotas } from "@/lib/organiser/quotas";
import { adminFailure } from "@/lib/organiser/roles";
import {
  addPhaseInput,
  CSV_MAX_BYTES,
  quotaImportInput,
  quotaTableInput,
  reevaluateInput,
  removePhaseInput,
  type AdminFormState,
} from "@/lib/organiser/schemas";

// Thin: organiser check first → parse (schemas shared with the forms) → lib/organiser → codes back.

const refresh = () => revalidatePath("/organisation", "layout");

/** The bulk table: every cell named `REGION.84.cap` / `REGION.84.target`. */
export const saveQuotasAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = quotaTableInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const { editionId, changes, approveWaitlisted } = parsed.data;
    const result = await saveQuotas(actor, editionId, changes, { source: "table", approveWaitlisted });
    refresh();
    return { ok: true, done: "saved", count: result.changed, params: { approved: result.reevaluation?.approved.length ?? -1 }, values };
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
});

/** CSV import (dimension;value;label;cap;target): every row checked, then all applied or none. */
export const importQuotasAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = quotaImportInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const file = formData.get("file");
    if (!(file instanceof Blob) || file.size === 0) return { formError: "csv.file_required", fieldErrors: { file: "csv.file_required" }, values };
    if (file.size > CSV_MAX_BYTES) {
      return { formError: "csv.too_large", fieldErrors: { file: "csv.too_large" }, params: { max: Math.round(CSV_MAX_BYTES / 1000) }, values };
    }
    const result = await importQuotaCsv(actor, parsed.data.editionId, await file.text(), { approveWaitlisted: parsed.data.approveWaitlisted });
    if (!result.ok) return { formError: result.formError, params: result.params, rowErrors: result.rowErrors, values };
    refresh();
    return { ok: true, done: "imported", count: result.changed, params: { approved: result.reevaluation?.approved.length ?? -1 }, values };
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
});

/** "Valider les sites en attente qui entrent désormais dans les quotas". */
export const reevaluateAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = reevaluateInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const result = await reevaluateWaitlist(actor, parsed.data.editionId);
    refresh();
    return { ok: true, done: "reevaluated", count: result.approved.length, params: { still: result.stillWaitlisted } };
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
});

export const addPhaseAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = addPhaseInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await addPhase(actor, parsed.data);
    refresh();
    return { ok: true, done: "phase_added" };
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
});

export const removePhaseAction = formAction(async (_: AdminFormState, formData: FormData): Promise<AdminFormState> => {
  try {
    const actor = await requireOrganiser();
    const values = formValues(formData);
    const parsed = removePhaseInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    await removePhase(actor, parsed.data.editionId, parsed.data.phaseId);
    refresh();
    return { ok: true, done: "phase_removed" };
  } catch (error) {
    return adminFailure(error, formValues(formData));
  }
});
