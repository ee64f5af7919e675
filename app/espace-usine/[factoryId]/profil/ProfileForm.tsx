"use client";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, inputClass, TextAreaField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import type { ConditionFlag } from "@/lib/booking/visit-conditions";
import { DescriptionField } from "@/components/factory/DescriptionField";
import { DESCRIPTION_MAX, DESCRIPTION_MIN, MAX_PHOTOS } from "@/lib/factory/schemas";
import { updateProfileAction } from "./actions";

const twoDigits = { inputMode: "numeric", pattern: "[0-9]*", maxLength: 2, className: `${inputClass} sm:max-w-32` } as const;

// The registration's visit step, as a form of its own: same fields, labels and error messages
// (registration.json), the values as saved (or as typed, after an error).
export function ProfileForm({ factoryId, initial, conditionLabels }: { factoryId: string; initial: Record<string, string>; conditionLabels: Record<ConditionFlag, string> }) {
  const t = useTranslations("registration");
  const tp = useTranslations("factory.profile");
  const [state, action] = useFormActionState(updateProfileAction, {} as FormState);
  const text = useFormText("registration.errors", state, { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX, maxPhotos: MAX_PHOTOS });
  const values = state.values ?? initial;
  const value = (name: string) => values[name] ?? "";
  const id = (name: string) => `profile-${name}`;
  const fieldProps = (name: string) => ({ id: id(name), name, error: text.field(name), defaultValue: value(name) });

  return (
    // The key re-mounts the fields on each answer, so they show what the server kept.
    <form key={JSON.stringify(values)} action={action} noValidate className="flex max-w-2xl flex-col gap-5">
      <input type="hidden" name="factoryId" value={factoryId} />
      <FormMessage message={state.ok ? tp("saved") : text.formError} tone={state.ok ? "success" : "error"} fieldErrors={text.fieldLinks(id)} focusKey={state} />
      <DescriptionField id={id("description")} defaultValue={value("description")} error={text.field("description")} />

      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t("fields.conditions")}</legend>
        <InputField {...fieldProps("minAge")} label={t("fields.minAge")} hint={t("fields.minAgeHint")} {...twoDigits} />
        {Object.entries(conditionLabels).map(([name, label]) => (
          <Checkbox key={name} name={name} label={label} defaultChecked={value(name) === "on"} />
        ))}
        <TextAreaField {...fieldProps("otherConditions")} label={t("fields.otherConditions")} rows={2} maxLength={500} />
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t("fields.accessibility")}</legend>
        <Checkbox name="wheelchairAccessible" label={t("fields.wheelchairAccessible")} defaultChecked={value("wheelchairAccessible") === "on"} />
        <TextAreaField {...fieldProps("accessibilityNotes")} label={t("fields.accessibilityNotes")} hint={t("fields.accessibilityNotesHint")} rows={2} maxLength={500} />
      </fieldset>

      <InputField {...fieldProps("studentsPerAdult")} label={t("fields.studentsPerAdult")} hint={t("fields.studentsPerAdultHint")} {...twoDigits} />
      <SubmitButton className="self-start">{tp("submit")}</SubmitButton>
    </form>
  );
}
