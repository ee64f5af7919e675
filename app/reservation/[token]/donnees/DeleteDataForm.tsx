"use client";
import { useTranslations } from "next-intl";
import { ConfirmAndSubmit } from "@/components/form/ConfirmCheckbox";
import { FormMessage } from "@/components/form/FormMessage";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { deleteDataAction } from "./actions";

export function DeleteDataForm({ token }: { token: string }) {
  const t = useTranslations("lifecycle.data");
  const [state, action] = useFormActionState(deleteDataAction, {} as FormState);
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
      <ConfirmAndSubmit label={t("confirm")} error={text.field("confirm")} submit={t("submit")} />
    </form>
  );
}
