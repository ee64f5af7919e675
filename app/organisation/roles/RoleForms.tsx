"use client";
import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
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
  const tc = useTranslations("common");
  const [state, action] = useActionState(props.action, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const id = useId();
  const error = text.field("email");
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
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
        <SubmitButton pendingLabel={tc("pending")} className="relative shrink-0">
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

// A one-button form (revoke, detach) whose refusal is announced next to it.
function RemoveButton(props: {
  action: (state: AdminFormState, formData: FormData) => Promise<AdminFormState>;
  label: string;
  who: string;
  hidden: Record<string, string>;
}) {
  const [state, action, pending] = useActionState(props.action, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  return (
    <form action={action} className="flex flex-col gap-1">
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={smallButton}>
        {props.label}
        <span className="sr-only"> : {props.who}</span>
      </button>
      {text.formError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {text.formError}
        </p>
      )}
    </form>
  );
}

export function RevokeOrganiserButton({ userId, email, search }: { userId: string; email: string; search: string }) {
  const t = useTranslations("organiserAdmin.roles");
  return <RemoveButton action={revokeOrganiserAction} label={t("revoke")} who={email} hidden={{ userId, q: search }} />;
}

export function DetachContactButton({ factoryId, userId, email, search }: { factoryId: string; userId: string; email: string; search: string }) {
  const t = useTranslations("organiserAdmin.roles");
  return <RemoveButton action={detachContactAction} label={t("detach")} who={email} hidden={{ factoryId, userId, q: search }} />;
}
