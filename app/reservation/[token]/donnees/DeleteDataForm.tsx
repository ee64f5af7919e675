"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmCheckbox } from "@/components/form/ConfirmCheckbox";
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
  return (
    <form action={action} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <FormMessage message={text.formError} />
      <ConfirmCheckbox errorId="confirm-error" label={t("confirm")} error={text.field("confirm")} />
      <SubmitButton pendingLabel={tc("pending")} className="self-start !bg-red-700 hover:!bg-red-900">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
