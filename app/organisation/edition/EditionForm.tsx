"use client";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import {
  APPROVAL_MODES,
  BOOKINGS_PER_EMAIL_MAX,
  NAME_MAX,
  RECONFIRM_DAYS_MAX,
  RETENTION_DAYS_MAX,
  SEATS_PER_BOOKING_MAX,
  type AdminFormState,
  type EditionSettingsInput,
} from "@/lib/organiser/schemas";
import { MAX_TRANSPORT_BUDGET_EUROS } from "@/lib/transport/schemas";
import { updateEditionAction } from "./actions";

// A past edition is shown read-only (lib/organiser/edition.ts refuses to change it).
type Props = { initial: EditionSettingsInput & { slug: string }; readOnly?: boolean };

const WINDOWS = [
  ["factoryRegistration", "factoryRegistrationOpensAt", "factoryRegistrationClosesAt"],
  ["booking", "bookingOpensAt", "bookingClosesAt"],
] as const;

// The edition's settings: the schema of lib/organiser/schemas.ts decides (also on the server); this
// shows the codes it gets back as messages next to their fields. Windows are Paris wall-clock times.
export function EditionForm({ initial, readOnly = false }: Props) {
  const t = useTranslations("organiserAdmin.edition");
  const [state, action] = useFormActionState(updateEditionAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const value = (name: keyof EditionSettingsInput) => state.values?.[name] ?? String(initial[name] ?? "");
  const success = state.ok ? (state.done === "unchanged" ? t("unchanged") : t("saved", { count: state.count ?? 0 })) : undefined;
  const legend = "text-lg font-semibold";
  const box = "flex flex-col gap-2 rounded-lg border border-slate-200 p-4";
  // A required whole number; its label and hint are fields.<name> and fields.<name>Hint.
  const numberField = (
    name: "maxActiveBookingsPerEmail" | "defaultMaxSeatsPerBooking" | "dataRetentionDays" | "reconfirmDaysBefore" | "transportBudgetEuros",
    min: number,
    max: number,
    className = inputClass,
  ) => (
    <InputField
      id={name}
      label={t(`fields.${name}`)}
      hint={t(`fields.${name}Hint`)}
      error={text.field(name)}
      required
      name={name}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      defaultValue={value(name)}
      className={className}
    />
  );

  return (
    <form action={action} noValidate className="max-w-3xl">
      <input type="hidden" name="editionId" value={initial.editionId} />
      <fieldset disabled={readOnly} className="flex flex-col gap-6">
      <FormMessage message={success ?? text.formError} tone={state.ok ? "success" : "error"} />

      <fieldset className={box}>
        <legend className={legend}>{t("sections.general")}</legend>
        <InputField id="name" label={t("fields.name")} error={text.field("name")} required name="name" maxLength={NAME_MAX} defaultValue={value("name")} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <InputField id="firstDay" label={t("fields.firstDay")} error={text.field("firstDay")} required name="firstDay" type="date" defaultValue={value("firstDay")} />
          <InputField id="lastDay" label={t("fields.lastDay")} error={text.field("lastDay")} required name="lastDay" type="date" defaultValue={value("lastDay")} />
        </div>
      </fieldset>

      {WINDOWS.map(([windowName, opens, closes]) => (
        <fieldset key={windowName} className={box}>
          <legend className={legend}>{t(`sections.${windowName}`)}</legend>
          <p className="text-sm text-slate-600">{t("parisTime")}</p>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <InputField id={opens} label={t("fields.opensAt")} error={text.field(opens)} required name={opens} type="datetime-local" defaultValue={value(opens)} />
            <InputField id={closes} label={t("fields.closesAt")} error={text.field(closes)} required name={closes} type="datetime-local" defaultValue={value(closes)} />
          </div>
          {windowName === "booking" && (
            <InputField
              id="catalogueOpensAt"
              label={t("fields.catalogueOpensAt")}
              hint={t("fields.catalogueOpensAtHint")}
              error={text.field("catalogueOpensAt")}
              required
              name="catalogueOpensAt"
              type="datetime-local"
              defaultValue={value("catalogueOpensAt")}
              className={`${inputClass} sm:max-w-64`}
            />
          )}
        </fieldset>
      ))}

      <fieldset className={box}>
        <legend className={legend}>{t("sections.limits")}</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {numberField("maxActiveBookingsPerEmail", 1, BOOKINGS_PER_EMAIL_MAX)}
          {numberField("defaultMaxSeatsPerBooking", 1, SEATS_PER_BOOKING_MAX)}
        </div>
      </fieldset>

      <fieldset className={box} aria-describedby="approvalMode-error">
        <legend className={legend}>{t("sections.approval")}</legend>
        {APPROVAL_MODES.map((mode) => (
          <Checkbox
            key={mode}
            type="radio"
            name="approvalMode"
            value={mode}
            defaultChecked={value("approvalMode") === mode}
            label={<span className="font-medium">{t(`approvalMode.${mode}`)}</span>}
            hint={t(`approvalMode.${mode}_hint`)}
            hintId={`approvalMode-${mode}-hint`}
          />
        ))}
        <p id="approvalMode-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {text.field("approvalMode")}
        </p>
      </fieldset>

      <fieldset className={box}>
        <legend className={legend}>{t("sections.attendance")}</legend>
        <p className="text-sm text-slate-600">{t("attendanceIntro")}</p>
        {numberField("reconfirmDaysBefore", 0, RECONFIRM_DAYS_MAX, `${inputClass} sm:max-w-48`)}
        <Checkbox
          name="releaseUnconfirmed"
          defaultChecked={state.values ? state.values.releaseUnconfirmed === "on" : initial.releaseUnconfirmed === true}
          label={<span className="font-medium">{t("fields.releaseUnconfirmed")}</span>}
          hint={t("fields.releaseUnconfirmedHint")}
          hintId="releaseUnconfirmed-hint"
          aria-describedby="releaseUnconfirmed-hint releaseUnconfirmed-error"
          aria-invalid={text.field("releaseUnconfirmed") ? true : undefined}
        />
        <p id="releaseUnconfirmed-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {text.field("releaseUnconfirmed")}
        </p>
      </fieldset>

      <fieldset className={box}>
        <legend className={legend}>{t("sections.privacy")}</legend>
        {numberField("dataRetentionDays", 0, RETENTION_DAYS_MAX, `${inputClass} sm:max-w-48`)}
      </fieldset>

      <fieldset className={box}>
        <legend className={legend}>{t("sections.transport")}</legend>
        {numberField("transportBudgetEuros", 0, MAX_TRANSPORT_BUDGET_EUROS, `${inputClass} sm:max-w-48`)}
      </fieldset>

      {!readOnly && (
        <SubmitButton className="relative self-start">
          {t("submit")}
        </SubmitButton>
      )}
      </fieldset>
    </form>
  );
}
