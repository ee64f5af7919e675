// The field builders every zod input schema uses (lib/*/schemas.ts): trimmed, bounded, with code
// messages ("<field>.required", "<field>.too_long"), never prose; the UI maps codes to French or English.
import { z } from "zod";
import { validateSiret } from "@/lib/reference/siret";
import { isDay, TIME_RE } from "@/lib/paris-time";
import { normaliseUai, validateUai } from "@/lib/reference/uai";

// PostgreSQL text cannot hold a NUL character (a form never means one): it is dropped.
export const withoutNul = (value: string) => value.replace(/\u0000/g, "");

export const text = (field: string, max: number) =>
  z
    .string({ error: `${field}.required` })
    .overwrite(withoutNul)
    .trim()
    .min(1, { error: `${field}.required` })
    .max(max, { error: `${field}.too_long` });

// Forms send "" for an empty optional field: treat it as absent.
export const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field}.invalid` })
    .overwrite(withoutNul)
    .trim()
    .max(max, { error: `${field}.too_long` })
    .optional()
    .transform((value) => value || undefined);

// ───────────────────────────── Days and times (Paris) ─────────────────────────────

/** A day as <input type="date"> sends it (YYYY-MM-DD): `<field>.invalid`. */
export const day = (field: string) => z.string({ error: `${field}.invalid` }).trim().refine(isDay, { error: `${field}.invalid` });

/** A time of day as <input type="time"> sends it (HH:MM): `<field>.required` or `<field>.invalid`. */
export const time = (field: string) => z.string({ error: `${field}.required` }).trim().regex(TIME_RE, { error: `${field}.invalid` });

// ───────────────────────────── Checkboxes ─────────────────────────────

/** A checkbox posts "on" when ticked and nothing otherwise; JSON clients send booleans. */
export const checkbox = (field: string) =>
  z
    .union([z.boolean(), z.string()], { error: `${field}.invalid` })
    .optional()
    .transform((value) => value === true || value === "on" || value === "true");

/** A box that must be ticked (consent, confirmation): anything else is `<field>.required`. */
export const confirmed = (field: string) =>
  z.preprocess((value) => (value === "on" || value === "true" ? true : value), z.literal(true, { error: `${field}.required` }));

// ───────────────────────────── E-mail, phone, identifiers ─────────────────────────────

const EMAIL = z.email();

/** An e-mail address as z.email() accepts it (for lists where blanks are allowed). */
export const isEmailAddress = (value: string) => EMAIL.safeParse(value).success;

/**
 * An e-mail address, trimmed and lower-cased, at most 254 characters. `required`: the code when it
 * is missing (and, unless `blank` says otherwise, when it is blank); `invalid` otherwise.
 */
export const emailAddress = ({ required, invalid, blank = required }: { required: string; invalid: string; blank?: string }) =>
  z
    .string({ error: required })
    .trim()
    .toLowerCase()
    .min(1, { error: blank })
    .max(254, { error: invalid })
    .pipe(z.email({ error: invalid }));

const PHONE = /^\+?[0-9][0-9 .()-]{5,24}$/;

/** A phone number as people type it (spaces, dots, dashes, brackets, a leading +). */
export const phone = (field: string) => z.string({ error: `${field}.required` }).trim().regex(PHONE, { error: `${field}.invalid` });

export const optionalPhone = (field: string) => optionalText(field, 30).pipe(phone(field).optional());

export const POSTAL_CODE = /^\d{5}$/;

export const postalCode = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .regex(POSTAL_CODE, { error: `${field}.format` });

/** A SIRET (14 digits, Luhn-checked; spaces allowed), normalised: `<field>.format` or `<field>.checksum`. */
export const siret = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .transform((value, ctx) => {
      const result = validateSiret(value);
      if (result.ok) return result.siret;
      ctx.addIssue({ code: "custom", message: result.reason === "FORMAT" ? `${field}.format` : `${field}.checksum` });
      return z.NEVER;
    });

/** A school's UAI (7 digits + check letter), normalised; one code for any error. */
export const uai = (error: string) =>
  z
    .string({ error })
    .transform(normaliseUai)
    .refine((value) => validateUai(value).ok, { error });

// ───────────────────────────── Numbers from forms ─────────────────────────────

/**
 * A whole number typed in a form (spaces allowed) or sent as a number by JSON clients: "12" or 12
 * → 12; "" or absent → `<field>.required`; "abc", 1.5 → `<field>.invalid`; out of range →
 * `<field>.too_small` / `<field>.too_large`.
 */
const toNumber = (value: number | string | undefined) => {
  if (typeof value !== "string") return value;
  const trimmed = value.replace(/\s/g, "");
  return trimmed === "" ? undefined : Number(trimmed);
};
const integer = (field: string, min: number, max: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? `${field}.required` : `${field}.invalid`) })
    .int({ error: `${field}.invalid` })
    .min(min, { error: `${field}.too_small` })
    .max(max, { error: `${field}.too_large` });
const numberLike = (field: string) => z.union([z.number(), z.string()], { error: `${field}.invalid` });

export const wholeNumber = (field: string, min: number, max: number) => numberLike(field).optional().transform(toNumber).pipe(integer(field, min, max));

export const optionalWholeNumber = (field: string, min: number, max: number) =>
  numberLike(field).optional().transform(toNumber).pipe(integer(field, min, max).optional());

/** A count of seats, people or minutes: `<field>.invalid`, `<field>.too_few`, `<field>.too_many`. */
export const count = (field: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${field}.invalid` })
    .int({ error: `${field}.invalid` })
    .min(min, { error: `${field}.too_few` })
    .max(max, { error: `${field}.too_many` });

// Forms send "" for an empty optional field: treat it as absent.
export const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const optionalCount = (field: string, min: number, max: number) => z.preprocess(blankToUndefined, count(field, min, max).optional());
