"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormText } from "@/components/form/useFormText";
import { PHASE_NAME_MAX, type AdminFormState } from "@/lib/organiser/schemas";
import { addPhaseAction, importQuotasAction, reevaluateAction, removePhaseAction } from "./actions";

const secondaryButton =
  "relative inline-flex min-h-11 items-center justify-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-50";

/** CSV import: all rows are checked, then all applied or none; each row's errors listed with its line. */
export function QuotaImportForm({ editionId }: { editionId: string }) {
  const t = useTranslations("organiserAdmin.quotas.csv");
  const tq = useTranslations("organiserAdmin.quotas");
  const te = useTranslations("organiserAdmin.errors");
  const tc = useTranslations("common");
  const [state, action] = useActionState(importQuotasAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const approved = state.params?.approved;
  const success = state.ok
    ? [tq(state.count ? "saved" : "unchanged", { count: state.count ?? 0 }), typeof approved === "number" && approved >= 0 ? tq("approvedNow", { count: approved }) : null]
        .filter(Boolean)
        .join(" ")
    : undefined;
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
      <Field id="quota-file" label={t("file")} hint={t("fileHint")} error={text.field("file")} required>
        {(p) => <input {...p} name="file" type="file" accept=".csv,text/csv" className={`${inputClass} file:mr-3`} />}
      </Field>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="approveWaitlisted" defaultChecked={state.values ? state.values.approveWaitlisted === "on" : true} className="mt-1 size-5 shrink-0" />
        <span>{tq("approveWaitlisted")}</span>
      </label>
      <SubmitButton pendingLabel={tc("pending")} className="relative self-start">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

/** "Valider les sites en attente qui entrent désormais dans les quotas", with how many were approved. */
export function ReevaluateForm({ editionId, waitlisted }: { editionId: string; waitlisted: number }) {
  const t = useTranslations("organiserAdmin.quotas.reevaluate");
  const tc = useTranslations("common");
  const [state, action] = useActionState(reevaluateAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const success = state.ok ? t("done", { count: state.count ?? 0, still: state.params?.still ?? 0 }) : undefined;
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="editionId" value={editionId} />
      <p>{t("waiting", { count: waitlisted })}</p>
      <FormMessage message={success ?? text.formError} tone={state.ok ? "success" : "error"} />
      <SubmitButton pendingLabel={tc("pending")} className="relative self-start">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

/** A new registration phase: name, start, optional end (Paris time), rule. */
export function AddPhaseForm({ editionId }: { editionId: string }) {
  const t = useTranslations("organiserAdmin.quotas.phases");
  const tc = useTranslations("common");
  const [state, action] = useActionState(addPhaseAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const value = (name: string) => state.values?.[name] ?? "";
  return (
    <form action={action} noValidate className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4">
      <h3 className="text-lg font-semibold">{t("addTitle")}</h3>
      <input type="hidden" name="editionId" value={editionId} />
      <input type="hidden" name="rule" value="UNDER_TARGET_ONLY" />
      <FormMessage message={state.ok ? t("added") : text.formError} tone={state.ok ? "success" : "error"} />
      <Field id="phase-name" label={t("name")} hint={t("nameHint")} error={text.field("name")} required>
        {(p) => <input {...p} name="name" maxLength={PHASE_NAME_MAX} defaultValue={value("name")} className={inputClass} />}
      </Field>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field id="phase-startsAt" label={t("startsAt")} hint={t("parisTime")} error={text.field("startsAt")} required>
          {(p) => <input {...p} name="startsAt" type="datetime-local" defaultValue={value("startsAt")} className={inputClass} />}
        </Field>
        <Field id="phase-endsAt" label={t("endsAt")} hint={t("endsAtHint")} error={text.field("endsAt")}>
          {(p) => <input {...p} name="endsAt" type="datetime-local" defaultValue={value("endsAt")} className={inputClass} />}
        </Field>
      </div>
      <p className="text-sm text-slate-700">
        <span className="font-medium">{t("rule")}</span> {t("ruleUnderTargetOnly")}
      </p>
      <SubmitButton pendingLabel={tc("pending")} className="relative self-start">
        {t("add")}
      </SubmitButton>
    </form>
  );
}

/** Removes one phase (the list re-renders without it). */
export function RemovePhaseButton({ editionId, phaseId, name }: { editionId: string; phaseId: string; name: string }) {
  const t = useTranslations("organiserAdmin.quotas.phases");
  const [state, action, pending] = useActionState(removePhaseAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="editionId" value={editionId} />
      <input type="hidden" name="phaseId" value={phaseId} />
      <button type="submit" disabled={pending} className={secondaryButton}>
        {t("remove")}
        <span className="sr-only"> : {name}</span>
      </button>
      {text.formError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {text.formError}
        </p>
      )}
    </form>
  );
}
