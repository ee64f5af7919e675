"use client";
// The factory registration form: four short steps on one <form>. With JavaScript, one step shows at a
// time, each validated in the browser with its part of the shared schema (lib/factory/schemas) before
// moving on, and everything is sent once at the end to the server action, which validates it all
// again. Without JavaScript, the four steps show one under the other and the server does the checks.
import { startTransition, useActionState, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import {
  checkPhotoList,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  MAX_INVITES,
  MAX_PHOTOS,
  PHOTO_TYPES,
  REGISTRATION_STEPS,
  registrationFieldErrors,
  registrationStepSchemas,
  stepOfField,
  type RegistrationStep,
} from "@/lib/factory/schemas";
import { SIZE_BAND_LABELS, sizeBandFromHeadcount, type SizeBand } from "@/lib/reference/size-band";
import { lookupPostalCode, registerFactoryAction } from "./actions";
import { registrationFromFormData, type CommuneOption, type PostalLookup, type RegistrationFormState } from "./form-data";

export interface SectorGroup {
  section: string;
  label: string;
  options: { code: string; label: string }[];
}

// next.config.ts sets serverActions.bodySizeLimit to 12 MB: a bigger upload would fail as a whole.
const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;
const LAST = REGISTRATION_STEPS.length - 1;

const noSubscription = () => () => {};
// false while the server renders and during hydration, true once JavaScript runs.
const useEnhanced = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

const fieldId = (name: string) => `reg-${name.replace(/\./g, "-")}`;
const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function headcountBand(value: string): SizeBand | null {
  const n = Number(value.replace(/\s/g, ""));
  return value.trim() !== "" && Number.isSafeInteger(n) && n >= 0 ? sizeBandFromHeadcount(n) : null;
}

interface Place {
  postalCode: string;
  communes: CommuneOption[];
}

interface Summary {
  site: [string, string][];
  activity: [string, string][];
  visit: [string, string][];
}

export function RegistrationForm({ sectors, userEmail }: { sectors: SectorGroup[]; userEmail: string }) {
  const t = useTranslations("registration");
  const te = useTranslations("registration.errors");
  const tc = useTranslations("common");
  const lang = useLocale() === "en" ? "en" : "fr";
  const [state, formAction] = useActionState(registerFactoryAction, {} as RegistrationFormState);
  const enhanced = useEnhanced();
  const formRef = useRef<HTMLFormElement>(null);
  const latestPostalCode = useRef("");
  const value = (name: string, fallback = "") => state.values?.[name] ?? fallback;

  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>(state.fieldErrors ?? {});
  const [focus, setFocus] = useState<{ id: string } | null>(null);
  const [place, setPlace] = useState<Place | null>(state.communes ? { postalCode: value("postalCode"), communes: state.communes } : null);
  const [looking, setLooking] = useState(false);
  const [communeCode, setCommuneCode] = useState(value("communeCode"));
  const [sectorCode, setSectorCode] = useState(value("sectorCode"));
  const [sectorFilter, setSectorFilter] = useState("");
  const [headcount, setHeadcount] = useState(value("headcount"));
  const [descriptionLength, setDescriptionLength] = useState(value("description").length);
  const [photoNames, setPhotoNames] = useState<string[]>([]);
  const [inviteCount, setInviteCount] = useState(() =>
    Math.max(1, Object.keys(state.values ?? {}).filter((k) => k.startsWith("invites.") && state.values?.[k]).length),
  );
  const [summary, setSummary] = useState<Summary | null>(null);

  // A new answer from the server: show its errors on the first step that has one.
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    setErrors(state.fieldErrors ?? {});
    if (state.communes) setPlace({ postalCode: value("postalCode"), communes: state.communes });
    const first = Object.keys(state.fieldErrors ?? {})[0];
    const target = first ? stepOfField(first) : undefined;
    if (target) setStep(REGISTRATION_STEPS.indexOf(target));
    setFocus({ id: first && target ? fieldId(first) : "registration-message" });
  }

  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus();
  }, [focus]);

  const message = (code: string | undefined) => {
    if (!code) return undefined;
    if (code === "rate_limited") return tc("errors.rateLimited", { minutes: state.retryAfterMinutes ?? 1 });
    return te.has(code) ? te(code, { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX, maxInvites: MAX_INVITES, maxPhotos: MAX_PHOTOS }) : tc("errors.generic");
  };
  const errorOf = (name: string) => message(errors[name]);

  // ── Postal code → communes (looked up on the server: the communes file stays there) ──
  async function lookUp(postalCode: string): Promise<PostalLookup> {
    latestPostalCode.current = postalCode;
    setLooking(true);
    let result: PostalLookup;
    try {
      result = await lookupPostalCode(postalCode);
    } catch {
      result = { ok: false, code: "generic" };
    }
    if (latestPostalCode.current !== postalCode) return result; // typed on meanwhile
    setLooking(false);
    setErrors((prev) => {
      const rest = { ...prev };
      delete rest.postalCode;
      delete rest.communeCode;
      return result.ok ? rest : { ...rest, postalCode: result.code };
    });
    if (result.ok) {
      setPlace({ postalCode, communes: result.communes });
      setCommuneCode((current) => (result.communes.length === 1 ? result.communes[0].code : result.communes.some((c) => c.code === current) ? current : ""));
    } else {
      setPlace(null);
    }
    return result;
  }

  function onPostalCodeChange(raw: string) {
    const postalCode = raw.trim();
    if (/^\d{5}$/.test(postalCode)) {
      if (postalCode !== place?.postalCode) void lookUp(postalCode);
    } else {
      latestPostalCode.current = postalCode;
      setLooking(false);
      setPlace(null);
      setCommuneCode("");
    }
  }

  const communes = place?.communes ?? [];
  const chosenCommune = communes.length === 1 ? communes[0] : communes.find((c) => c.code === communeCode);

  // ── Steps ──
  function stepErrors(index: number, formData: FormData, lookup?: PostalLookup | null): Record<string, string> {
    const name: RegistrationStep = REGISTRATION_STEPS[index];
    const input = registrationFromFormData(formData);
    const parsed = registrationStepSchemas[name].safeParse(input);
    const found = parsed.success ? {} : registrationFieldErrors(parsed.error);
    if (name === "site" && !found.postalCode) {
      if (lookup && !lookup.ok) found.postalCode = lookup.code;
      else if (lookup && lookup.communes.length > 1 && !input.communeCode) found.communeCode = "communeCode.required";
    }
    if (name === "visit") {
      const files = formData.getAll("photos").filter((f): f is File => typeof f !== "string");
      const code = checkPhotoList(files) ?? (files.reduce((sum, f) => sum + f.size, 0) > MAX_UPLOAD_BYTES ? "photos.total_too_large" : null);
      if (code) found.photos = code;
    }
    return found;
  }

  function showStepErrors(index: number, found: Record<string, string>) {
    const step = REGISTRATION_STEPS[index];
    setErrors((prev) => {
      const kept = Object.fromEntries(Object.entries(prev).filter(([key]) => stepOfField(key) !== step));
      return { ...kept, ...found };
    });
  }

  function goTo(index: number) {
    setStep(index);
    setFocus({ id: `step-${REGISTRATION_STEPS[index]}-title` });
  }

  async function next() {
    const form = formRef.current;
    if (!form) return;
    let lookup: PostalLookup | null = null;
    if (REGISTRATION_STEPS[step] === "site") {
      const postalCode = String(new FormData(form).get("postalCode") ?? "").trim();
      if (/^\d{5}$/.test(postalCode)) {
        lookup = place?.postalCode === postalCode ? { ok: true, communes: place.communes } : await lookUp(postalCode);
      }
    }
    const formData = new FormData(form);
    const found = stepErrors(step, formData, lookup);
    showStepErrors(step, found);
    const first = Object.keys(found)[0];
    if (first) {
      setFocus({ id: fieldId(first) });
      return;
    }
    if (step + 1 === LAST) setSummary(summarise(formData));
    goTo(step + 1);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault(); // sent below, without React's automatic form reset (the files would be lost)
    if (step < LAST) {
      void next(); // Enter in a field: same as "Continue"
      return;
    }
    const form = event.currentTarget;
    const formData = new FormData(form);
    for (let index = 0; index < REGISTRATION_STEPS.length; index++) {
      const found = stepErrors(index, formData);
      if (Object.keys(found).length) {
        showStepErrors(index, found);
        setStep(index);
        setFocus({ id: fieldId(Object.keys(found)[0]) });
        return;
      }
    }
    startTransition(() => formAction(formData));
  }

  function summarise(formData: FormData): Summary {
    const input = registrationFromFormData(formData);
    const text = (name: keyof typeof input) => String(input[name] ?? "").trim();
    const sector = sectors.flatMap((g) => g.options).find((o) => o.code === text("sectorCode"));
    const band = headcountBand(text("headcount"));
    const yes = (name: string) => formData.get(name) === "on";
    const conditions = [
      text("minAge") ? t("summary.minAge", { age: text("minAge") }) : null,
      yes("closedShoesRequired") ? t("fields.closedShoesRequired") : null,
      yes("idRequired") ? t("fields.idRequired") : null,
      yes("pacemakerWarning") ? t("fields.pacemakerWarning") : null,
      text("otherConditions") || null,
    ].filter(Boolean);
    const description = text("description");
    const photos = formData.getAll("photos").filter((f) => typeof f !== "string" && f.size > 0).length;
    const where = chosenCommune ? `${chosenCommune.name} (${chosenCommune.departmentName}, ${chosenCommune.regionName})` : "";
    return {
      site: [
        [t("fields.siret"), text("siret")],
        [t("fields.companyName"), text("companyName")],
        [t("fields.siteName"), text("siteName")],
        [t("fields.address"), `${text("address")}, ${text("postalCode")} ${where}`],
      ],
      activity: [
        [t("fields.sectorCode"), sector ? `${sector.code} – ${sector.label}` : ""],
        [t("fields.headcount"), band ? `${text("headcount")} (${band})` : text("headcount")],
      ],
      visit: [
        [t("fields.description"), description.length > 160 ? `${description.slice(0, 160)}…` : description],
        [t("summary.conditions"), conditions.length ? conditions.join(" · ") : t("summary.none")],
        [t("summary.accessibility"), [yes("wheelchairAccessible") ? t("fields.wheelchairAccessible") : t("summary.notWheelchair"), text("accessibilityNotes")].filter(Boolean).join(" · ")],
        [t("summary.studentsPerAdult"), text("studentsPerAdult") ? t("summary.ratio", { ratio: text("studentsPerAdult") }) : t("summary.none")],
        [t("summary.photos"), t("summary.photoCount", { count: photos })],
      ],
    };
  }

  // ── Rendering ──
  const band = headcountBand(headcount);
  const foldedFilter = fold(sectorFilter.trim());
  const visibleSectors = sectors
    .map((group) => ({
      ...group,
      options: group.options.filter((o) => !foldedFilter || o.code === sectorCode || fold(`${o.code} ${o.label}`).includes(foldedFilter)),
    }))
    .filter((group) => group.options.length > 0);
  const matches = foldedFilter ? sectors.flatMap((g) => g.options).filter((o) => fold(`${o.code} ${o.label}`).includes(foldedFilter)).length : 0;

  const section = (name: RegistrationStep, children: ReactNode) => {
    const index = REGISTRATION_STEPS.indexOf(name);
    return (
      <section aria-labelledby={`step-${name}-title`} hidden={enhanced && step !== index} className="flex flex-col gap-4">
        <h2 id={`step-${name}-title`} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
          {enhanced && <span className="sr-only">{t("steps.headingPrefix", { current: index + 1, total: REGISTRATION_STEPS.length })}</span>}
          {t(`steps.${name}`)}
        </h2>
        {children}
      </section>
    );
  };

  const navigation = (
    <div className="mt-2 flex flex-wrap gap-3">
      {step > 0 && (
        <button type="button" onClick={() => goTo(step - 1)} className="min-h-11 rounded-md border border-slate-400 px-5 py-2 font-semibold text-slate-900 hover:bg-slate-50">
          {t("nav.previous")}
        </button>
      )}
      {step < LAST ? (
        <button type="button" onClick={() => void next()} className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900">
          {t("nav.next")}
        </button>
      ) : (
        <SubmitButton pendingLabel={tc("pending")}>{t("nav.submit")}</SubmitButton>
      )}
    </div>
  );

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-col gap-6">
      {enhanced && (
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
      )}

      <div id="registration-message" tabIndex={-1} className="focus:outline-none">
        <FormMessage message={message(state.formError)} />
      </div>

      {section(
        "site",
        <>
          <Field id={fieldId("siret")} label={t("fields.siret")} hint={t("fields.siretHint")} error={errorOf("siret")} required>
            {(p) => <input {...p} name="siret" inputMode="numeric" autoComplete="off" maxLength={20} defaultValue={value("siret")} className={inputClass} />}
          </Field>
          <Field id={fieldId("companyName")} label={t("fields.companyName")} error={errorOf("companyName")} required>
            {(p) => <input {...p} name="companyName" autoComplete="organization" maxLength={200} defaultValue={value("companyName")} className={inputClass} />}
          </Field>
          <Field id={fieldId("siteName")} label={t("fields.siteName")} hint={t("fields.siteNameHint")} error={errorOf("siteName")} required>
            {(p) => <input {...p} name="siteName" maxLength={200} defaultValue={value("siteName")} className={inputClass} />}
          </Field>
          <Field id={fieldId("address")} label={t("fields.address")} error={errorOf("address")} required>
            {(p) => <input {...p} name="address" autoComplete="address-line1" maxLength={300} defaultValue={value("address")} className={inputClass} />}
          </Field>
          <div className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
            <Field id={fieldId("postalCode")} label={t("fields.postalCode")} error={errorOf("postalCode")} required>
              {(p) => (
                <input
                  {...p}
                  name="postalCode"
                  inputMode="numeric"
                  autoComplete="postal-code"
                  maxLength={5}
                  defaultValue={value("postalCode")}
                  onChange={(e) => onPostalCodeChange(e.target.value)}
                  className={inputClass}
                />
              )}
            </Field>
            {communes.length > 1 ? (
              <Field id={fieldId("communeCode")} label={t("fields.communeCode")} hint={t("place.several")} error={errorOf("communeCode")} required>
                {(p) => (
                  <select {...p} name="communeCode" value={communeCode} onChange={(e) => setCommuneCode(e.target.value)} className={inputClass}>
                    <option value="">{t("place.chooseCommune")}</option>
                    {communes.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              errors.communeCode && (
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
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 rounded-md bg-brand-50 p-3">
                <dt className="text-slate-700">{t("place.commune")}</dt>
                <dd className="font-semibold">{chosenCommune.name}</dd>
                <dt className="text-slate-700">{t("place.department")}</dt>
                <dd className="font-semibold">
                  {chosenCommune.departmentName} ({chosenCommune.departmentCode})
                </dd>
                <dt className="text-slate-700">{t("place.region")}</dt>
                <dd className="font-semibold">{chosenCommune.regionName}</dd>
              </dl>
            ) : null}
          </div>
          {enhanced && navigation}
        </>,
      )}

      {section(
        "activity",
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor="reg-sector-filter" className="font-medium text-slate-900">
              {t("sector.filter")}
            </label>
            <p id="reg-sector-filter-hint" className="text-sm text-slate-600">
              {t("sector.filterHint")}
            </p>
            <input
              id="reg-sector-filter"
              type="search"
              value={sectorFilter}
              onChange={(e) => setSectorFilter(e.target.value)}
              aria-describedby="reg-sector-filter-hint reg-sector-filter-count"
              aria-controls={fieldId("sectorCode")}
              autoComplete="off"
              className={inputClass}
            />
            <p id="reg-sector-filter-count" aria-live="polite" className="text-sm text-slate-600">
              {foldedFilter ? (matches ? t("sector.matches", { count: matches }) : t("sector.noMatch")) : null}
            </p>
          </div>
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
          <Field id={fieldId("headcount")} label={t("fields.headcount")} hint={t("fields.headcountHint")} error={errorOf("headcount")} required>
            {(p) => (
              <input
                {...p}
                name="headcount"
                inputMode="numeric"
                pattern="[0-9 ]*"
                autoComplete="off"
                defaultValue={value("headcount")}
                onChange={(e) => setHeadcount(e.target.value)}
                className={`${inputClass} sm:max-w-48`}
              />
            )}
          </Field>
          <p aria-live="polite" className="min-h-6 text-slate-800">
            {band ? t("sizeBand", { band, label: SIZE_BAND_LABELS[band][lang] }) : null}
          </p>
          {enhanced && navigation}
        </>,
      )}

      {section(
        "visit",
        <>
          <Field
            id={fieldId("description")}
            label={t("fields.description")}
            hint={t("fields.descriptionHint", { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX })}
            error={errorOf("description")}
            required
          >
            {(p) => (
              <>
                <textarea
                  {...p}
                  name="description"
                  rows={6}
                  maxLength={DESCRIPTION_MAX}
                  defaultValue={value("description")}
                  onChange={(e) => setDescriptionLength(e.target.value.trim().length)}
                  className={inputClass}
                />
                <p className="text-right text-sm text-slate-600">{t("fields.characters", { count: descriptionLength, max: DESCRIPTION_MAX })}</p>
              </>
            )}
          </Field>

          <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
            <legend className="px-1 font-semibold">{t("fields.conditions")}</legend>
            <Field id={fieldId("minAge")} label={t("fields.minAge")} hint={t("fields.minAgeHint")} error={errorOf("minAge")}>
              {(p) => <input {...p} name="minAge" inputMode="numeric" pattern="[0-9]*" maxLength={2} defaultValue={value("minAge")} className={`${inputClass} sm:max-w-32`} />}
            </Field>
            <Checkbox name="closedShoesRequired" label={t("fields.closedShoesRequired")} defaultChecked={value("closedShoesRequired") === "on"} />
            <Checkbox name="idRequired" label={t("fields.idRequired")} defaultChecked={value("idRequired") === "on"} />
            <Checkbox name="pacemakerWarning" label={t("fields.pacemakerWarning")} defaultChecked={value("pacemakerWarning") === "on"} />
            <Field id={fieldId("otherConditions")} label={t("fields.otherConditions")} error={errorOf("otherConditions")}>
              {(p) => <textarea {...p} name="otherConditions" rows={2} maxLength={500} defaultValue={value("otherConditions")} className={inputClass} />}
            </Field>
          </fieldset>

          <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
            <legend className="px-1 font-semibold">{t("fields.accessibility")}</legend>
            <Checkbox name="wheelchairAccessible" label={t("fields.wheelchairAccessible")} defaultChecked={value("wheelchairAccessible") === "on"} />
            <Field id={fieldId("accessibilityNotes")} label={t("fields.accessibilityNotes")} hint={t("fields.accessibilityNotesHint")} error={errorOf("accessibilityNotes")}>
              {(p) => <textarea {...p} name="accessibilityNotes" rows={2} maxLength={500} defaultValue={value("accessibilityNotes")} className={inputClass} />}
            </Field>
          </fieldset>

          <Field id={fieldId("studentsPerAdult")} label={t("fields.studentsPerAdult")} hint={t("fields.studentsPerAdultHint")} error={errorOf("studentsPerAdult")}>
            {(p) => (
              <input {...p} name="studentsPerAdult" inputMode="numeric" pattern="[0-9]*" maxLength={2} defaultValue={value("studentsPerAdult")} className={`${inputClass} sm:max-w-32`} />
            )}
          </Field>

          <Field id={fieldId("photos")} label={t("fields.photos")} hint={t("fields.photosHint", { max: MAX_PHOTOS })} error={errorOf("photos")}>
            {(p) => (
              <>
                <input
                  {...p}
                  name="photos"
                  type="file"
                  multiple
                  accept={PHOTO_TYPES.join(",")}
                  onChange={(e) => {
                    const files = [...(e.target.files ?? [])];
                    setPhotoNames(files.map((f) => f.name));
                    const code = checkPhotoList(files) ?? (files.reduce((sum, f) => sum + f.size, 0) > MAX_UPLOAD_BYTES ? "photos.total_too_large" : null);
                    setErrors((prev) => {
                      const rest = { ...prev };
                      delete rest.photos;
                      return code ? { ...rest, photos: code } : rest;
                    });
                  }}
                  className="text-base file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-4 file:py-2 file:font-semibold"
                />
                {photoNames.length > 0 && (
                  <ul className="list-disc pl-5 text-sm text-slate-700">
                    {photoNames.map((name, i) => (
                      <li key={`${i}-${name}`}>{name}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </Field>
          {enhanced && navigation}
        </>,
      )}

      {section(
        "contacts",
        <>
          <p className="text-slate-700">{t("contacts.intro", { email: userEmail, max: MAX_INVITES })}</p>
          {Array.from({ length: enhanced ? inviteCount : MAX_INVITES }, (_, i) => (
            <Field key={i} id={fieldId(`invites.${i}`)} label={t("contacts.email", { number: i + 1 })} error={errorOf(`invites.${i}`) ?? (i === 0 ? errorOf("invites") : undefined)}>
              {(p) => <input {...p} name="invites" type="email" inputMode="email" autoComplete="off" maxLength={254} defaultValue={value(`invites.${i}`)} className={inputClass} />}
            </Field>
          ))}
          {enhanced && inviteCount < MAX_INVITES && (
            <button
              type="button"
              onClick={() => {
                setInviteCount(inviteCount + 1);
                setFocus({ id: fieldId(`invites.${inviteCount}`) });
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
                      onClick={() => goTo(REGISTRATION_STEPS.indexOf(name))}
                      aria-label={t("nav.editStep", { step: t(`steps.${name}`) })}
                      className="min-h-11 px-2 text-brand-700 underline underline-offset-4"
                    >
                      {t("nav.edit")}
                    </button>
                  </div>
                  <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[12rem_1fr]">
                    {summary[name].map(([label, text]) => (
                      <div key={label} className="contents">
                        <dt className="text-sm text-slate-700">{label}</dt>
                        <dd className="break-words">{text}</dd>
                      </div>
                    ))}
                  </dl>
                </div>
              ))}
              <p className="text-sm text-slate-700">{t("summary.afterSubmit")}</p>
            </div>
          )}
          {enhanced ? navigation : <SubmitButton pendingLabel={tc("pending")} className="self-start">{t("nav.submit")}</SubmitButton>}
        </>,
      )}
    </form>
  );
}

function Checkbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <label className="flex min-h-11 items-start gap-3">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="mt-1 size-5 shrink-0" />
      <span>{label}</span>
    </label>
  );
}
