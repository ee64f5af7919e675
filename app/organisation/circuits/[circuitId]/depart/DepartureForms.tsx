"use client";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { departureCheckInAction } from "./actions";

/** The guide types (or reads) a ticket code and how many of its people board. */
export function BoardByCodeForm({ circuitId }: { circuitId: string }) {
  const t = useTranslations("circuits.departure");
  const [state, action] = useFormActionState(departureCheckInAction, {} as AdminFormState);
  const text = useFormText("circuits.errors", state, state.params ?? {});
  return (
    <form action={action} noValidate className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4">
      <input type="hidden" name="circuitId" value={circuitId} />
      <FormMessage message={state.ok ? t("boarded", { count: state.count ?? 0 }) : text.formError} tone={state.ok ? "success" : "error"} focusKey={state} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field id="depart-code" label={t("code")} hint={t("codeHint")} error={text.field("ticketCode")} required>
          {(p) => <input {...p} name="ticketCode" autoCapitalize="characters" autoComplete="off" defaultValue={state.ok ? "" : state.values?.ticketCode} className={inputClass} />}
        </Field>
        <Field id="depart-count" label={t("count")} error={text.field("count")} required>
          {(p) => <input {...p} name="count" type="number" min={1} inputMode="numeric" defaultValue={state.ok ? "" : state.values?.count} className={inputClass} />}
        </Field>
      </div>
      <SubmitButton className="self-start">{t("board")}</SubmitButton>
    </form>
  );
}

/** One booking of the list boarding with all its seats. */
export function BoardRowForm({ circuitId, ticketCode, seats, name }: { circuitId: string; ticketCode: string; seats: number; name: string }) {
  const t = useTranslations("circuits.departure");
  const [state, action] = useFormActionState(departureCheckInAction, {} as AdminFormState);
  const text = useFormText("circuits.errors", state, state.params ?? {});
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="circuitId" value={circuitId} />
      <input type="hidden" name="ticketCode" value={ticketCode} />
      <input type="hidden" name="count" value={seats} />
      <FormMessage message={text.formError} />
      <SubmitButton className="self-start">
        {t("boardAll", { count: seats })}
        <span className="sr-only"> : {name}</span>
      </SubmitButton>
    </form>
  );
}
