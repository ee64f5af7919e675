"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { deleteDataAction } from "./actions";

export function DeleteDataForm({ token }: { token: string }) {
  const t = useTranslations("lifecycle.data");
  const tc = useTranslations("common");
  const [state, action] = useActionState(deleteDataAction, {} as FormState);
  const text = useFormText("lifecycle.data.errors", state);
  if (state.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
        {t("done")}
      </p>
    );
  }
  const confirmError = text.field("confirm");
  return (
    <form action={action} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <FormMessage message={text.formError} />
      <div className="flex flex-col gap-1">
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="confirm"
            required
            aria-invalid={confirmError ? true : undefined}
            aria-describedby="confirm-error"
            className="mt-1 size-5 shrink-0"
          />
          <span>{t("confirm")}</span>
        </label>
        <p id="confirm-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {confirmError}
        </p>
      </div>
      <SubmitButton pendingLabel={tc("pending")} className="self-start !bg-red-700 hover:!bg-red-900">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
