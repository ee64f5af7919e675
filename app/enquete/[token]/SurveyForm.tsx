"use client";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { TextAreaField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { Honeypot } from "@/components/form/Honeypot";
import { ProofOfWork } from "@/components/form/ProofOfWork";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { SCALE, SURPRISE_MAX_LENGTH } from "@/lib/survey/schemas";
import type { SurveyView } from "@/lib/survey/submit";
import { submitSurveyAction } from "./actions";

// One 5-point radio group in its own fieldset/legend; its error is tied to the group.
function Scale(props: { name: string; legend: string; label: (n: number) => string; error?: string; value?: string; legendClass?: string }) {
  const errorId = `${props.name}-error`;
  return (
    <fieldset aria-describedby={props.error ? errorId : undefined} className="flex flex-col gap-2">
      <legend className={props.legendClass ?? "mb-2 font-semibold"}>
        {props.legend}
        <span aria-hidden="true" className="text-red-700"> *</span>
      </legend>
      <div className="grid gap-2 sm:grid-cols-5">
        {SCALE.map((n) => (
          <label
            key={n}
            className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name={props.name}
              value={n}
              defaultChecked={props.value === String(n)}
              required
              className="size-5 shrink-0"
            />
            <span>{props.label(n)}</span>
          </label>
        ))}
      </div>
      <p id={errorId} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
        {props.error}
      </p>
    </fieldset>
  );
}

// "Quel métier avez-vous découvert ?": the visited factory's jobs and « Aucun en particulier »; optional.
function DiscoveredJob({ jobs, error, value }: { jobs: SurveyView["jobs"]; error?: string; value?: string }) {
  const t = useTranslations("jobs.survey");
  const errorId = "discoveredRomeCode-error";
  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="flex flex-col gap-2">
      <legend className="mb-2 font-semibold">{t("legend")}</legend>
      {[...jobs.map((job) => ({ value: job.romeCode, label: job.label })), { value: "", label: t("none") }].map((choice) => (
        <Checkbox key={choice.value || "none"} type="radio" name="discoveredRomeCode" value={choice.value} label={choice.label} defaultChecked={(value ?? "") === choice.value && value !== undefined} />
      ))}
      <p id={errorId} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
        {error}
      </p>
    </fieldset>
  );
}

export function SurveyForm({ token, jobs }: { token: string; jobs: SurveyView["jobs"] }) {
  const t = useTranslations("lifecycle.survey");
  const [state, action] = useFormActionState(submitSurveyAction, {} as FormState);
  const text = useFormText("lifecycle.survey.errors", state);
  const value = (name: string) => state.values?.[name];

  if (state.ok) {
    return (
      <div role="status" className="rounded-xl bg-green-50 p-5 text-green-900">
        <h2 className="text-xl font-semibold">{t("thanks.title")}</h2>
        <p>{t("thanks.body")}</p>
      </div>
    );
  }

  const scaleLabel = (group: "satisfaction" | "recommend") => (n: number) => t(`${group}.${n}` as "satisfaction.1");
  return (
    <form action={action} noValidate className="relative flex flex-col gap-6">
      <input type="hidden" name="token" value={token} />
      <Honeypot />
      <p className="text-sm text-slate-700">{t("requiredNote")}</p>
      <FormMessage message={text.formError} focusKey={state} />

      <Scale name="satisfaction" legend={t("satisfaction.legend")} label={scaleLabel("satisfaction")} error={text.field("satisfaction")} value={value("satisfaction")} />

      <fieldset className="flex flex-col gap-4 rounded-xl border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t("recommend.legend")}</legend>
        {(["before", "after"] as const).map((when) => {
          const name = when === "before" ? "recommendBefore" : "recommendAfter";
          return <Scale key={name} name={name} legend={t(`recommend.${when}`)} legendClass="mb-2 font-medium" label={scaleLabel("recommend")} error={text.field(name)} value={value(name)} />;
        })}
      </fieldset>

      {jobs.length > 0 && <DiscoveredJob jobs={jobs} error={text.field("discoveredRomeCode")} value={value("discoveredRomeCode")} />}

      <TextAreaField
        id="surprise"
        name="surprise"
        label={t("surprise.label")}
        labelClassName="font-semibold"
        hint={t("surprise.hint", { max: SURPRISE_MAX_LENGTH })}
        error={text.field("surprise")}
        rows={4}
        maxLength={SURPRISE_MAX_LENGTH}
        defaultValue={value("surprise") ?? ""}
      />

      <ProofOfWork />
      <SubmitButton className="self-start">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
