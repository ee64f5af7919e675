"use client";
import { useTranslations } from "next-intl";
import { InputField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { Honeypot } from "@/components/form/Honeypot";
import { ProofOfWork } from "@/components/form/ProofOfWork";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { findBookingsAction } from "./actions";

export function FindBookingsForm({ locale }: { locale: string }) {
  const t = useTranslations("myBookings.find");
  const [state, action] = useFormActionState(findBookingsAction, {} as FormState);
  const text = useFormText("myBookings.find.errors", state);
  return (
    <form action={action} noValidate className="relative flex max-w-md flex-col gap-3">
      <Honeypot />
      <input type="hidden" name="locale" value={locale} />
      {/* The same sentence whether or not the address has bookings. */}
      <FormMessage message={state.ok ? t("sent") : text.formError} tone={state.ok ? "success" : "error"} fieldErrors={text.fieldLinks()} focusKey={state} />
      <InputField
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        label={t("email")}
        hint={t("emailHint")}
        error={text.field("email")}
        defaultValue={state.values?.email}
        required
      />
      <ProofOfWork />
      <SubmitButton className="self-start">{t("submit")}</SubmitButton>
    </form>
  );
}
