"use client";
import { useTranslations } from "next-intl";
import { InputField, SelectField } from "@/components/form/Field";
import { FactList } from "@/components/ui/FactList";
import { fieldId, type RegistrationWizard } from "./useRegistrationWizard";
import { WizardStep } from "./WizardStep";

// Step 1: the site. Commune, department and region follow from the postal code.
export function SiteStep({ wizard }: { wizard: RegistrationWizard }) {
  const t = useTranslations("registration");
  const { errorOf, fieldProps } = wizard;
  const { communes, chosenCommune, communeCode, setCommuneCode, looking, hasCommuneError, onPostalCodeChange } = wizard.place;
  return (
    <WizardStep name="site" wizard={wizard}>
      <InputField {...fieldProps("siret")} label={t("fields.siret")} hint={t("fields.siretHint")} required inputMode="numeric" autoComplete="off" maxLength={20} />
      <InputField {...fieldProps("companyName")} label={t("fields.companyName")} required autoComplete="organization" maxLength={200} />
      <InputField {...fieldProps("siteName")} label={t("fields.siteName")} hint={t("fields.siteNameHint")} required maxLength={200} />
      <InputField {...fieldProps("address")} label={t("fields.address")} required autoComplete="address-line1" maxLength={300} />
      <div className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
        <InputField
          {...fieldProps("postalCode")}
          label={t("fields.postalCode")}
          required
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={5}
          onChange={(e) => onPostalCodeChange(e.target.value)}
        />
        {communes.length > 1 ? (
          <SelectField
            id={fieldId("communeCode")}
            name="communeCode"
            label={t("fields.communeCode")}
            hint={t("place.several")}
            error={errorOf("communeCode")}
            required
            value={communeCode}
            onChange={(e) => setCommuneCode(e.target.value)}
            emptyLabel={t("place.chooseCommune")}
            options={communes.map((c) => ({ value: c.code, label: c.name }))}
          />
        ) : (
          hasCommuneError && (
            <p id={fieldId("communeCode")} tabIndex={-1} className="text-sm font-medium text-red-700">
              {errorOf("communeCode")}
            </p>
          )
        )}
      </div>
      <div aria-live="polite" className="min-h-6 text-slate-800">
        {looking ? (
          <p>{t("place.looking")}</p>
        ) : chosenCommune ? (
          <FactList
            className="grid grid-cols-[auto_1fr] gap-x-3 rounded-md bg-brand-50 p-3"
            termClassName="text-slate-700"
            valueClassName="font-semibold"
            facts={[
              [t("place.commune"), chosenCommune.name],
              [t("place.department"), `${chosenCommune.departmentName} (${chosenCommune.departmentCode})`],
              [t("place.region"), chosenCommune.regionName],
            ]}
          />
        ) : null}
      </div>
    </WizardStep>
  );
}
