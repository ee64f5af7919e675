"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmCheckbox } from "@/components/form/ConfirmCheckbox";
import { Checkbox } from "@/components/form/Checkbox";
import { InputField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { API_KEY_NAME_MAX, API_SCOPES, type AdminFormState } from "@/lib/organiser/schemas";
import { issueApiKeyAction, revokeApiKeyAction, type IssueApiKeyState } from "./actions";

// Issuing a key: a name and its scopes; the answer shows the secret once, to copy at once.
export function IssueApiKeyForm() {
  const t = useTranslations("organiserAdmin.partners");
  const [state, action] = useFormActionState(issueApiKeyAction, {} as IssueApiKeyState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const id = useId();
  const checked = new Set(state.values?.scopes?.split(",") ?? []);
  const scopesError = text.field("scopes");
  return (
    <div className="flex flex-col gap-4">
      {state.issued && <IssuedKey key={state.issued.prefix} name={state.issued.name} secret={state.issued.secret} />}
      <form action={action} noValidate className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4">
        <FormMessage message={text.formError} />
        <InputField
          id={`${id}-name`}
          label={t("name")}
          hint={t("nameHint")}
          error={text.field("name")}
          required
          name="name"
          type="text"
          autoComplete="off"
          maxLength={API_KEY_NAME_MAX}
          defaultValue={state.values?.name ?? ""}
          className={`${inputClass} sm:max-w-md`}
        />
        <fieldset aria-describedby={`${id}-scopes-error`} className="flex flex-col gap-2">
          <legend className="font-medium">{t("scopes")}</legend>
          {API_SCOPES.map((scope) => (
            <Checkbox
              key={scope}
              name="scopes"
              value={scope}
              defaultChecked={checked.has(scope)}
              aria-invalid={scopesError ? true : undefined}
              label={<span className="font-medium">{t(`scope.${scope}`)}</span>}
              hint={t(`scopeHint.${scope}`)}
            />
          ))}
          <p id={`${id}-scopes-error`} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
            {scopesError}
          </p>
        </fieldset>
        <SubmitButton className="relative self-start">
          {t("issue")}
        </SubmitButton>
      </form>
    </div>
  );
}

function IssuedKey({ name, secret }: { name: string; secret: string }) {
  const t = useTranslations("organiserAdmin.partners");
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-green-700 bg-green-50 p-4 text-green-950">
      <p className="font-semibold">{t("issued", { name })}</p>
      <p id={`${id}-hint`}>{t("copyHint")}</p>
      <label htmlFor={`${id}-secret`} className="font-medium">
        {t("secretLabel")}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={`${id}-secret`}
          readOnly
          value={secret}
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()}
          className={`${inputClass} font-mono sm:flex-1`}
        />
        <button
          type="button"
          onClick={() => navigator.clipboard.writeText(secret).then(() => setCopied(true))}
          className="inline-flex min-h-11 items-center justify-center rounded-md border border-green-800 bg-white px-4 py-2 font-semibold text-green-900 hover:bg-green-100"
        >
          {t("copy")}
        </button>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm">
        {copied ? t("copied") : ""}
      </p>
    </div>
  );
}

// Revoking takes a second step: the box says what stops working.
export function RevokeApiKeyForm({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations("organiserAdmin.partners");
  const [state, action, pending] = useFormActionState(revokeApiKeyAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const id = useId();
  return (
    <details className="rounded-md border border-red-300 p-3" open={Boolean(state.formError)}>
      <summary className="min-h-11 cursor-pointer py-2 font-semibold text-red-800">
        {t("revoke")}
        <span className="sr-only"> : {name}</span>
      </summary>
      <form action={action} noValidate className="mt-2 flex flex-col gap-2">
        <input type="hidden" name="keyId" value={keyId} />
        {text.formError && !text.field("confirm") && <FormMessage message={text.formError} />}
        <ConfirmCheckbox errorId={`${id}-confirm-error`} label={t("revokeConfirm", { name })} error={text.field("confirm") && t("revokeConfirmRequired")} />
        <button
          type="submit"
          disabled={pending}
          className="inline-flex min-h-11 items-center justify-center self-start rounded-md bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-70"
        >
          {t("revokeSubmit")}
          <span className="sr-only"> : {name}</span>
        </button>
      </form>
    </details>
  );
}
