"use server";
import { revalidatePath } from "next/cache";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, formValues, type FormState } from "@/lib/action-state";
import { requireFactoryAccess } from "@/lib/auth/policy";
import { saveFactoryJobs } from "@/lib/factory/jobs";
import { factoryJobsInput, type FactoryJobsInput } from "@/lib/factory/job-schemas";
import { addFactoryPhoto, removeFactoryPhoto, updateFactoryProfile, updatePhotoAlt } from "@/lib/factory/profile";
import {
  addPhotoInput,
  factoryProfileInput,
  photoAltInput,
  removePhotoInput,
  type AddPhotoInput,
  type FactoryProfileInput,
  type PhotoAltInput,
  type RemovePhotoInput,
} from "@/lib/factory/schemas";
import type { z } from "zod";

// Thin: authorise (requireFactoryAccess first) → parse with the registration's schema → lib/factory/
// profile (which scopes every query by factory and user again, and audit-logs) → revalidate the
// factory's pages, or return codes for the form to translate.

function run<I>(schema: z.ZodType, change: (user: Awaited<ReturnType<typeof requireFactoryAccess>>, input: I, formData: FormData) => Promise<unknown>) {
  return formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const user = await requireFactoryAccess(values.factoryId ?? "");
      const parsed = schema.safeParse(values);
      if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
      // The domain parses again (it is the last gate): the form data is its input.
      await change(user, values as unknown as I, formData);
    } catch (error) {
      return formStateFromError(error, values);
    }
    revalidatePath(`/espace-usine/${values.factoryId}`, "layout");
    revalidatePath(`/usines/${values.factoryId}`);
    return { ok: true, values };
  });
}

export const updateProfileAction = run<FactoryProfileInput>(factoryProfileInput, (user, input) => updateFactoryProfile(user, input));

const fileOf = (formData: FormData) => {
  const file = formData.get("photo");
  return typeof file === "string" ? null : file;
};
export const addPhotoAction = run<AddPhotoInput>(addPhotoInput, (user, input, formData) => addFactoryPhoto(user, input, fileOf(formData)));

export const updatePhotoAltAction = run<PhotoAltInput>(photoAltInput, (user, input) => updatePhotoAlt(user, input));

export const removePhotoAction = run<RemovePhotoInput>(removePhotoInput, (user, input) => removeFactoryPhoto(user, input));

export const updateJobsAction = run<FactoryJobsInput>(factoryJobsInput, (user, input) => saveFactoryJobs(user, input));
