"use client";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { Field, InputField, inputClass, Select, TextAreaField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { updateJobsAction } from "./actions";

export type JobOptionGroup = { family: string; label: string; jobs: { code: string; label: string }[] };
export type JobLimits = { maxJobs: number; sentenceMax: number; testimonialMax: number; urlMax: number };

// Rows shown: the filled ones and one more (at least three), up to the limit; a saved list gets a
// new empty row on the next render, so the form works without JavaScript.
const rowCount = (values: Record<string, string>, max: number) => {
  let filled = 0;
  for (let i = 0; i < max; i++) if (values[`jobs.${i}.romeCode`] || values[`jobs.${i}.sentence`]) filled = i + 1;
  return Math.min(max, Math.max(3, filled + 1));
};

// "Métiers à découvrir": the jobs (a drop-down list grouped by family, in the official wording, and a
// sentence each), apprenticeships, offers link and testimonial. Rules and codes: lib/factory/job-schemas.ts.
export function JobsForm({ factoryId, initial, groups, limits }: { factoryId: string; initial: Record<string, string>; groups: JobOptionGroup[]; limits: JobLimits }) {
  const t = useTranslations("jobs.form");
  const [state, action] = useFormActionState(updateJobsAction, {} as FormState);
  const text = useFormText("jobs.errors", state, { max: limits.sentenceMax, maxJobs: limits.maxJobs, testimonialMax: limits.testimonialMax, urlMax: limits.urlMax });
  const values = state.values ?? initial;
  const value = (name: string) => values[name] ?? "";
  const id = (name: string) => `jobs-${name.replaceAll(".", "-")}`;
  const rows = Array.from({ length: rowCount(values, limits.maxJobs) }, (_, i) => i);

  return (
    <form key={JSON.stringify(values)} action={action} noValidate aria-labelledby="jobs-title" className="flex max-w-2xl flex-col gap-5">
      <input type="hidden" name="factoryId" value={factoryId} />
      <FormMessage message={state.ok ? t("saved") : text.formError} tone={state.ok ? "success" : "error"} fieldErrors={text.fieldLinks(id)} focusKey={state} />
      <p className="text-slate-700">{t("intro", { max: limits.maxJobs })}</p>
      {text.field("jobs") && <p className="font-medium text-red-700">{text.field("jobs")}</p>}
      <ol className="flex flex-col gap-4">
        {rows.map((i) => {
          const code = `jobs.${i}.romeCode`;
          const sentence = `jobs.${i}.sentence`;
          return (
            <li key={i} className="flex flex-col gap-1 rounded-md border border-slate-200 p-4">
              <Field id={id(code)} label={t("row", { n: i + 1 })} error={text.field(code)} labelClassName="font-semibold text-slate-900">
                {(p) => (
                  <Select {...p} name={code} defaultValue={value(code)} className={inputClass}>
                    <option value="">{t("noJob")}</option>
                    {groups.map((group) => (
                      <optgroup key={group.family} label={group.label}>
                        {group.jobs.map((job) => (
                          <option key={job.code} value={job.code}>
                            {job.label} ({job.code})
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </Select>
                )}
              </Field>
              <InputField
                id={id(sentence)}
                name={sentence}
                label={t("sentence", { n: i + 1 })}
                hint={t("sentenceHint", { max: limits.sentenceMax })}
                error={text.field(sentence)}
                defaultValue={value(sentence)}
                maxLength={limits.sentenceMax}
              />
            </li>
          );
        })}
      </ol>

      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t("apprenticesLegend")}</legend>
        <Checkbox name="takesApprentices" label={t("takesApprentices")} defaultChecked={value("takesApprentices") === "on"} />
        <InputField
          id={id("jobOffersUrl")}
          name="jobOffersUrl"
          type="url"
          inputMode="url"
          label={t("jobOffersUrl")}
          hint={t("urlHint")}
          error={text.field("jobOffersUrl")}
          defaultValue={value("jobOffersUrl")}
          maxLength={limits.urlMax}
        />
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t("testimonialLegend")}</legend>
        <TextAreaField
          id={id("testimonialText")}
          name="testimonialText"
          label={t("testimonialText")}
          hint={t("testimonialHint", { max: limits.testimonialMax })}
          error={text.field("testimonialText")}
          defaultValue={value("testimonialText")}
          rows={4}
          maxLength={limits.testimonialMax}
        />
        <InputField
          id={id("testimonialVideoUrl")}
          name="testimonialVideoUrl"
          type="url"
          inputMode="url"
          label={t("testimonialVideoUrl")}
          hint={t("videoHint")}
          error={text.field("testimonialVideoUrl")}
          defaultValue={value("testimonialVideoUrl")}
          maxLength={limits.urlMax}
        />
      </fieldset>
      <SubmitButton className="self-start">{t("submit")}</SubmitButton>
    </form>
  );
}
