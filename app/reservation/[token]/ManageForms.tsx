"use client";
import { useTranslations } from "next-intl";
import { InputField, SelectField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { cancelAction, changeSeatsAction, confirmAttendanceAction } from "./actions";

type Seats = { kind: "INDIVIDUAL"; seats: number; minors: number; max: number } | { kind: "GROUP"; students: number; adults: number; organisation: boolean };

export function ChangeSeatsForm({ token, current, ratio }: { token: string; current: Seats; ratio: number | null }) {
  const t = useTranslations("booking");
  const [state, action] = useFormActionState(changeSeatsAction, {} as FormState);
  const text = useFormText("booking.errors", state, { ratio: ratio ?? 0 });
  // After an error, what was submitted; otherwise (first view, or saved) the booking as it is now.
  const value = (name: string, saved: number) => state.values?.[name] ?? String(saved);
  return (
    <form action={action} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <h2 className="text-xl font-semibold">{t("manage.change.title")}</h2>
      <p className="text-slate-700">{t("manage.change.help")}</p>
      <FormMessage
        message={state.ok ? t("manage.change.done") : text.formError}
        tone={state.ok ? "success" : "error"}
        fieldErrors={text.fieldLinks((name) => `change-${name}`)}
        focusKey={state}
      />
      {current.kind === "INDIVIDUAL" ? (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField
            id="change-seats"
            name="seats"
            label={t("fields.seats")}
            error={text.field("seats")}
            defaultValue={value("seats", current.seats)}
            options={Array.from({ length: current.max }, (_, i) => ({ value: String(i + 1), label: i + 1 }))}
          />
          <InputField id="change-minors" label={t("fields.minors")} error={text.field("minors")} name="minors" type="number" min={0} defaultValue={value("minors", current.minors)} />
        </div>
      ) : (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <InputField id="change-students" label={t(current.organisation ? "fields.participants" : "fields.students")} error={text.field("students")} name="students" type="number" min={1} defaultValue={value("students", current.students)} />
          <InputField id="change-adults" label={t(current.organisation ? "fields.staff" : "fields.adults")} error={text.field("adults")} name="adults" type="number" min={1} defaultValue={value("adults", current.adults)} />
        </div>
      )}
      <SubmitButton className="self-start">
        {t("manage.change.submit")}
      </SubmitButton>
    </form>
  );
}

/** Cancels a visit booking, or a circuit booking with `action` (app/circuits/reservation). */
export function CancelForm({
  token,
  waitlisted,
  action: cancel = cancelAction,
}: {
  token: string;
  waitlisted: boolean;
  action?: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const t = useTranslations("booking");
  const [state, action] = useFormActionState(cancel, {} as FormState);
  const text = useFormText("booking.errors", state);
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <h2 className="text-xl font-semibold">{t("manage.cancel.title")}</h2>
      <p className="text-slate-700">{waitlisted ? t("manage.cancel.helpWaitlisted") : t("manage.cancel.help")}</p>
      <FormMessage message={text.formError} focusKey={state} />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="confirm" required className="size-5" />
        {t("manage.cancel.confirm")}
      </label>
      <SubmitButton className="self-start !bg-red-700 hover:!bg-red-900">
        {t("manage.cancel.submit")}
      </SubmitButton>
    </form>
  );
}

/** "Je viens": answers the attendance request (the page then shows the answer). */
export function AttendanceForm({ token }: { token: string }) {
  const t = useTranslations("booking");
  const [state, action] = useFormActionState(confirmAttendanceAction, {} as FormState);
  const text = useFormText("booking.errors", state);
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <h2 className="text-xl font-semibold">{t("attendance.yesTitle")}</h2>
      <p className="text-slate-700">{t("attendance.yesHelp")}</p>
      <FormMessage message={text.formError} focusKey={state} />
      <SubmitButton className="self-start">{t("attendance.yes")}</SubmitButton>
    </form>
  );
}
