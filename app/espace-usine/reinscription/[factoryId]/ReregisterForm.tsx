"use client";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { reregisterAction } from "../actions";

// One step: the record is copied as it is (the profile page edits it afterwards); the only choice is
// whether last year's visits come along, moved to the new dates.
export function ReregisterForm({ factoryId, slots, edition }: { factoryId: string; slots: number; edition: string }) {
  const t = useTranslations("factorySpace.reregister");
  const [state, action] = useFormActionState(reregisterAction, {} as FormState);
  const text = useFormText("factorySpace.reregister.errors", state);
  return (
    <form action={action} noValidate className="flex max-w-2xl flex-col gap-3">
      <input type="hidden" name="previousFactoryId" value={factoryId} />
      <FormMessage message={text.formError} tone="error" />
      {slots > 0 && (
        <Checkbox
          name="copySlots"
          defaultChecked
          label={<span className="font-medium">{t("copySlots", { count: slots })}</span>}
          hint={t("copySlotsHint")}
          hintId="copySlots-hint"
          aria-describedby="copySlots-hint"
        />
      )}
      <SubmitButton className="relative self-start">{t("submit", { edition })}</SubmitButton>
    </form>
  );
}
