"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, SelectField, TextAreaField, inputClass, type SelectOption } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { VisitChecklist, type CandidateVisit } from "@/components/form/VisitChecklist";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { PHASE_AUDIENCES } from "@/lib/draw/schemas";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { createDrawAction, runDrawAction } from "./actions";

// A wish window over the visits and circuits ticked, or over a whole phase (every one that
// qualifies, of one audience and one day if chosen): its name, opening and close (Paris time).
export function CreateDrawForm({ visits, circuits, days }: { visits: CandidateVisit[]; circuits: CandidateVisit[]; days: SelectOption[] }) {
  const t = useTranslations("draws.organiser");
  const [state, action] = useFormActionState(createDrawAction, {} as AdminFormState);
  const text = useFormText("draws.errors", state, state.params ?? {});
  const id = useId();
  const values = state.values ?? {};
  const [scope, setScope] = useState(values.scope === "PHASE" ? "PHASE" : "VISITS");
  const ticked = new Set([...(values.slotIds?.split(",") ?? []), ...(values.circuitIds?.split(",") ?? [])]);
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
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium">{t("scope")}</legend>
        {(["VISITS", "PHASE"] as const).map((option) => (
          <Checkbox
            key={option}
            type="radio"
            name="scope"
            value={option}
            checked={scope === option}
            onChange={() => setScope(option)}
            label={t(`scopes.${option}`)}
            hint={t(`scopeHints.${option}`)}
          />
        ))}
      </fieldset>
      {scope === "VISITS" ? (
        <>
          <VisitChecklist id={id} legend={t("slots")} hint={t("slotsHint")} visits={visits} ticked={ticked} error={text.field("slotIds")} scroll />
          {circuits.length > 0 && (
            <VisitChecklist id={id} name="circuitIds" legend={t("circuits")} hint={t("circuitsHint")} visits={circuits} ticked={ticked} error={text.field("circuitIds")} />
          )}
        </>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            {...field("phaseAudience")}
            label={t("phaseAudience")}
            options={PHASE_AUDIENCES.map((audience) => ({ value: audience, label: t(`phaseAudiences.${audience}`) }))}
          />
          <SelectField {...field("phaseDay")} label={t("phaseDay")} options={days} emptyLabel={t("phaseAnyDay")} />
        </div>
      )}
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
