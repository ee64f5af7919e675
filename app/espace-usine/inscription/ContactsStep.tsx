"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { InputField } from "@/components/form/Field";
import { FactList } from "@/components/ui/FactList";
import { MAX_INVITES, REGISTRATION_STEPS } from "@/lib/factory/schemas";
import { fieldId, type RegistrationWizard } from "./useRegistrationWizard";
import { WizardStep } from "./WizardStep";

// Step 4: the colleagues to invite, then (with JavaScript) a summary of the other steps to check
// before sending, each with a way back to its step.
export function ContactsStep({ wizard, userEmail }: { wizard: RegistrationWizard; userEmail: string }) {
  const t = useTranslations("registration");
  const { enhanced, value, errorOf, summary } = wizard;
  const [inviteCount, setInviteCount] = useState(() =>
    Math.max(1, Object.keys(wizard.state.values ?? {}).filter((k) => k.startsWith("invites.") && wizard.state.values?.[k]).length),
  );

  return (
    <WizardStep name="contacts" wizard={wizard}>
      <p className="text-slate-700">{t("contacts.intro", { email: userEmail, max: MAX_INVITES })}</p>
      {Array.from({ length: enhanced ? inviteCount : MAX_INVITES }, (_, i) => (
        <InputField
          key={i}
          id={fieldId(`invites.${i}`)}
          label={t("contacts.email", { number: i + 1 })}
          error={errorOf(`invites.${i}`) ?? (i === 0 ? errorOf("invites") : undefined)}
          name="invites"
          type="email"
          inputMode="email"
          autoComplete="off"
          maxLength={254}
          defaultValue={value(`invites.${i}`)}
        />
      ))}
      {enhanced && inviteCount < MAX_INVITES && (
        <button
          type="button"
          onClick={() => {
            setInviteCount(inviteCount + 1);
            wizard.focusOn(fieldId(`invites.${inviteCount}`));
          }}
          className="self-start min-h-11 rounded-md border border-slate-400 px-4 py-2 font-semibold text-slate-900 hover:bg-slate-50"
        >
          {t("contacts.add")}
        </button>
      )}

      {enhanced && summary && (
        <div className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4">
          <h3 className="text-xl font-semibold">{t("summary.title")}</h3>
          {(["site", "activity", "visit"] as const).map((name) => (
            <div key={name} className="flex flex-col gap-1">
              <div className="flex items-baseline justify-between gap-3">
                <h4 className="font-semibold">{t(`steps.${name}`)}</h4>
                <button
                  type="button"
                  onClick={() => wizard.goTo(REGISTRATION_STEPS.indexOf(name))}
                  aria-label={t("nav.editStep", { step: t(`steps.${name}`) })}
                  className="min-h-11 px-2 text-brand-700 underline underline-offset-4"
                >
                  {t("nav.edit")}
                </button>
              </div>
              <FactList className="grid gap-x-3 gap-y-1 sm:grid-cols-[12rem_1fr]" termClassName="text-sm text-slate-700" valueClassName="break-words" facts={summary[name]} />
            </div>
          ))}
          <p className="text-sm text-slate-700">{t("summary.afterSubmit")}</p>
        </div>
      )}
    </WizardStep>
  );
}
