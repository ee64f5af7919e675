"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { InputField, inputClass, TextAreaField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { MAX_TRANSPORT_COST_EUROS, REFUSAL_REASON_MAX } from "@/lib/transport/schemas";
import { acceptTransportAction, refuseTransportAction } from "./actions";

// One waiting request's decisions: accept at the coach's quoted cost, or refuse with a reason (in a
// <details>, a second step). Errors are said at the top of each form and next to their field.
export function DecisionForms({ requestId, school }: { requestId: string; school: string }) {
  const t = useTranslations("organiserAdmin.transports");
  const [accepted, accept] = useFormActionState(acceptTransportAction, {} as AdminFormState);
  const [refused, refuse] = useFormActionState(refuseTransportAction, {} as AdminFormState);
  const acceptText = useFormText("organiserAdmin.errors", accepted, accepted.params ?? {});
  const refuseText = useFormText("organiserAdmin.errors", refused, refused.params ?? {});
  const id = useId();
  const costId = `${id}-cost`;
  const reasonId = `${id}-reason`;

  return (
    <div className="flex flex-col gap-3">
      <form action={accept} noValidate className="flex flex-col gap-2">
        <input type="hidden" name="requestId" value={requestId} />
        <FormMessage message={acceptText.formError} fieldErrors={acceptText.fieldLinks(() => costId)} focusKey={accepted} reserveSpace={false} />
        <InputField
          id={costId}
          name="costEuros"
          label={t("cost")}
          hint={t("costHint")}
          error={acceptText.field("costEuros")}
          required
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_TRANSPORT_COST_EUROS}
          defaultValue={accepted.values?.costEuros ?? ""}
          className={`${inputClass} sm:max-w-48`}
        />
        <SubmitButton className="self-start">
          {t("accept")}
          <span className="sr-only"> : {school}</span>
        </SubmitButton>
      </form>
      <details className="rounded-md border border-slate-300 p-3" open={Boolean(refused.formError)}>
        <summary className="min-h-11 cursor-pointer py-2 font-semibold">
          {t("refuse")}
          <span className="sr-only"> : {school}</span>
        </summary>
        <form action={refuse} noValidate className="mt-2 flex flex-col gap-2">
          <input type="hidden" name="requestId" value={requestId} />
          <FormMessage message={refuseText.formError} fieldErrors={refuseText.fieldLinks(() => reasonId)} focusKey={refused} reserveSpace={false} />
          <TextAreaField
            id={reasonId}
            name="refusalReason"
            label={t("reason")}
            hint={t("reasonHint")}
            error={refuseText.field("refusalReason")}
            required
            rows={2}
            maxLength={REFUSAL_REASON_MAX}
            defaultValue={refused.values?.refusalReason ?? ""}
          />
          <SubmitButton className="self-start">
            {t("refuseSubmit")}
            <span className="sr-only"> : {school}</span>
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
