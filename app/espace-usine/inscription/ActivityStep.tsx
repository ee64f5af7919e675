"use client";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, InputField, inputClass, PlainField } from "@/components/form/Field";
import { apeDivision, isIndustrialSector, sectorMatches } from "@/lib/reference/naf";
import { SIZE_BAND_LABELS } from "@/lib/reference/size-band";
import { fieldId, headcountBand, type RegistrationWizard, type SectorGroup } from "./useRegistrationWizard";
import { WizardStep } from "./WizardStep";

// Step 2: the activity. The sector list can be narrowed by a search; the headcount shows its size band.
export function ActivityStep({ wizard, sectors }: { wizard: RegistrationWizard; sectors: SectorGroup[] }) {
  const t = useTranslations("registration");
  const lang = useLocale() === "en" ? "en" : "fr";
  const { value, errorOf } = wizard;
  const [sectorCode, setSectorCode] = useState(value("sectorCode"));
  const [sectorFilter, setSectorFilter] = useState("");
  const [headcount, setHeadcount] = useState(value("headcount"));

  const band = headcountBand(headcount);
  const searching = sectorFilter.trim() !== "";
  const visibleSectors = sectors
    .map((group) => ({ ...group, options: group.options.filter((o) => o.code === sectorCode || sectorMatches(sectorFilter, o)) }))
    .filter((group) => group.options.length > 0);
  const matches = searching ? sectors.flatMap((g) => g.options).filter((o) => sectorMatches(sectorFilter, o)).length : 0;

  // An APE code names one division: choose it when nothing is chosen yet.
  function onSearch(query: string) {
    setSectorFilter(query);
    const division = apeDivision(query);
    if (division && !sectorCode && isIndustrialSector(division)) setSectorCode(division);
  }

  return (
    <WizardStep name="activity" wizard={wizard}>
      <PlainField id="reg-sector-filter" label={t("sector.filter")} hint={t("sector.filterHint")}>
        {(p) => (
          <>
            <input
              {...p}
              type="search"
              value={sectorFilter}
              onChange={(e) => onSearch(e.target.value)}
              aria-describedby={`${p["aria-describedby"]} reg-sector-filter-count`}
              aria-controls={fieldId("sectorCode")}
              autoComplete="off"
              className={inputClass}
            />
            <p id="reg-sector-filter-count" aria-live="polite" className="text-sm text-slate-600">
              {searching ? (matches ? t("sector.matches", { count: matches }) : t("sector.noMatch")) : null}
            </p>
          </>
        )}
      </PlainField>
      <Field id={fieldId("sectorCode")} label={t("fields.sectorCode")} hint={t("fields.sectorHint")} error={errorOf("sectorCode")} required>
        {(p) => (
          <select {...p} name="sectorCode" value={sectorCode} onChange={(e) => setSectorCode(e.target.value)} className={inputClass}>
            <option value="">{t("sector.choose")}</option>
            {visibleSectors.map((group) => (
              <optgroup key={group.section} label={group.label}>
                {group.options.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.code} – {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <InputField
        {...wizard.fieldProps("headcount")}
        label={t("fields.headcount")}
        hint={t("fields.headcountHint")}
        required
        inputMode="numeric"
        pattern="[0-9 ]*"
        autoComplete="off"
        onChange={(e) => setHeadcount(e.target.value)}
        className={`${inputClass} sm:max-w-48`}
      />
      <p aria-live="polite" className="min-h-6 text-slate-800">
        {band ? t("sizeBand", { band, label: SIZE_BAND_LABELS[band][lang] }) : null}
      </p>
    </WizardStep>
  );
}
