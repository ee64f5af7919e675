"use client";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { refuseCircuitLegAction } from "./actions";

export function RefuseLegForm({ factoryId, legId, circuitName }: { factoryId: string; legId: string; circuitName: string }) {
  const t = useTranslations("circuits.factory");
  const [state, action] = useFormActionState(refuseCircuitLegAction, {} as FormState);
  const text = useFormText("circuits.errors", state, state.params ?? {});
  return (
    <form action={action} noValidate className="flex flex-col gap-2">
      <input type="hidden" name="factoryId" value={factoryId} />
      <input type="hidden" name="legId" value={legId} />
      <FormMessage message={text.formError} />
      <SubmitButton className="relative self-start">
        {t("refuse")}
        <span className="sr-only"> : {circuitName}</span>
      </SubmitButton>
    </form>
  );
}
