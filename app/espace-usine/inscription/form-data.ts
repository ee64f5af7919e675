// The registration form's FormData ⇄ the input of lib/factory/schemas (used by the form, to validate
// each step in the browser, and by the server action). Pure: safe in client components.
import type { FactoryRegistrationInput } from "@/lib/factory/schemas";
import type { FormState } from "@/lib/action-state";

const TEXT_FIELDS = [
  "siret",
  "companyName",
  "siteName",
  "address",
  "postalCode",
  "communeCode",
  "sectorCode",
  "headcount",
  "description",
  "minAge",
  "otherConditions",
  "accessibilityNotes",
  "studentsPerAdult",
] as const;
const CHECKBOXES = ["closedShoesRequired", "idRequired", "pacemakerWarning", "wheelchairAccessible"] as const;

export function registrationFromFormData(formData: FormData): FactoryRegistrationInput {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const input: Record<string, unknown> = {};
  for (const name of TEXT_FIELDS) input[name] = text(name);
  for (const name of CHECKBOXES) input[name] = formData.get(name) === "on";
  // One input per colleague, blanks included: error paths ("invites.2") then match the inputs.
  input.invites = formData.getAll("invites").map((v) => (typeof v === "string" ? v : ""));
  return input as FactoryRegistrationInput;
}

/** The files of the photo input (browsers send one empty file when none is chosen). */
export function photosFromFormData(formData: FormData): File[] {
  return formData.getAll("photos").filter((v): v is File => typeof v !== "string" && v.size > 0);
}

/** What was typed, to put back in the form after a failed submit without JavaScript. */
export function registrationValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of [...TEXT_FIELDS, ...CHECKBOXES]) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  formData.getAll("invites").forEach((v, i) => {
    if (typeof v === "string") values[`invites.${i}`] = v;
  });
  return values;
}

export interface CommuneOption {
  code: string;
  name: string;
  departmentCode: string;
  departmentName: string;
  regionName: string;
}

export type PostalLookup = { ok: true; communes: CommuneOption[] } | { ok: false; code: string };

export interface RegistrationFormState extends FormState {
  /** The communes sharing the postal code, when the server needs the user to pick one. */
  communes?: CommuneOption[];
}
