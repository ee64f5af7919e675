"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { Field, InputField, inputClass, TextAreaField } from "@/components/form/Field";
import { DescriptionField } from "@/components/factory/DescriptionField";
import { MAX_PHOTOS, PHOTO_TYPES } from "@/lib/factory/schemas";
import { fieldId, photoListError, type RegistrationWizard } from "./useRegistrationWizard";
import { WizardStep } from "./WizardStep";

const twoDigits = { inputMode: "numeric", pattern: "[0-9]*", maxLength: 2, className: `${inputClass} sm:max-w-32` } as const;

// Step 3: the visit. What visitors will discover, the conditions, accessibility, photos.
export function VisitStep({ wizard }: { wizard: RegistrationWizard }) {
  const t = useTranslations("registration");
  const { value, errorOf, fieldProps } = wizard;
  const [photoNames, setPhotoNames] = useState<string[]>([]);
  const checked = (name: string) => value(name) === "on";

  return (
    <WizardStep name="visit" wizard={wizard}>
      <DescriptionField id={fieldId("description")} defaultValue={value("description")} error={errorOf("description")} />

      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t("fields.conditions")}</legend>
        <InputField {...fieldProps("minAge")} label={t("fields.minAge")} hint={t("fields.minAgeHint")} {...twoDigits} />
        {Object.entries(wizard.conditionLabels).map(([name, label]) => (
          <Checkbox key={name} name={name} label={label} defaultChecked={checked(name)} />
        ))}
        <TextAreaField {...fieldProps("otherConditions")} label={t("fields.otherConditions")} rows={2} maxLength={500} />
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t("fields.accessibility")}</legend>
        <Checkbox name="wheelchairAccessible" label={t("fields.wheelchairAccessible")} defaultChecked={checked("wheelchairAccessible")} />
        <TextAreaField {...fieldProps("accessibilityNotes")} label={t("fields.accessibilityNotes")} hint={t("fields.accessibilityNotesHint")} rows={2} maxLength={500} />
      </fieldset>

      <InputField {...fieldProps("studentsPerAdult")} label={t("fields.studentsPerAdult")} hint={t("fields.studentsPerAdultHint")} {...twoDigits} />

      <Field id={fieldId("photos")} label={t("fields.photos")} hint={t("fields.photosHint", { max: MAX_PHOTOS })} error={errorOf("photos")}>
        {(p) => (
          <>
            <input
              {...p}
              name="photos"
              type="file"
              multiple
              accept={PHOTO_TYPES.join(",")}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                setPhotoNames(files.map((f) => f.name));
                wizard.setFieldErrors({ photos: photoListError(files) });
              }}
              className="text-base file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-4 file:py-2 file:font-semibold"
            />
            {photoNames.length > 0 && (
              <ul className="list-disc pl-5 text-sm text-slate-700">
                {photoNames.map((name, i) => (
                  <li key={`${i}-${name}`}>{name}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </Field>
    </WizardStep>
  );
}
