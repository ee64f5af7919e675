"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { formAction } from "@/lib/action-state";
import { requireUser } from "@/lib/auth/session";
import { getRegistrationEdition } from "@/lib/catalogue/edition";
import { registerFactory } from "@/lib/factory/register";
import { resolveCommune } from "@/lib/geo/communes";
import type { Commune } from "@/lib/geo/communes";
import {
  photosFromFormData,
  registrationFromFormData,
  registrationValues,
  type CommuneOption,
  type PostalLookup,
  type RegistrationFormState,
} from "./form-data";

const option = (c: Commune): CommuneOption => ({
  code: c.inseeCode,
  name: c.name,
  departmentCode: c.departmentCode,
  departmentName: c.departmentName,
  regionName: c.regionName,
});

// Thin: identity → registerFactory (which validates everything with lib/factory/schemas, resolves the
// postal code, checks the photos' bytes and decides the status) → back to the factory area.
export const registerFactoryAction = formAction(async (_: RegistrationFormState, formData: FormData): Promise<RegistrationFormState> => {
  const values = registrationValues(formData);
  const input = registrationFromFormData(formData);
  try {
    const user = await requireUser();
    const edition = await getRegistrationEdition();
    if (!edition) return { formError: "registration.closed", values };
    await registerFactory(input, { userId: user.id, editionId: edition.id, photos: photosFromFormData(formData) });
  } catch (error) {
    const state: RegistrationFormState = formStateFromError(error, values);
    if (state.fieldErrors?.communeCode && typeof input.postalCode === "string") {
      const resolution = resolveCommune(input.postalCode.trim());
      state.communes = (resolution.ok ? [resolution.commune] : resolution.candidates).map(option);
    }
    return state;
  }
  revalidatePath("/espace-usine");
  redirect("/espace-usine");
});

// Postal code → its communes with department and region, for the form (the communes file stays on
// the server). Public reference data: no sign-in needed.
export async function lookupPostalCode(postalCode: string): Promise<PostalLookup> {
  const code = String(postalCode ?? "").trim();
  const resolution = resolveCommune(code);
  if (resolution.ok) return { ok: true, communes: [option(resolution.commune)] };
  if (resolution.code === "communeCode.required") return { ok: true, communes: resolution.candidates.map(option) };
  return { ok: false, code: resolution.code };
}
