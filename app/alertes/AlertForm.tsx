"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, SelectField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { Honeypot } from "@/components/form/Honeypot";
import { ProofOfWork } from "@/components/form/ProofOfWork";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { ALERT_KINDS, KIND_FIELDS } from "@/lib/alerts/schemas";
import { type AlertFormState, requestAlertsAction } from "./actions";

export function AlertForm({ locale, postalCode }: { locale: string; postalCode?: string }) {
  const t = useTranslations("alerts.form");
  const [state, action] = useFormActionState(requestAlertsAction, {} as AlertFormState);
  const text = useFormText("alerts.form.errors", state);
  const values = state.values ?? {};
  const checked = (field: string, fallback = false) => (state.values ? values[field] === "on" : fallback);
  const [near, setNear] = useState(checked(KIND_FIELDS.NEW_VISIT_NEAR, Boolean(postalCode)));
  return (
    <form action={action} noValidate className="relative flex max-w-xl flex-col gap-3">
      <Honeypot />
      <input type="hidden" name="locale" value={locale} />
      {/* The same sentence whether or not the address already has alerts. */}
      <FormMessage
        message={state.ok ? t("sent") : text.formError}
        tone={state.ok ? "success" : "error"}
        fieldErrors={text.fieldLinks((name) => (name === "kinds" ? KIND_FIELDS.BOOKINGS_OPEN : name))}
        focusKey={state}
      />
      <InputField
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        label={t("email")}
        hint={t("emailHint")}
        error={text.field("email")}
        defaultValue={values.email}
        required
      />
      <fieldset className="flex flex-col gap-1" aria-describedby="kinds-error">
        <legend className="mb-1 font-medium text-slate-900">{t("kindsLegend")}</legend>
        {ALERT_KINDS.map((kind) => {
          const field = KIND_FIELDS[kind];
          return (
            <Checkbox
              key={kind}
              id={field}
              name={field}
              label={t(field)}
              defaultChecked={kind === "NEW_VISIT_NEAR" ? near : checked(field)}
              onChange={kind === "NEW_VISIT_NEAR" ? (event) => setNear(event.currentTarget.checked) : undefined}
            />
          );
        })}
        <p id="kinds-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {text.field("kinds")}
        </p>
      </fieldset>
      {near && (
        <InputField
          id="postalCode"
          name="postalCode"
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={5}
          label={t("postalCode")}
          hint={t("postalCodeHint")}
          error={text.field("postalCode")}
          defaultValue={values.postalCode ?? postalCode}
          required
        />
      )}
      {near && state.communes && state.communes.length > 0 && (
        <SelectField
          id="commune"
          name="commune"
          label={t("commune")}
          hint={t("communeHint")}
          error={text.field("commune")}
          options={state.communes.map((c) => ({ value: c.code, label: c.label }))}
          emptyLabel={t("communeEmpty")}
          required
        />
      )}
      <div className="flex flex-col gap-1">
        <Checkbox
          id="consent"
          name="consent"
          label={t("consent")}
          defaultChecked={checked("consent")}
          aria-invalid={text.field("consent") ? true : undefined}
          aria-describedby="consent-error"
        />
        <p id="consent-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {text.field("consent")}
        </p>
      </div>
      <ProofOfWork />
      <SubmitButton className="self-start">{t("submit")}</SubmitButton>
    </form>
  );
}
