"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { InputField, TextAreaField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { VisitChecklist, type CandidateVisit } from "@/components/form/VisitChecklist";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { createDrawAction, runDrawAction } from "./actions";

// A wish window over some visits: its name, opening and close (Paris time), and the visits.
export function CreateDrawForm({ visits }: { visits: CandidateVisit[] }) {
  const t = useTranslations("draws.organiser");
  const [state, action] = useFormActionState(createDrawAction, {} as AdminFormState);
  const text = useFormText("draws.errors", state, state.params ?? {});
  const id = useId();
  const values = state.values ?? {};
  const ticked = new Set(values.slotIds?.split(",") ?? []);
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
      <VisitChecklist id={id} legend={t("slots")} hint={t("slotsHint")} visits={visits} ticked={ticked} error={text.field("slotIds")} scroll />
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
