"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Field, inputClass, Select } from "@/components/form/Field";
import { lookupPostalCode } from "@/app/espace-usine/inscription/actions";
import type { CommuneOption } from "@/app/espace-usine/inscription/form-data";

// A class's coach request (docs/decisions/0020-school-transport.md), shown when the edition offers
// transport: a box, then the pupils who need the coach and the departure's postal code. The postal
// code is looked up on the server (the communes file stays there, as in the factory registration);
// when several communes share it, the teacher picks one.
export function TransportFields({ error, value }: { error: (name: string) => string | undefined; value: (name: string, fallback?: string) => string }) {
  const t = useTranslations("booking.transport");
  const [asked, setAsked] = useState(value("transport") === "on");
  const [communes, setCommunes] = useState<CommuneOption[]>([]);
  const latest = useRef("");

  const lookUp = useCallback(async (raw: string) => {
    const postalCode = raw.trim();
    latest.current = postalCode;
    const result = /^\d{5}$/.test(postalCode) ? await lookupPostalCode(postalCode).catch(() => null) : null;
    // Typed on meanwhile: a later lookup answers.
    if (latest.current === postalCode) setCommunes(result?.ok ? result.communes : []);
  }, []);

  // A form sent back with errors keeps its postal code: its communes are looked up again.
  const initialPostalCode = value("departurePostalCode");
  useEffect(() => {
    if (initialPostalCode) void lookUp(initialPostalCode);
  }, [initialPostalCode, lookUp]);

  return (
    <fieldset className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 font-medium">{t("legend")}</legend>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          id="transport"
          name="transport"
          defaultChecked={asked}
          onChange={(event) => setAsked(event.target.checked)}
          aria-describedby="transport-hint transport-error"
          aria-invalid={error("transport") ? true : undefined}
          className="mt-1 size-5 shrink-0"
        />
        <span>{t("ask")}</span>
      </label>
      <p id="transport-hint" className="text-sm text-slate-700">
        {t("hint")}
      </p>
      <p id="transport-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
        {error("transport")}
      </p>
      {asked && (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field id="transportPupils" label={t("pupils")} hint={t("pupilsHint")} error={error("transportPupils")} required>
            {(p) => <input {...p} name="transportPupils" type="number" min={1} inputMode="numeric" defaultValue={value("transportPupils")} className={inputClass} />}
          </Field>
          <Field id="departurePostalCode" label={t("postalCode")} hint={t("postalCodeHint")} error={error("departurePostalCode")} required>
            {(p) => (
              <input
                {...p}
                name="departurePostalCode"
                inputMode="numeric"
                autoComplete="postal-code"
                maxLength={5}
                defaultValue={initialPostalCode}
                onChange={(event) => void lookUp(event.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          {communes.length > 1 ? (
            <Field id="departureCommuneCode" label={t("commune")} error={error("departureCommuneCode")} required>
              {(p) => (
                <Select {...p} name="departureCommuneCode" defaultValue={value("departureCommuneCode")} className={inputClass}>
                  <option value="" disabled>
                    {t("chooseCommune")}
                  </option>
                  {communes.map((commune) => (
                    <option key={commune.code} value={commune.code}>
                      {commune.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : (
            <p aria-live="polite" className="text-sm text-slate-800 sm:col-span-2">
              {communes.length === 1 && t("departureFrom", { commune: communes[0].name, department: communes[0].departmentName })}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
