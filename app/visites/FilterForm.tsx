import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { inputClass } from "@/components/form/Field";
import { getCatalogueFormatters, rememberText } from "@/components/catalogue/formatters";
import { AUDIENCE_FILTERS, MAX_GROUP_SIZE, TIMES_OF_DAY, VISIT_LANGUAGES, type CatalogueFilters, type CatalogueParam } from "@/lib/catalogue/schemas";
import { DEPARTMENTS, REGIONS, departmentsOfRegion } from "@/lib/geo/regions";
import { SECTORS } from "@/lib/reference/naf";
import { JOB_FAMILIES } from "@/lib/reference/rome-families";

const isoDay = (day: Date) => day.toISOString().slice(0, 10);
// Sorted once per process, not on every render (localeCompare(…, "fr") builds a collator per call).
const french = new Intl.Collator("fr");
const REGIONS_BY_NAME = [...REGIONS].sort((a, b) => french.compare(a.name, b.name));

// A labelled control with an optional hint tied to it (aria-describedby). Like components/form/Field
// without the error line: a search form has no invalid input (bad values are simply dropped), and
// the reserved error space would make the form a long scroll on a phone.
function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: (props: { id: string; "aria-describedby"?: string }) => ReactNode;
}) {
  const hintId = hint ? `${id}-aide` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium text-slate-900">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-slate-700">
          {hint}
        </p>
      )}
      {children({ id, "aria-describedby": hintId })}
    </div>
  );
}

/** Every calendar day of the edition (firstDay and lastDay are dates at UTC midnight). */
export function editionDays(firstDay: Date, lastDay: Date): Date[] {
  const days: Date[] = [];
  for (let t = firstDay.getTime(); t <= lastDay.getTime() && days.length < 31; t += 86_400_000) days.push(new Date(t));
  return days;
}

/**
 * The search form: a GET form (next/form navigates client-side when JavaScript runs, and is a plain
 * form otherwise), so every search has a shareable address. The text search and "near me" stay in
 * view; the other criteria fold into a disclosure, open as soon as one of them is in use. The circuits'
 * search (`action` /circuits) shows only the criteria that mean something for a circuit (`only`).
 */
export async function FilterForm({
  filters,
  days,
  action = "/visites",
  only,
}: {
  filters: CatalogueFilters;
  days: Date[];
  action?: string;
  only?: readonly CatalogueParam[];
}) {
  const show = (key: CatalogueParam) => !only || only.includes(key);
  const [t, tJobs, locale, { editionDay }] = await Promise.all([getTranslations("catalogue.filters"), getTranslations("jobs"), getLocale(), getCatalogueFormatters()]);
  const collator = locale === "en" ? new Intl.Collator("en") : french;
  const families = JOB_FAMILIES.map((family) => ({ family, label: tJobs(`families.${family}`) })).sort((a, b) => collator.compare(a.label, b.label));
  const regions = REGIONS_BY_NAME;
  const sectors = SECTORS.map((s) => ({ code: s.code, label: locale === "en" ? s.labelEn : s.label }));
  const departmentOption = (d: { code: string; name: string }) => (
    <option key={d.code} value={d.code}>
      {rememberText(`${locale}|departmentOption|${d.code}`, () => t("departmentOption", { code: d.code, name: d.name }))}
    </option>
  );
  const advanced = [
    filters.region,
    filters.department,
    filters.sector,
    filters.metier,
    filters.day,
    filters.time,
    filters.audience,
    filters.maxMinAge,
    filters.seats,
    filters.language,
    filters.available,
    filters.wheelchair,
  ].filter((value) => value !== undefined).length;

  return (
    <Form action={action} prefetch={false} role="search" aria-labelledby="filtres-titre" className="flex flex-col gap-4 rounded-xl bg-slate-50 p-4">
      <h2 id="filtres-titre" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <Field id="f-q" label={t("q")} hint={t("qHint")}>
        {(props) => <input {...props} type="search" name="q" defaultValue={filters.q} maxLength={100} enterKeyHint="search" className={inputClass} />}
      </Field>
      {show("postalCode") && (
        <Field id="f-postalCode" label={t("postalCode")} hint={t("postalCodeHint")}>
          {(props) => (
            <input
              {...props}
              type="text"
              name="postalCode"
              defaultValue={filters.postalCode}
              inputMode="numeric"
              autoComplete="postal-code"
              pattern="[0-9]{5}"
              maxLength={5}
              className={`${inputClass} max-w-40`}
            />
          )}
        </Field>
      )}

      <details open={advanced > 0} className="group rounded-lg border border-slate-300 bg-white">
        <summary className="flex min-h-11 cursor-pointer items-center px-3 font-semibold text-brand-900">
          {advanced > 0 ? t("moreActive", { count: advanced }) : t("more")}
        </summary>
        <div className="flex flex-col gap-4 border-t border-slate-200 p-3">
          {show("region") && (
            <Field id="f-region" label={t("region")}>
              {(props) => (
                <select {...props} name="region" defaultValue={filters.region ?? ""} className={inputClass}>
                  <option value="">{t("allRegions")}</option>
                  {regions.map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {show("department") && (
            <Field id="f-department" label={t("department")}>
              {(props) => (
                <select {...props} name="department" defaultValue={filters.department ?? ""} className={inputClass}>
                  <option value="">{t("allDepartments")}</option>
                  {filters.region
                    ? departmentsOfRegion(filters.region).map(departmentOption)
                    : regions.map((r) => (
                        <optgroup key={r.code} label={r.name}>
                          {DEPARTMENTS.filter((d) => d.regionCode === r.code).map(departmentOption)}
                        </optgroup>
                      ))}
                </select>
              )}
            </Field>
          )}
          {show("sector") && (
            <Field id="f-sector" label={t("sector")}>
              {(props) => (
                <select {...props} name="sector" defaultValue={filters.sector ?? ""} className={inputClass}>
                  <option value="">{t("allSectors")}</option>
                  {sectors.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {show("metier") && (
            <Field id="f-metier" label={tJobs("filter.label")} hint={tJobs("filter.hint")}>
              {(props) => (
                <select {...props} name="metier" defaultValue={filters.metier ?? ""} className={inputClass}>
                  <option value="">{tJobs("filter.all")}</option>
                  {families.map(({ family, label }) => (
                    <option key={family} value={family}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {show("day") && (
            <Field id="f-day" label={t("day")}>
              {(props) => (
                <select {...props} name="day" defaultValue={filters.day ?? ""} className={inputClass}>
                  <option value="">{t("allDays")}</option>
                  {days.map((day) => (
                    <option key={isoDay(day)} value={isoDay(day)}>
                      {editionDay(day)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {show("time") && (
            <Field id="f-time" label={t("time")}>
              {(props) => (
                <select {...props} name="time" defaultValue={filters.time ?? ""} className={inputClass}>
                  <option value="">{t("allTimes")}</option>
                  {TIMES_OF_DAY.map((time) => (
                    <option key={time} value={time}>
                      {t(time)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {show("audience") && (
            <Field id="f-audience" label={t("audience")}>
              {(props) => (
                <select {...props} name="audience" defaultValue={filters.audience ?? ""} className={inputClass}>
                  <option value="">{t("allAudiences")}</option>
                  {AUDIENCE_FILTERS.map((audience) => (
                    <option key={audience} value={audience}>
                      {t(audience)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {show("maxMinAge") && (
            <Field id="f-age" label={t("age")} hint={t("ageHint")}>
              {(props) => (
                <input
                  {...props}
                  type="number"
                  name="maxMinAge"
                  min={0}
                  max={99}
                  step={1}
                  inputMode="numeric"
                  defaultValue={filters.maxMinAge}
                  className={`${inputClass} max-w-28`}
                />
              )}
            </Field>
          )}
          {show("seats") && (
            <Field id="f-seats" label={t("seats")} hint={t("seatsHint")}>
              {(props) => (
                <input
                  {...props}
                  type="number"
                  name="seats"
                  min={1}
                  max={MAX_GROUP_SIZE}
                  step={1}
                  inputMode="numeric"
                  defaultValue={filters.seats}
                  className={`${inputClass} max-w-28`}
                />
              )}
            </Field>
          )}
          {show("language") && (
            <Field id="f-language" label={t("language")}>
              {(props) => (
                <select {...props} name="language" defaultValue={filters.language ?? ""} className={inputClass}>
                  <option value="">{t("allLanguages")}</option>
                  {VISIT_LANGUAGES.map((language) => (
                    <option key={language} value={language}>
                      {t(language)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-3 font-medium text-slate-900">{t("options")}</legend>
            {(["available", "wheelchair"] as const).filter(show).map((name) => (
              <div key={name} className="flex items-start gap-3">
                <input
                  type="checkbox"
                  id={`f-${name}`}
                  name={name}
                  value="1"
                  defaultChecked={filters[name] === true}
                  className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
                />
                <label htmlFor={`f-${name}`} className="text-slate-900">
                  {t(name)}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
      </details>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          type="submit"
          className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900"
        >
          {t("submit")}
        </button>
        <Link prefetch={false} href="/visites" className="font-medium text-brand-700 underline underline-offset-4">
          {t("reset")}
        </Link>
      </div>
    </Form>
  );
}
