"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, TextAreaField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { AdminFormState } from "@/lib/organiser/schemas";
import type { CandidateVisit } from "../circuits/CircuitForms";
import { createDrawAction, runDrawAction } from "./actions";

// A wish window over some visits: its name, opening and close (Paris time), and the visits.
export function CreateDrawForm({ visits }: { visits: CandidateVisit[] }) {
  const t = useTranslations("draws.organiser");
  const [state, action] = useFormActionState(createDrawAction, {} as AdminFormState);
  const text = useFormText("draws.errors", state, state.params ?? {});
  const id = useId();
  const values = state.values ?? {};
  const ticked = new Set(values.slotIds?.split(",") ?? []);
  const slotsError = text.field("slotIds");
  const field = (name: string) => ({ id: `${id}-${name}`, name, error: text.field(name), defaultValue: values[name] ?? "" });
  return (
    <form action={action} noValidate className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4">
      <FormMessage message={text.formError} fieldErrors={text.fieldLinks((name) => `${id}-${name}`)} focusKey={state} />
      <InputField {...field("name")} label={t("name")} required type="text" maxLength={120} className={`${inputClass} sm:max-w-xl`} />
      <TextAreaField {...field("description")} label={t("description")} rows={3} maxLength={2000} />
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField {...field("opensAt")} label={t("opensAt")} required type="datetime-local" />
        <InputField {...field("closesAt")} label={t("closesAt")} required type="datetime-local" />
      </div>
      <fieldset aria-describedby={`${id}-slotIds-hint ${id}-slotIds-error`} className="flex flex-col gap-1">
        <legend className="font-medium">{t("slots")}</legend>
        <p id={`${id}-slotIds-hint`} className="text-sm text-slate-600">
          {t("slotsHint")}
        </p>
        <div className="flex max-h-96 flex-col gap-1 overflow-y-auto rounded border border-slate-200 p-2">
          {visits.map((visit, i) => (
            <Checkbox
              key={visit.id}
              id={i === 0 ? `${id}-slotIds` : undefined}
              name="slotIds"
              value={visit.id}
              defaultChecked={ticked.has(visit.id)}
              aria-invalid={slotsError ? true : undefined}
              label={<span className="font-medium">{visit.label}</span>}
              hint={visit.detail}
            />
          ))}
        </div>
        <p id={`${id}-slotIds-error`} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {slotsError}
        </p>
      </fieldset>
      <SubmitButton className="relative self-start">{t("create")}</SubmitButton>
    </form>
  );
}

// Running a draw whose window has closed, without waiting for the scheduler.
export function RunDrawForm({ drawId, name }: { drawId: string; name: string }) {
  const t = useTranslations("draws.organiser");
  const [state, action] = useFormActionState(runDrawAction, {} as AdminFormState);
  const text = useFormText("draws.errors", state, state.params ?? {});
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      <input type="hidden" name="drawId" value={drawId} />
      <FormMessage message={text.formError} />
      <SubmitButton className="relative self-start">
        {t("run")}
        <span className="sr-only"> : {name}</span>
      </SubmitButton>
    </form>
  );
}
