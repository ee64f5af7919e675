"use client";
// The state of the registration wizard: the current step, the errors shown, where the focus goes, the
// postal code → communes lookup, and the validation of each step with its part of the shared schema
// (lib/factory/schemas) before moving on. Everything is sent once at the end to the server action,
// which validates it all again.
import { startTransition, useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import {
  checkPhotoList,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  MAX_INVITES,
  MAX_PHOTOS,
  REGISTRATION_STEPS,
  registrationFieldErrors,
  registrationStepSchemas,
  stepOfField,
  type RegistrationStep,
} from "@/lib/factory/schemas";
import type { ConditionFlag } from "@/lib/booking/visit-conditions";
import { sizeBandFromHeadcount, type SizeBand } from "@/lib/reference/size-band";
import { lookupPostalCode, registerFactoryAction } from "./actions";
import { registrationFromFormData, type CommuneOption, type PostalLookup, type RegistrationFormState } from "./form-data";

export interface SectorGroup {
  section: string;
  label: string;
  options: { code: string; label: string }[];
}

export type Summary = Record<"site" | "activity" | "visit", [string, string][]>;

// next.config.ts sets serverActions.bodySizeLimit to 12 MB: a bigger upload would fail as a whole.
const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;
export const LAST_STEP = REGISTRATION_STEPS.length - 1;

const noSubscription = () => () => {};
// false while the server renders and during hydration, true once JavaScript runs.
const useEnhanced = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

export const fieldId = (name: string) => `reg-${name.replace(/\./g, "-")}`;
export const stepTitleId = (name: RegistrationStep) => `step-${name}-title`;
const MESSAGE_ID = "registration-message";

export function headcountBand(value: string): SizeBand | null {
  const n = Number(value.replace(/\s/g, ""));
  return value.trim() !== "" && Number.isSafeInteger(n) && n >= 0 ? sizeBandFromHeadcount(n) : null;
}

/** The error code of a photo selection, or null: the schema's rules plus the request size limit. */
export function photoListError(files: File[]): string | null {
  return checkPhotoList(files) ?? (files.reduce((sum, f) => sum + f.size, 0) > MAX_UPLOAD_BYTES ? "photos.total_too_large" : null);
}

interface Place {
  postalCode: string;
  communes: CommuneOption[];
}

/**
 * The yes/no visit conditions in the words visitors will read (`booking.conditions`, given by the
 * page so that the form does not load the booking messages).
 */
export type ConditionLabels = Record<ConditionFlag, string>;

export function useRegistrationWizard(sectors: SectorGroup[], conditionLabels: ConditionLabels) {
  const t = useTranslations("registration");
  const [state, formAction] = useFormActionState(registerFactoryAction, {} as RegistrationFormState);
  const formText = useFormText("registration.errors", state, { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX, maxInvites: MAX_INVITES, maxPhotos: MAX_PHOTOS });
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
    setFocus({ id: MESSAGE_ID });
  }

  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus();
  }, [focus]);

  const focusOn = (id: string) => setFocus({ id });
  const errorOf = (name: string) => formText.message(errors[name]);
  // The error summary (components/form/FormMessage): every error shown, each linking to its field;
  // following a link first shows the field's step.
  const errorLinks = Object.entries(errors).map(([name, code]) => ({ id: fieldId(name), message: formText.message(code) ?? "" }));
  function showField(id: string) {
    const name = Object.keys(errors).find((key) => fieldId(key) === id);
    const target = name ? stepOfField(name) : undefined;
    if (target) setStep(REGISTRATION_STEPS.indexOf(target));
    focusOn(id);
  }
  /** What a field of the form needs: its id, name, error and the value sent back by the server. */
  const fieldProps = (name: string) => ({ id: fieldId(name), name, error: errorOf(name), defaultValue: value(name) });
  /** Replaces the errors of the named fields (a null code clears one). */
  const setFieldErrors = (codes: Record<string, string | null>) =>
    setErrors((prev) => {
      const next = { ...prev };
      for (const [name, code] of Object.entries(codes)) {
        if (code) next[name] = code;
        else delete next[name];
      }
      return next;
    });

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
    setFieldErrors({ postalCode: result.ok ? null : result.code, communeCode: null });
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
      const code = photoListError(formData.getAll("photos").filter((f): f is File => typeof f !== "string"));
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
    focusOn(stepTitleId(REGISTRATION_STEPS[index]));
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
    if (Object.keys(found).length > 0) {
      focusOn(MESSAGE_ID);
      return;
    }
    if (step + 1 === LAST_STEP) setSummary(summarise(formData));
    goTo(step + 1);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault(); // sent below, without React's automatic form reset (the files would be lost)
    if (step < LAST_STEP) {
      void next(); // Enter in a field: same as "Continue"
      return;
    }
    const formData = new FormData(event.currentTarget);
    for (let index = 0; index < REGISTRATION_STEPS.length; index++) {
      const found = stepErrors(index, formData);
      if (Object.keys(found).length) {
        showStepErrors(index, found);
        setStep(index);
        focusOn(MESSAGE_ID);
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
      ...Object.entries(conditionLabels).map(([flag, label]) => (yes(flag) ? label : null)),
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

  // The <form>'s own props apart: the steps get the wizard, never the form's ref.
  const wizard = {
    state,
    enhanced,
    messageId: MESSAGE_ID,
    formError: formText.formError,
    errorLinks,
    showField,
    value,
    errorOf,
    fieldProps,
    setFieldErrors,
    focusOn,
    step,
    goTo,
    next,
    summary,
    conditionLabels,
    place: { communes, chosenCommune, communeCode, setCommuneCode, looking, hasCommuneError: Boolean(errors.communeCode), onPostalCodeChange },
  };
  return { formRef, formAction, onSubmit, wizard };
}

export type RegistrationWizard = ReturnType<typeof useRegistrationWizard>["wizard"];
