"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/form/ActionButton";
import { inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { HiddenFields } from "@/components/form/HiddenFields";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { attachContactAction, detachContactAction, grantOrganiserAction, revokeOrganiserAction } from "./actions";

const smallButton =
  "inline-flex min-h-11 items-center justify-center rounded-md border border-red-700 bg-white px-3 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-70";

// An e-mail address and a button (grant the role, attach a contact), with the error under the field.
function EmailForm(props: {
  action: (state: AdminFormState, formData: FormData) => Promise<AdminFormState>;
  label: string;
  submit: string;
  hidden: Record<string, string>;
}) {
  const [state, action] = useFormActionState(props.action, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const id = useId();
  const error = text.field("email");
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      <HiddenFields values={props.hidden} />
      {text.formError && !error && <FormMessage message={text.formError} />}
      <label htmlFor={`${id}-email`} className="font-medium">
        {props.label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="off"
          inputMode="email"
          required
          defaultValue={state.values?.email ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
          className={`${inputClass} sm:max-w-sm`}
        />
        <SubmitButton className="relative shrink-0">
          {props.submit}
        </SubmitButton>
      </div>
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
        {error}
      </p>
    </form>
  );
}

export function GrantOrganiserForm({ search }: { search: string }) {
  const t = useTranslations("organiserAdmin.roles");
  return <EmailForm action={grantOrganiserAction} label={t("grantLabel")} submit={t("grant")} hidden={{ q: search }} />;
}

export function AttachContactForm({ factoryId, siteName, search }: { factoryId: string; siteName: string; search: string }) {
  const t = useTranslations("organiserAdmin.roles");
  return <EmailForm action={attachContactAction} label={t("attachLabel", { site: siteName })} submit={t("attach")} hidden={{ factoryId, q: search }} />;
}

export function RevokeOrganiserButton({ userId, email, search }: { userId: string; email: string; search: string }) {
  const t = useTranslations("organiserAdmin.roles");
  return <ActionButton action={revokeOrganiserAction} errors="organiserAdmin.errors" label={t("revoke")} who={email} hidden={{ userId, q: search }} className={smallButton} />;
}

export function DetachContactButton({ factoryId, userId, email, search }: { factoryId: string; userId: string; email: string; search: string }) {
  const t = useTranslations("organiserAdmin.roles");
  return (
    <ActionButton action={detachContactAction} errors="organiserAdmin.errors" label={t("detach")} who={email} hidden={{ factoryId, userId, q: search }} className={smallButton} />
  );
}
