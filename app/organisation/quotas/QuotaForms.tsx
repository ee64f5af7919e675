"use client";
import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/form/ActionButton";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { PHASE_NAME_MAX, type AdminFormState } from "@/lib/organiser/schemas";
import { addPhaseAction, importQuotasAction, reevaluateAction, removePhaseAction } from "./actions";

const secondaryButton =
  "relative inline-flex min-h-11 items-center justify-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-50";

/** What a successful save of quotas (table or CSV) says: how many changed, how many sites were approved. */
export function useSavedMessage(state: AdminFormState): string | undefined {
  const t = useTranslations("organiserAdmin.quotas");
  if (!state.ok) return undefined;
  const approved = state.params?.approved;
  return [t(state.count ? "saved" : "unchanged", { count: state.count ?? 0 }), typeof approved === "number" && approved >= 0 ? t("approvedNow", { count: approved }) : null]
    .filter(Boolean)
    .join(" ");
}

/** CSV import: all rows are checked, then all applied or none; each row's errors listed with its line. */
export function QuotaImportForm({ editionId }: { editionId: string }) {
  const t = useTranslations("organiserAdmin.quotas.csv");
  const tq = useTranslations("organiserAdmin.quotas");
  const te = useTranslations("organiserAdmin.errors");
  const [state, action] = useFormActionState(importQuotasAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const success = useSavedMessage(state);
  const rowMessage = (code: string, params: Record<string, string | number> = {}) =>
    te.has(`csvRow.${code}`) ? te(`csvRow.${code}`, { value: "", cap: "", first: "", ...params }) : te.has(code) ? te(code, { ...params }) : code;

  return (
    <form action={action} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="editionId" value={editionId} />
      <FormMessage message={success ?? text.formError} tone={state.ok ? "success" : "error"} />
      {state.rowErrors && state.rowErrors.length > 0 && (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          <p className="font-semibold">{t("rowErrorsTitle")}</p>
          <ul className="mt-2 list-disc pl-6">
            {state.rowErrors.map((e, i) => (
              <li key={`${e.line}-${e.column ?? ""}-${i}`}>
                {t("line", { line: e.line })}
                {e.column ? ` (${e.column})` : ""} : {rowMessage(e.code, e.params)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <InputField id="quota-file" label={t("file")} hint={t("fileHint")} error={text.field("file")} required name="file" type="file" accept=".csv,text/csv" className={`${inputClass} file:mr-3`} />
      <Checkbox name="approveWaitlisted" label={tq("approveWaitlisted")} defaultChecked={state.values ? state.values.approveWaitlisted === "on" : true} />
      <SubmitButton className="relative self-start">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

/** "Valider les sites en attente qui entrent désormais dans les quotas", with how many were approved. */
export function ReevaluateForm({ editionId, waitlisted }: { editionId: string; waitlisted: number }) {
  const t = useTranslations("organiserAdmin.quotas.reevaluate");
  const [state, action] = useFormActionState(reevaluateAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const success = state.ok ? t("done", { count: state.count ?? 0, still: state.params?.still ?? 0 }) : undefined;
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="editionId" value={editionId} />
      <p>{t("waiting", { count: waitlisted })}</p>
      <FormMessage message={success ?? text.formError} tone={state.ok ? "success" : "error"} />
      <SubmitButton className="relative self-start">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

/** A new registration phase: name, start, optional end (Paris time), rule. */
export function AddPhaseForm({ editionId }: { editionId: string }) {
  const t = useTranslations("organiserAdmin.quotas.phases");
  const [state, action] = useFormActionState(addPhaseAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const value = (name: string) => state.values?.[name] ?? "";
  return (
    <form action={action} noValidate className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4">
      <h3 className="text-lg font-semibold">{t("addTitle")}</h3>
      <input type="hidden" name="editionId" value={editionId} />
      <input type="hidden" name="rule" value="UNDER_TARGET_ONLY" />
      <FormMessage message={state.ok ? t("added") : text.formError} tone={state.ok ? "success" : "error"} />
      <InputField id="phase-name" label={t("name")} hint={t("nameHint")} error={text.field("name")} required name="name" maxLength={PHASE_NAME_MAX} defaultValue={value("name")} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <InputField id="phase-startsAt" label={t("startsAt")} hint={t("parisTime")} error={text.field("startsAt")} required name="startsAt" type="datetime-local" defaultValue={value("startsAt")} />
        <InputField id="phase-endsAt" label={t("endsAt")} hint={t("endsAtHint")} error={text.field("endsAt")} name="endsAt" type="datetime-local" defaultValue={value("endsAt")} />
      </div>
      <p className="text-sm text-slate-700">
        <span className="font-medium">{t("rule")}</span> {t("ruleUnderTargetOnly")}
      </p>
      <SubmitButton className="relative self-start">
        {t("add")}
      </SubmitButton>
    </form>
  );
}

/** Removes one phase (the list re-renders without it). */
export function RemovePhaseButton({ editionId, phaseId, name }: { editionId: string; phaseId: string; name: string }) {
  const t = useTranslations("organiserAdmin.quotas.phases");
  return (
    <ActionButton action={removePhaseAction} errors="organiserAdmin.errors" label={t("remove")} who={name} hidden={{ editionId, phaseId }} className={secondaryButton} />
  );
}
