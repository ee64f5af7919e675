// One zod schema per factory input, shared by the registration form (each step validated in the
// browser with a .pick() of it), the server action and registerFactory (which parses again: it is the
// last gate). Messages are codes ("siret.checksum"), never prose: the UI maps them to French or
// English (lib/i18n/messages/*/registration.json, key "errors.<code>").
//
// FormData can be parsed as is: numbers are coerced, checkboxes accept "on", empty optional fields
// mean "absent", colleague e-mails come as a list (empty entries ignored, positions kept so errors
// land on the right input).
//
// The postal code is only checked for its format here: resolving it needs the communes file (8 MB),
// which must not reach the browser. registerFactory resolves it on the server and reports
// "postalCode.unknown", "communeCode.required" or "communeCode.invalid" on the same fields.
import { z } from "zod";
import { visitConditionFields } from "@/lib/booking/visit-conditions";
import { isIndustrialSector } from "@/lib/reference/naf";
import { checkbox, isEmailAddress, optionalText, optionalWholeNumber, postalCode, siret, text, wholeNumber } from "@/lib/schema-fields";

export const MAX_INVITES = 5;
export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 2000;
export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

// INSEE commune code (Corsica: 2A/2B); only needed when several communes share the postal code.
const communeCode = z
  .string({ error: "communeCode.invalid" })
  .trim()
  .toUpperCase()
  .optional()
  .transform((value) => value || undefined)
  .pipe(z.string().regex(/^(\d{2}|2A|2B)\d{3}$/, { error: "communeCode.invalid" }).optional());

const sectorCode = z
  .string({ error: "sectorCode.required" })
  .trim()
  .min(1, { error: "sectorCode.required" })
  .refine(isIndustrialSector, { error: "sectorCode.not_industrial" });

const invites = z
  .union([z.string(), z.array(z.string())], { error: "invites.invalid" })
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(
    z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .max(254, { error: "invites.invalid" })
          .refine((email) => email === "" || isEmailAddress(email), { error: "invites.invalid" }),
      )
      .refine((list) => list.filter(Boolean).length <= MAX_INVITES, { error: "invites.too_many" }),
  )
  // Blank entries dropped, duplicates merged.
  .transform((list) => [...new Set(list.filter(Boolean))]);

export const factoryRegistrationInput = z.object({
  // Step 1 — the site
  siret: siret("siret"),
  companyName: text("companyName", 200),
  siteName: text("siteName", 200),
  address: text("address", 300),
  postalCode: postalCode("postalCode"),
  communeCode,
  // Step 2 — activity
  sectorCode,
  headcount: wholeNumber("headcount", 0, 1_000_000),
  // Step 3 — the visit
  description: z
    .string({ error: "description.required" })
    .trim()
    .min(1, { error: "description.required" })
    .min(DESCRIPTION_MIN, { error: "description.too_short" })
    .max(DESCRIPTION_MAX, { error: "description.too_long" }),
  minAge: optionalWholeNumber("minAge", 0, 99),
  closedShoesRequired: checkbox("closedShoesRequired"),
  idRequired: checkbox("idRequired"),
  pacemakerWarning: checkbox("pacemakerWarning"),
  otherConditions: optionalText("otherConditions", 500),
  wheelchairAccessible: checkbox("wheelchairAccessible"),
  accessibilityNotes: optionalText("accessibilityNotes", 500),
  studentsPerAdult: optionalWholeNumber("studentsPerAdult", 1, 30),
  // Step 4 — contacts
  invites,
}, { error: "registration.invalid" });

export type FactoryRegistrationInput = z.input<typeof factoryRegistrationInput>;
export type ParsedFactoryRegistration = z.output<typeof factoryRegistrationInput>;

// The steps of the registration form, each validated with its part of the one schema.
export const REGISTRATION_STEPS = ["site", "activity", "visit", "contacts"] as const;
export type RegistrationStep = (typeof REGISTRATION_STEPS)[number];

export const registrationStepSchemas = {
  site: factoryRegistrationInput.pick({ siret: true, companyName: true, siteName: true, address: true, postalCode: true, communeCode: true }),
  activity: factoryRegistrationInput.pick({ sectorCode: true, headcount: true }),
  visit: factoryRegistrationInput.pick({ description: true, ...visitConditionFields, studentsPerAdult: true }),
  contacts: factoryRegistrationInput.pick({ invites: true }),
} satisfies Record<RegistrationStep, z.ZodType>;

// ───────────────────────────── After registration ─────────────────────────────

const factoryId = text("factoryId", 40);
const photoId = text("photoId", 40);
export const PHOTO_ALT_MAX = 200;

/**
 * What a factory edits on its profile: the visit step of the same schema (same rules, same messages).
 * The site's identity (SIRET, company and site names, address) and its activity (sector, headcount)
 * stay as registered: region, sector and size band placed the site in the representativity quotas
 * the organisers approved it against; changing them goes through the organisers.
 */
export const factoryProfileInput = registrationStepSchemas.visit.extend({ factoryId });
export type FactoryProfileInput = z.input<typeof factoryProfileInput>;
export type ParsedFactoryProfile = z.output<typeof factoryProfileInput>;

// A photo's text alternative, read aloud in its place: required for every photo added after registration.
const alt = text("alt", PHOTO_ALT_MAX);
export const addPhotoInput = z.object({ factoryId, alt });
export const photoAltInput = z.object({ factoryId, photoId, alt });
export const removePhotoInput = z.object({ factoryId, photoId });
export type AddPhotoInput = z.input<typeof addPhotoInput>;
export type PhotoAltInput = z.input<typeof photoAltInput>;
export type RemovePhotoInput = z.input<typeof removePhotoInput>;

/** The step a field belongs to ("invites.2" → "contacts"; photos are on the visit step). */
export function stepOfField(field: string): RegistrationStep | undefined {
  const name = field.split(".")[0];
  if (name === "photos") return "visit";
  return REGISTRATION_STEPS.find((step) => name in registrationStepSchemas[step].shape);
}

/**
 * What can be checked about photos without reading them (count, declared type, size): used by the
 * form before upload and by the server before it reads the bytes (lib/factory/photos.ts then checks
 * the magic bytes). Returns the error code, or null.
 */
export function checkPhotoList(files: readonly { size: number; type: string }[]): string | null {
  const chosen = files.filter((f) => f.size > 0);
  if (chosen.length > MAX_PHOTOS) return "photos.too_many";
  if (chosen.some((f) => f.size > MAX_PHOTO_BYTES)) return "photos.too_large";
  if (chosen.some((f) => f.type !== "" && !(PHOTO_TYPES as readonly string[]).includes(f.type))) return "photos.type";
  return null;
}

/** First code per field, keyed by its dotted path ("siret", "invites.2"), as registerFactory reports them. */
export function registrationFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.map(String).join(".") || "_form"] ??= issue.message;
  return out;
}

// Re-registering a site from its record of an earlier edition (lib/factory/reregister.ts).
export const reregisterInput = z.object({ previousFactoryId: factoryId, copySlots: checkbox("copySlots") });
export type ReregisterFormInput = z.input<typeof reregisterInput>;
