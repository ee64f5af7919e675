"use server";
import { revalidatePath } from "next/cache";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { answerHostSurvey } from "@/lib/host-survey";
import { hostSurveyInput } from "@/lib/host-survey/schemas";

// Thin: parse → answerHostSurvey() (the link is the proof: 256 random bits, only its hash stored).
export const answerHostSurveyAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  const parsed = hostSurveyInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await answerHostSurvey(parsed.data.token, parsed.data);
  } catch (error) {
    return formStateFromError(error, values);
  }
  revalidatePath(`/enquete-usine/${parsed.data.token}`);
  return { ok: true, values };
});
