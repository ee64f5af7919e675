"use client";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { Honeypot } from "@/components/form/Honeypot";
import { ProofOfWork } from "@/components/form/ProofOfWork";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { requestMagicLink } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations();
  const [state, action] = useFormActionState(requestMagicLink, {} as FormState);
  const text = useFormText("auth.signIn.errors", state, state.params);
  return (
    <form action={action} noValidate className="relative flex max-w-md flex-col gap-3">
      <Honeypot />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage
        message={state.ok ? [t("auth.signIn.sent"), state.params && t("auth.signIn.remaining", state.params)].filter(Boolean).join(" ") : text.formError}
        tone={state.ok ? "success" : "error"}
        fieldErrors={text.fieldLinks()}
        focusKey={state}
      />
      <Field id="email" label={t("auth.signIn.email")} hint={t("auth.signIn.emailHint")} error={text.field("email")} required>
        {(props) => (
          <input {...props} name="email" type="email" autoComplete="email" inputMode="email" defaultValue={state.values?.email} className={inputClass} />
        )}
      </Field>
      <p className="text-sm text-slate-600">{t("auth.signIn.why")}</p>
      <ProofOfWork />
      <SubmitButton>{t("auth.signIn.submit")}</SubmitButton>
    </form>
  );
}
