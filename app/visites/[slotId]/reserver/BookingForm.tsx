"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Field, inputClass, Select } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { Honeypot } from "@/components/form/Honeypot";
import { ProofOfWork } from "@/components/form/ProofOfWork";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { CLASS_LEVELS, ORGANISATION_TYPES } from "@/lib/booking/schemas";
import type { BookFormState } from "./actions";
import { SeatRefusal } from "./SeatRefusal";
import { TransportFields } from "./TransportFields";

interface Props {
  /** The booking server action: a visit's (./actions) or a circuit's (app/circuits). */
  action: (state: BookFormState, formData: FormData) => Promise<BookFormState>;
  /** What is booked, as the hidden field the input schema reads: `slotId`, `circuitId`, or `drawId` (wishes). */
  target: { name: "slotId" | "circuitId" | "drawId"; id: string };
  idempotencyKey: string;
  locale: string;
  /** The kinds of booking offered: GROUP is a class, ORGANISATION another organisation's group (a visit's form only). */
  kinds: BookingChoice[];
  signedIn: boolean;
  signInHref: string;
  maxSeats: number;
  /** Seats left now for each kind of booking (some may be held for classes). */
  seatsLeft: { INDIVIDUAL: number; GROUP: number; ORGANISATION?: number };
  studentsPerAdult: number | null;
  retentionDays: number;
  defaultEmail?: string;
  /** What the address is used for, when not the visit's "we send your ticket there". */
  emailHint?: string;
  /** A draw's form: its visits to rank (wish1…wish3, the first required), worded by the page. */
  wishes?: WishChoices;
  /** The button's words, when not "book" or "join the waiting list". */
  submitLabel?: string;
  /** A visit's form in an edition with a transport budget: a class may ask for a coach. */
  transport?: boolean;
}

export type BookingChoice = "INDIVIDUAL" | "GROUP" | "ORGANISATION";

// A form sent back with errors: which choice it was (a class and another group are both kind GROUP).
const choiceOf = (values: Record<string, string> | undefined): BookingChoice | undefined =>
  values?.kind === "GROUP" && (ORGANISATION_TYPES as readonly string[]).includes(values.groupType ?? "") ? "ORGANISATION" : (values?.kind as BookingChoice | undefined);

export interface WishChoices {
  legend: string;
  /** One label per rank. */
  labels: string[];
  choose: string;
  none: string;
  options: { id: string; label: string }[];
}

export function BookingForm(props: Props) {
  const t = useTranslations("booking");
  const tc = useTranslations("common");
  const [state, action] = useFormActionState(props.action, {} as BookFormState);
  const [kind, setKind] = useState<BookingChoice>(choiceOf(state.values) ?? props.kinds[0]);
  const text = useFormText("booking.errors", state, { ratio: props.studentsPerAdult ?? 0, ...state.params });
  const value = (name: string, fallback = "") => state.values?.[name] ?? fallback;
  const isGroup = kind !== "INDIVIDUAL";

  return (
    <form action={action} noValidate className="relative flex flex-col gap-4">
      <Honeypot />
      <input type="hidden" name={props.target.name} value={props.target.id} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <input type="hidden" name="locale" value={props.locale} />
      <FormMessage
        message={state.formError === "replayed" ? t("replayed") : text.formError}
        tone={state.ok ? "success" : "error"}
        fieldErrors={text.fieldLinks()}
        focusKey={state}
      />
      {state.seatRefusal && <SeatRefusal refusal={state.seatRefusal} />}
      {state.formError === "limit.overlap" && (
        <Link href="/reservations/retrouver" className="font-semibold text-brand-700 underline underline-offset-4">
          {t("findMyBookings")}
        </Link>
      )}

      {props.wishes && <WishFields wishes={props.wishes} error={text.field} value={value} />}

      {/* React resets a form after its action: the submitted kind lives in a hidden field, and the
          radios are uncontrolled with a defaultChecked that follows the choice, so a reset keeps it. */}
      <input type="hidden" name="kind" value={isGroup ? "GROUP" : "INDIVIDUAL"} />
      {props.kinds.length > 1 && (
        <fieldset className="flex flex-col gap-2">
          <legend className="font-medium">{t("kind.legend")}</legend>
          {props.kinds.map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="kindChoice" value={k} defaultChecked={kind === k} onChange={() => setKind(k)} className="size-5" />
              {t(`kind.${k}`)}
            </label>
          ))}
        </fieldset>
      )}

      {isGroup && !props.signedIn ? (
        <p className="rounded-md bg-amber-50 p-4">
          {kind === "GROUP" ? t("groupSignIn") : t("groupSignInOrganisation")}{" "}
          <Link href={props.signInHref} className="font-semibold text-brand-700 underline underline-offset-4">
            {kind === "GROUP" ? t("groupSignInLink") : t("groupSignInOrganisationLink")}
          </Link>
        </p>
      ) : (
        <>
          {kind === "ORGANISATION" ? (
            <OrganisationFields error={text.field} value={value} />
          ) : isGroup ? (
            <div className="grid gap-x-4 sm:grid-cols-2">
              <Field id="students" label={t("fields.students")} error={text.field("students")} required>
                {(p) => <input {...p} name="students" type="number" min={1} inputMode="numeric" defaultValue={value("students")} className={inputClass} />}
              </Field>
              <Field
                id="adults"
                label={t("fields.adults")}
                hint={props.studentsPerAdult ? t("fields.ratioHint", { ratio: props.studentsPerAdult }) : undefined}
                error={text.field("adults")}
                required
              >
                {(p) => <input {...p} name="adults" type="number" min={1} inputMode="numeric" defaultValue={value("adults", "2")} className={inputClass} />}
              </Field>
              <Field id="schoolUai" label={t("fields.schoolUai")} hint={t("fields.schoolUaiHint")} error={text.field("schoolUai")} required>
                {(p) => <input {...p} name="schoolUai" autoCapitalize="characters" maxLength={8} defaultValue={value("schoolUai")} className={inputClass} />}
              </Field>
              <Field id="schoolName" label={t("fields.schoolName")} error={text.field("schoolName")} required>
                {(p) => <input {...p} name="schoolName" defaultValue={value("schoolName")} className={inputClass} />}
              </Field>
              <Field id="classLevel" label={t("fields.classLevel")} error={text.field("classLevel")} required>
                {(p) => (
                  <Select {...p} name="classLevel" defaultValue={value("classLevel", "4e")} className={inputClass}>
                    {/* A required list starts with an empty choice (HTML's placeholder option); a value is preselected. */}
                    <option value="" disabled>
                      {t("fields.choose")}
                    </option>
                    {CLASS_LEVELS.map((level) => (
                      <option key={level}>{level}</option>
                    ))}
                  </Select>
                )}
              </Field>
              {props.transport && (
                <div className="sm:col-span-2">
                  <TransportFields error={text.field} value={value} />
                </div>
              )}
            </div>
          ) : (
            <div className="grid gap-x-4 sm:grid-cols-2">
              <Field id="seats" label={t("fields.seats")} hint={t("fields.seatsHint", { max: props.maxSeats })} error={text.field("seats")} required>
                {(p) => (
                  <Select {...p} name="seats" defaultValue={value("seats", "1")} className={inputClass}>
                    <option value="" disabled>
                      {t("fields.choose")}
                    </option>
                    {Array.from({ length: props.maxSeats }, (_, i) => i + 1).map((n) => (
                      <option key={n}>{n}</option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field id="minors" label={t("fields.minors")} hint={t("fields.minorsHint")} error={text.field("minors")}>
                {(p) => (
                  <Select {...p} name="minors" defaultValue={value("minors", "0")} className={inputClass}>
                    {Array.from({ length: props.maxSeats }, (_, i) => i).map((n) => (
                      <option key={n}>{n}</option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
          )}

          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field id="contactName" label={t("fields.contactName")} error={text.field("contactName")} required>
              {(p) => <input {...p} name="contactName" autoComplete="name" defaultValue={value("contactName")} className={inputClass} />}
            </Field>
            <Field id="email" label={t("fields.email")} hint={props.emailHint ?? t("fields.emailHint")} error={text.field("email")} required>
              {(p) => (
                <input {...p} name="email" type="email" autoComplete="email" inputMode="email" defaultValue={value("email", props.defaultEmail)} className={inputClass} />
              )}
            </Field>
            <Field id="phone" label={isGroup ? t("fields.phoneGroup") : t("fields.phone")} error={text.field("phone")} required={isGroup}>
              {(p) => <input {...p} name="phone" type="tel" autoComplete="tel" inputMode="tel" defaultValue={value("phone")} className={inputClass} />}
            </Field>
          </div>
          {!isGroup && (
            <Field id="participantNames" label={t("fields.participantNames")} error={text.field("participantNames")}>
              {(p) => <textarea {...p} name="participantNames" rows={2} defaultValue={value("participantNames")} className={inputClass} />}
            </Field>
          )}

          <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">{t("fields.privacy", { days: props.retentionDays })}</p>
          <div className="flex flex-col gap-1">
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                id="consent"
                name="consent"
                defaultChecked={value("consent") === "on"}
                aria-invalid={text.field("consent") ? true : undefined}
                aria-describedby="consent-error"
                className="mt-1 size-5 shrink-0"
              />
              <span>{t("fields.consent")}</span>
            </label>
            <p id="consent-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
              {text.field("consent")}
            </p>
          </div>
          <ProofOfWork />
          <SubmitButton pendingLabel={tc("pending")} className="self-start">
            {props.submitLabel ?? ((props.seatsLeft[kind] ?? 0) > 0 ? t("submit") : t("submitWaitlist"))}
          </SubmitButton>
        </>
      )}
    </form>
  );
}

// Another organisation's group (docs/decisions/0017-groups-beyond-schools.md): its kind, its counts
// (named as a class's: `students` are its participants, `adults` its staff), name and SIRET or RNA.
function OrganisationFields({ error, value }: { error: (name: string) => string | undefined; value: (name: string, fallback?: string) => string }) {
  const t = useTranslations("booking.fields");
  return (
    <div className="grid gap-x-4 sm:grid-cols-2">
      <Field id="groupType" label={t("groupType")} error={error("groupType")} required>
        {(p) => (
          <Select {...p} name="groupType" defaultValue={value("groupType", "")} className={inputClass}>
            <option value="" disabled>
              {t("choose")}
            </option>
            {ORGANISATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`groupTypes.${type}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="organisationName" label={t("organisationName")} hint={t("organisationNameHint")} error={error("organisationName")} required>
        {(p) => <input {...p} name="organisationName" autoComplete="organization" defaultValue={value("organisationName")} className={inputClass} />}
      </Field>
      <Field id="students" label={t("participants")} hint={t("participantsHint")} error={error("students")} required>
        {(p) => <input {...p} name="students" type="number" min={1} inputMode="numeric" defaultValue={value("students")} className={inputClass} />}
      </Field>
      <Field id="adults" label={t("staff")} hint={t("staffHint")} error={error("adults")} required>
        {(p) => <input {...p} name="adults" type="number" min={1} inputMode="numeric" defaultValue={value("adults", "1")} className={inputClass} />}
      </Field>
      <Field id="siret" label={t("siret")} hint={t("siretHint")} error={error("siret")}>
        {(p) => <input {...p} name="siret" inputMode="numeric" maxLength={20} defaultValue={value("siret")} className={inputClass} />}
      </Field>
      <Field id="rna" label={t("rna")} hint={t("rnaHint")} error={error("rna")}>
        {(p) => <input {...p} name="rna" autoCapitalize="characters" maxLength={12} defaultValue={value("rna")} className={inputClass} />}
      </Field>
    </div>
  );
}

// The ranked wishes of a draw: three lists of its visits, the first required.
export function WishFields({ wishes, error, value }: { wishes: WishChoices; error: (name: string) => string | undefined; value: (name: string, fallback?: string) => string }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="font-medium">{wishes.legend}</legend>
      {wishes.labels.map((label, index) => {
        const name = `wish${index + 1}`;
        return (
          <Field key={name} id={name} label={label} error={error(name)} required={index === 0}>
            {(p) => (
              <Select {...p} name={name} defaultValue={value(name, index === 0 ? (wishes.options[0]?.id ?? "") : "")} className={inputClass}>
                <option value="" disabled={index === 0}>
                  {index === 0 ? wishes.choose : wishes.none}
                </option>
                {wishes.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}
