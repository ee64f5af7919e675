"use client";
import { useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { ConfirmCheckbox } from "@/components/form/ConfirmCheckbox";
import { inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { COMMENT_MAX, type AdminFormState, type Decision } from "@/lib/organiser/schemas";
import { dimensionValueLabel, type Dimension } from "@/lib/representativity/reasons";
import { decideAction, overrideAction } from "./actions";

export interface CapHitView {
  dimension: Dimension;
  value: string;
  cap: number;
  approved: number;
}

const ALLOWED: Record<string, Decision[]> = {
  PENDING: ["APPROVE", "WAITLIST", "REJECT"],
  WAITLISTED: ["APPROVE", "REJECT"],
  REJECTED: ["APPROVE", "WAITLIST"],
};

const BUTTON: Record<Decision, string> = {
  APPROVE: "bg-green-800 text-white hover:bg-green-900",
  WAITLIST: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
  REJECT: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
};

// One factory's decisions: a comment shared by the buttons (approve / waitlist / reject, each one
// click), and — when approving would go over a cap — the override as a second step, in a <details>
// asking for a reason and an explicit confirmation.
export function DecisionForm(props: { factoryId: string; siteName: string; status: string; capsReached: CapHitView[]; returnTo: string }) {
  const t = useTranslations("organiserAdmin.validations");
  const locale = useLocale() === "en" ? "en" : "fr";
  const [state, decide, deciding] = useFormActionState(decideAction, {} as AdminFormState);
  const [overrideState, override, overriding] = useFormActionState(overrideAction, {} as AdminFormState);
  const label = (dimension: unknown, value: unknown) =>
    typeof dimension === "string" && typeof value === "string" ? dimensionValueLabel(dimension as Dimension, value, locale) : "";
  const text = useFormText("organiserAdmin.errors", state, { ...state.params, label: label(state.params?.dimension, state.params?.value) });
  const overrideText = useFormText("organiserAdmin.errors", overrideState, overrideState.params ?? {});
  const id = useId();
  const overCap = props.capsReached.length > 0 || state.formError === "quota.cap_reached";
  const decisions = (ALLOWED[props.status] ?? []).filter((d) => !(d === "APPROVE" && overCap));

  return (
    <div className="flex flex-col gap-3">
      <form action={decide} className="flex flex-col gap-2">
        <input type="hidden" name="factoryId" value={props.factoryId} />
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <FormMessage message={text.formError} />
        <label htmlFor={`${id}-comment`} className="font-medium">
          {t("comment")}
        </label>
        <p id={`${id}-comment-hint`} className="text-sm text-slate-600">
          {t("commentHint")}
        </p>
        <textarea
          id={`${id}-comment`}
          name="comment"
          rows={2}
          maxLength={COMMENT_MAX}
          defaultValue={state.values?.comment ?? ""}
          aria-describedby={`${id}-comment-hint${text.field("comment") ? ` ${id}-comment-error` : ""}`}
          aria-invalid={text.field("comment") ? true : undefined}
          className={inputClass}
        />
        {text.field("comment") && (
          <p id={`${id}-comment-error`} className="text-sm font-medium text-red-700">
            {text.field("comment")}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {decisions.map((decision) => (
            <button
              key={decision}
              type="submit"
              name="decision"
              value={decision}
              disabled={deciding}
              className={`inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 font-semibold disabled:opacity-70 ${BUTTON[decision]}`}
            >
              {t(`decision.${decision}`)}
              <span className="sr-only"> : {props.siteName}</span>
            </button>
          ))}
        </div>
      </form>

      {overCap && (
        <details className="rounded-md border border-amber-400 bg-amber-50 p-3" open={Boolean(overrideState.formError)}>
          <summary className="min-h-11 cursor-pointer py-2 font-semibold text-amber-950">
            {t("override.summary")}
            <span className="sr-only"> : {props.siteName}</span>
          </summary>
          <form action={override} noValidate className="mt-2 flex flex-col gap-2">
            <input type="hidden" name="factoryId" value={props.factoryId} />
            <input type="hidden" name="returnTo" value={props.returnTo} />
            {props.capsReached.length > 0 && (
              <ul className="list-disc pl-6 text-sm">
                {props.capsReached.map((c) => (
                  <li key={`${c.dimension}.${c.value}`}>
                    {t("override.cap", { dimension: t(`dimension.${c.dimension}`), label: label(c.dimension, c.value), approved: c.approved, cap: c.cap })}
                  </li>
                ))}
              </ul>
            )}
            <p className="text-sm">{t("override.explain")}</p>
            <FormMessage message={overrideText.formError} />
            <label htmlFor={`${id}-reason`} className="font-medium">
              {t("override.reason")}
              <span aria-hidden="true" className="text-red-700"> *</span>
            </label>
            <textarea
              id={`${id}-reason`}
              name="reason"
              rows={2}
              required
              maxLength={COMMENT_MAX}
              defaultValue={overrideState.values?.reason ?? ""}
              aria-invalid={overrideText.field("reason") ? true : undefined}
              aria-describedby={`${id}-reason-error`}
              className={inputClass}
            />
            <p id={`${id}-reason-error`} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
              {overrideText.field("reason")}
            </p>
            <ConfirmCheckbox errorId={`${id}-confirm-error`} label={t("override.confirm")} error={overrideText.field("confirm")} />
            <button
              type="submit"
              disabled={overriding}
              className="inline-flex min-h-11 items-center justify-center self-start rounded-md bg-amber-800 px-4 py-2 font-semibold text-white hover:bg-amber-900 disabled:opacity-70"
            >
              {t("override.submit")}
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
