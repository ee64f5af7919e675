"use client";
import { useTranslations } from "next-intl";
import { ConfirmAndSubmit } from "@/components/form/ConfirmCheckbox";
import { TextAreaField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { CANCEL_REASON_MAX, type SlotFormState } from "@/lib/factory/slot-schemas";
import { cancelSlotAction } from "./actions";

// Cancelling a visit cancels every booking and e-mails each visitor, with the reason given here: an
// explicit confirmation first.
export function CancelSlotForm({ factoryId, slotId, activeBookings }: { factoryId: string; slotId: string; activeBookings: number }) {
  const t = useTranslations("factory.cancelSlot");
  const [state, action] = useFormActionState(cancelSlotAction, {} as SlotFormState);
  const text = useFormText("factory.errors", state, state.params ?? {});
  return (
    <form action={action} noValidate className="flex flex-col gap-3 rounded-xl border border-red-200 p-4">
      <input type="hidden" name="factoryId" value={factoryId} />
      <input type="hidden" name="slotId" value={slotId} />
      <h2 className="text-xl font-semibold">{t("title")}</h2>
      <p>{t("help", { count: activeBookings })}</p>
      <FormMessage message={text.formError} focusKey={state} />
      <TextAreaField
        id="cancel-reason"
        name="reason"
        label={t("reason")}
        hint={t("reasonHint", { max: CANCEL_REASON_MAX })}
        error={text.field("reason")}
        required
        rows={2}
        maxLength={CANCEL_REASON_MAX}
        defaultValue={state.values?.reason ?? ""}
      />
      <ConfirmAndSubmit label={t("confirm")} error={text.field("confirm")} submit={t("submit")} />
    </form>
  );
}
