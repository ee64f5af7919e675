"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { cancelAction, changeSeatsAction } from "./actions";

type Seats = { kind: "INDIVIDUAL"; seats: number; minors: number; max: number } | { kind: "GROUP"; students: number; adults: number };

export function ChangeSeatsForm({ token, current, ratio }: { token: string; current: Seats; ratio: number | null }) {
  const t = useTranslations("booking");
  const tc = useTranslations("common");
  const [state, action] = useActionState(changeSeatsAction, {} as FormState);
  const text = useFormText("booking.errors", state, { ratio: ratio ?? 0 });
  return (
    <form action={action} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <h2 className="text-xl font-semibold">{t("manage.change.title")}</h2>
      <p className="text-slate-700">{t("manage.change.help")}</p>
      <FormMessage message={state.ok ? t("manage.change.done") : text.formError} tone={state.ok ? "success" : "error"} />
      {current.kind === "INDIVIDUAL" ? (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field id="change-seats" label={t("fields.seats")} error={text.field("seats")}>
            {(p) => (
              <select {...p} name="seats" defaultValue={String(current.seats)} className={inputClass}>
                {Array.from({ length: current.max }, (_, i) => i + 1).map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="change-minors" label={t("fields.minors")} error={text.field("minors")}>
            {(p) => <input {...p} name="minors" type="number" min={0} defaultValue={current.minors} className={inputClass} />}
          </Field>
        </div>
      ) : (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field id="change-students" label={t("fields.students")} error={text.field("students")}>
            {(p) => <input {...p} name="students" type="number" min={1} defaultValue={current.students} className={inputClass} />}
          </Field>
          <Field id="change-adults" label={t("fields.adults")} error={text.field("adults")}>
            {(p) => <input {...p} name="adults" type="number" min={1} defaultValue={current.adults} className={inputClass} />}
          </Field>
        </div>
      )}
      <SubmitButton pendingLabel={tc("pending")} className="self-start">
        {t("manage.change.submit")}
      </SubmitButton>
    </form>
  );
}

export function CancelForm({ token }: { token: string }) {
  const t = useTranslations("booking");
  const tc = useTranslations("common");
  const [state, action] = useActionState(cancelAction, {} as FormState);
  const text = useFormText("booking.errors", state);
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <h2 className="text-xl font-semibold">{t("manage.cancel.title")}</h2>
      <p className="text-slate-700">{t("manage.cancel.help")}</p>
      <FormMessage message={text.formError} />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="confirm" required className="size-5" />
        {t("manage.cancel.confirm")}
      </label>
      <SubmitButton pendingLabel={tc("pending")} className="self-start !bg-red-700 hover:!bg-red-900">
        {t("manage.cancel.submit")}
      </SubmitButton>
    </form>
  );
}
