"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/form/Field";
import { DESCRIPTION_MAX, DESCRIPTION_MIN } from "@/lib/factory/schemas";

// What visitors will discover, with a live count of the characters the schema counts (trimmed):
// the registration's visit step and the factory's profile form.
export function DescriptionField({ id, defaultValue, error }: { id: string; defaultValue: string; error?: string }) {
  const t = useTranslations("registration");
  const [length, setLength] = useState(defaultValue.trim().length);
  return (
    <Field id={id} label={t("fields.description")} hint={t("fields.descriptionHint", { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX })} error={error} required>
      {(p) => (
        <>
          <textarea
            {...p}
            name="description"
            rows={6}
            maxLength={DESCRIPTION_MAX}
            defaultValue={defaultValue}
            onChange={(e) => setLength(e.target.value.trim().length)}
            className={inputClass}
          />
          <p className="text-right text-sm text-slate-600">{t("fields.characters", { count: length, max: DESCRIPTION_MAX })}</p>
        </>
      )}
    </Field>
  );
}
