"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormText } from "@/components/form/useFormText";
import type { SlotFormState } from "@/lib/factory/slot-schemas";
import { cancelSlotAction } from "./actions";

// Cancelling a visit cancels every booking and e-mails each visitor: an explicit confirmation first.
export function CancelSlotForm({ factoryId, slotId, activeBookings }: { factoryId: string; slotId: string; activeBookings: number }) {
  const t = useTranslations("factory.cancelSlot");
  const tc = useTranslations("common");
  const [state, action] = useActionState(cancelSlotAction, {} as SlotFormState);
  const text = useFormText("factory.errors", state, state.params ?? {});
  return (
    <form action={action} noValidate className="flex flex-col gap-3 rounded-xl border border-red-200 p-4">
      <input type="hidden" name="factoryId" value={factoryId} />
      <input type="hidden" name="slotId" value={slotId} />
      <h2 className="text-xl font-semibold">{t("title")}</h2>
      <p>{t("help", { count: activeBookings })}</p>
      <FormMessage message={text.formError} />
      <div className="flex flex-col gap-1">
        <label className="flex min-h-11 items-center gap-3">
          <input
            type="checkbox"
            name="confirm"
            aria-invalid={text.field("confirm") ? true : undefined}
            aria-describedby="confirm-error"
            className="size-5"
          />
          {t("confirm")}
        </label>
        <p id="confirm-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
          {text.field("confirm")}
        </p>
      </div>
      <SubmitButton pendingLabel={tc("pending")} className="self-start !bg-red-700 hover:!bg-red-900">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
