"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/SubmitButton";
import { REGISTRATION_STEPS, type RegistrationStep } from "@/lib/factory/schemas";
import { LAST_STEP, stepTitleId, type RegistrationWizard } from "./useRegistrationWizard";

// One step of the wizard: a titled section, hidden while another step shows (with JavaScript), and
// the buttons that move between steps. Without JavaScript, every step shows and the last one sends.
export function WizardStep({ name, wizard, children }: { name: RegistrationStep; wizard: RegistrationWizard; children: ReactNode }) {
  const t = useTranslations("registration");
  const { enhanced, step } = wizard;
  const index = REGISTRATION_STEPS.indexOf(name);
  const submit = (className?: string) => (
    <SubmitButton className={className}>
      {t("nav.submit")}
    </SubmitButton>
  );
  return (
    <section aria-labelledby={stepTitleId(name)} hidden={enhanced && step !== index} className="flex flex-col gap-4">
      <h2 id={stepTitleId(name)} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
        {enhanced && <span className="sr-only">{t("steps.headingPrefix", { current: index + 1, total: REGISTRATION_STEPS.length })}</span>}
        {t(`steps.${name}`)}
      </h2>
      {children}
      {enhanced ? (
        <div className="mt-2 flex flex-wrap gap-3">
          {step > 0 && (
            <button type="button" onClick={() => wizard.goTo(step - 1)} className="min-h-11 rounded-md border border-slate-400 px-5 py-2 font-semibold text-slate-900 hover:bg-slate-50">
              {t("nav.previous")}
            </button>
          )}
          {step < LAST_STEP ? (
            <button type="button" onClick={() => void wizard.next()} className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900">
              {t("nav.next")}
            </button>
          ) : (
            submit()
          )}
        </div>
      ) : (
        index === LAST_STEP && submit("self-start")
      )}
    </section>
  );
}

/** The progress bar of the wizard, shown only with JavaScript (without it, all steps show at once). */
export function WizardProgress({ step }: { step: number }) {
  const t = useTranslations("registration");
  return (
    <nav aria-label={t("steps.label")}>
      <p className="text-sm font-medium text-slate-700">{t("steps.progress", { current: step + 1, total: REGISTRATION_STEPS.length })}</p>
      <ol className="mt-2 grid grid-cols-4 gap-2">
        {REGISTRATION_STEPS.map((name, index) => (
          <li
            key={name}
            aria-current={index === step ? "step" : undefined}
            className={`border-t-4 pt-1 text-sm ${index === step ? "border-brand-700 font-semibold text-slate-900" : index < step ? "border-brand-300 text-slate-700" : "border-slate-200 text-slate-600"}`}
          >
            <span className="sr-only">{t("steps.number", { number: index + 1 })} </span>
            {t(`steps.${name}`)}
            {index < step && <span className="sr-only"> ({t("steps.done")})</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
