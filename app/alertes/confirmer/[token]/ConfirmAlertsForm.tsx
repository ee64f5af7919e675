"use client";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { confirmAlertsAction } from "../../actions";

export function ConfirmAlertsForm({ token }: { token: string }) {
  const t = useTranslations("alerts.confirm");
  const [state, action] = useFormActionState(confirmAlertsAction, {} as FormState);
  const text = useFormText("alerts.confirm.errors", state);
  return (
    <form action={action} className="relative flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage message={state.ok ? t("done") : text.formError} tone={state.ok ? "success" : "error"} focusKey={state} />
      {!state.ok && <SubmitButton className="self-start">{t("submit")}</SubmitButton>}
    </form>
  );
}
