"use client";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, TextAreaField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { HOST_COUNT_MAX, HOST_TEXT_MAX, OPEN_AGAIN } from "@/lib/host-survey/schemas";
import { answerHostSurveyAction } from "./actions";

// The hosts' questionnaire: what the schema of lib/host-survey/schemas.ts decides (also on the
// server), with its codes shown next to their fields. Prefilled with the answers given so far.
export function HostSurveyForm({ token, initial }: { token: string; initial: Record<string, string> }) {
  const t = useTranslations("lifecycle.hostSurvey");
  const [state, action] = useFormActionState(answerHostSurveyAction, {} as FormState);
  const text = useFormText("lifecycle.hostSurvey.errors", state);
  const value = (name: string) => state.values?.[name] ?? initial[name] ?? "";
  const count = (name: string, required = false) => (
    <InputField
      id={name}
      name={name}
      label={t(`fields.${name}`)}
      hint={t(`fields.${name}Hint`)}
      error={text.field(name)}
      required={required}
      type="number"
      inputMode="numeric"
      min={0}
      max={HOST_COUNT_MAX}
      defaultValue={value(name)}
      className={`${inputClass} sm:max-w-48`}
    />
  );
  const openAgainError = text.field("openAgain");
  return (
    <form action={action} noValidate className="flex flex-col gap-6">
      <input type="hidden" name="token" value={token} />
      <FormMessage
        message={state.ok ? t("saved") : text.formError}
        tone={state.ok ? "success" : "error"}
        fieldErrors={text.fieldLinks()}
        focusKey={state}
      />
      {count("visitorsCame", true)}
      <fieldset aria-describedby={openAgainError ? "openAgain-error" : undefined} className="flex flex-col gap-2">
        <legend className="mb-2 font-semibold">
          {t("fields.openAgain")}
          <span aria-hidden="true" className="text-red-700"> *</span>
        </legend>
        {OPEN_AGAIN.map((answer) => (
          <Checkbox key={answer} type="radio" name="openAgain" value={answer} label={t(`openAgain.${answer}`)} defaultChecked={value("openAgain") === answer} />
        ))}
        <p id="openAgain-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {openAgainError}
        </p>
      </fieldset>
      {count("recruitmentLeads")}
      {count("apprenticeshipApplications")}
      {(["whatWorked", "toImprove"] as const).map((name) => (
        <TextAreaField
          key={name}
          id={name}
          name={name}
          label={t(`fields.${name}`)}
          labelClassName="font-semibold"
          hint={t("fields.textHint", { max: HOST_TEXT_MAX })}
          error={text.field(name)}
          rows={4}
          maxLength={HOST_TEXT_MAX}
          defaultValue={value(name)}
        />
      ))}
      <SubmitButton className="self-start">{t("submit")}</SubmitButton>
    </form>
  );
}
