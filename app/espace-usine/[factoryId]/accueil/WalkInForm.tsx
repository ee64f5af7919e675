"use client";
import { useTranslations } from "next-intl";
import { InputField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { walkInAction, type WalkInState } from "./actions";
import { useOnline } from "./useOfflineDoor";

// "Sans réservation" for one of today's visits: how many people come in without a booking, up to the
// seats free now (the server decides; the number shown is a forecast).
export function WalkInForm({ factoryId, slotId, label, seatsLeft }: { factoryId: string; slotId: string; label: string; seatsLeft: number }) {
  const t = useTranslations("factory.door.walkIn");
  const [state, action] = useFormActionState(walkInAction, {} as WalkInState);
  const text = useFormText("factory.errors", state, state.params ?? {});
  const online = useOnline();
  const id = `walkin-${slotId}`;
  // Walk-ins take free seats: only the server knows how many there are now (docs/decisions/0018-offline-door.md).
  if (!online) return <p className="rounded-md bg-amber-50 px-3 py-2 font-medium text-amber-900">{t("offline", { visit: label })}</p>;
  return (
    <form action={action} noValidate className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="factoryId" value={factoryId} />
      <input type="hidden" name="slotId" value={slotId} />
      <InputField
        id={id}
        name="people"
        type="number"
        inputMode="numeric"
        min={1}
        max={Math.max(1, seatsLeft)}
        label={t("people", { visit: label })}
        hint={t("hint", { seatsLeft })}
        error={text.field("people")}
        defaultValue={state.ok ? "" : (state.values?.people ?? "")}
        className={`${inputClass} sm:max-w-32`}
      />
      <SubmitButton className="mb-6">{t("submit")}</SubmitButton>
      <FormMessage
        message={state.ok ? t("done", { count: state.admitted ?? 0, seatsLeft: state.seatsLeft ?? 0 }) : text.formError}
        tone={state.ok ? "success" : "error"}
        focusKey={state}
      />
    </form>
  );
}
