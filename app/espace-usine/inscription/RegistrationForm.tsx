"use client";
// The factory registration form: four short steps on one <form>. With JavaScript, one step shows at a
// time, each checked in the browser before moving on (useRegistrationWizard), and everything is sent
// once at the end to the server action, which validates it all again. Without JavaScript, the four
// steps show one under the other and the server does the checks.
import { FormMessage } from "@/components/form/FormMessage";
import { ActivityStep } from "./ActivityStep";
import { ContactsStep } from "./ContactsStep";
import { SiteStep } from "./SiteStep";
import { useRegistrationWizard, type ConditionLabels, type SectorGroup } from "./useRegistrationWizard";
import { VisitStep } from "./VisitStep";
import { WizardProgress } from "./WizardStep";

export type { SectorGroup };

export function RegistrationForm({ sectors, userEmail, conditionLabels }: { sectors: SectorGroup[]; userEmail: string; conditionLabels: ConditionLabels }) {
  const { formRef, formAction, onSubmit, wizard } = useRegistrationWizard(sectors, conditionLabels);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-col gap-6">
      {wizard.enhanced && <WizardProgress step={wizard.step} />}
      <FormMessage id={wizard.messageId} message={wizard.formError} fieldErrors={wizard.errorLinks} onFieldLink={wizard.showField} />
      <SiteStep wizard={wizard} />
      <ActivityStep wizard={wizard} sectors={sectors} />
      <VisitStep wizard={wizard} />
      <ContactsStep wizard={wizard} userEmail={userEmail} />
    </form>
  );
}
