"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { InputField, SelectField, TextAreaField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { VisitChecklist, type CandidateVisit } from "@/components/form/VisitChecklist";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { MAX_BUS_CAPACITY, MAX_CIRCUIT_SEATS_PER_BOOKING } from "@/lib/circuit/schemas";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { createCircuitAction, setCircuitStatusAction } from "./actions";

// The circuit's draft: its words, departure point, times and bus, and 2 to 5 of the day's visits.
// The day comes from the page (chosen first, with the department), so only that day's visits show.
export function CreateCircuitForm({ day, visits }: { day: string; visits: CandidateVisit[] }) {
  const t = useTranslations("circuits.organiser");
  const [state, action] = useFormActionState(createCircuitAction, {} as AdminFormState);
  const text = useFormText("circuits.errors", state, state.params ?? {});
  const id = useId();
  const values = state.values ?? {};
  const ticked = new Set(values.slotIds?.split(",") ?? []);
  const field = (name: string) => ({ id: `${id}-${name}`, name, error: text.field(name), defaultValue: values[name] ?? "" });
  return (
    <form action={action} noValidate className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4">
      <FormMessage message={text.formError} fieldErrors={text.fieldLinks((name) => `${id}-${name}`)} focusKey={state} />
      <input type="hidden" name="day" value={day} />
      <InputField {...field("name")} label={t("name")} required type="text" maxLength={120} className={`${inputClass} sm:max-w-xl`} />
      <TextAreaField {...field("description")} label={t("description")} hint={t("descriptionHint")} required rows={3} maxLength={2000} />
      <SelectField
        {...field("audience")}
        label={t("audience")}
        required
        defaultValue={values.audience ?? "PUBLIC"}
        options={(["PUBLIC", "SCHOOL", "BOTH"] as const).map((value) => ({ value, label: t(`audienceOption.${value}`) }))}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{t("departure")}</legend>
        <InputField {...field("departureAddress")} label={t("departureAddress")} required type="text" maxLength={200} autoComplete="off" />
        <div className="grid gap-3 sm:grid-cols-2">
          <InputField {...field("departurePostalCode")} label={t("departurePostalCode")} required type="text" inputMode="numeric" maxLength={5} autoComplete="off" />
          <InputField {...field("departureCommuneName")} label={t("departureCommuneName")} required type="text" maxLength={100} autoComplete="off" />
          <InputField {...field("departureTime")} label={t("departureTime")} hint={t("departureTimeHint")} required type="time" />
          <InputField {...field("returnTime")} label={t("returnTime")} required type="time" />
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField {...field("busCapacity")} label={t("busCapacity")} required type="number" min={1} max={MAX_BUS_CAPACITY} inputMode="numeric" defaultValue={values.busCapacity ?? "45"} />
        <InputField {...field("maxSeatsPerBooking")} label={t("maxSeatsPerBooking")} required type="number" min={1} max={MAX_CIRCUIT_SEATS_PER_BOOKING} inputMode="numeric" defaultValue={values.maxSeatsPerBooking ?? "6"} />
      </div>
      <VisitChecklist id={id} legend={t("legs")} hint={t("legsHint")} visits={visits} ticked={ticked} error={text.field("slotIds")} />
      <SubmitButton className="relative self-start">{t("create")}</SubmitButton>
    </form>
  );
}

// Publishing a draft (bookable from then on) or taking a circuit back to draft.
export function CircuitStatusForm({ circuitId, name, publish }: { circuitId: string; name: string; publish: boolean }) {
  const t = useTranslations("circuits.organiser");
  const [state, action] = useFormActionState(setCircuitStatusAction, {} as AdminFormState);
  const text = useFormText("circuits.errors", state, state.params ?? {});
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      <input type="hidden" name="circuitId" value={circuitId} />
      <input type="hidden" name="status" value={publish ? "PUBLISHED" : "DRAFT"} />
      <FormMessage message={text.formError} />
      <SubmitButton className="relative self-start">
        {publish ? t("publish") : t("unpublish")}
        <span className="sr-only"> : {name}</span>
      </SubmitButton>
    </form>
  );
}
