"use server";
import { headers } from "next/headers";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { verifyChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";
import { consumeRateLimits } from "@/lib/rate-limit";
import { CHALLENGE_FIELD, isHoneypotFilled } from "@/lib/security";
import { submitSurvey } from "@/lib/survey";
import { surveyInput } from "@/lib/survey/schemas";

// Thin: honeypot → parse → proof of work → rate-limit → submitSurvey() (which checks the link and
// "once only").
export const submitSurveyAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  // A bot filled the hidden field: answer as if it worked, record nothing.
  if (isHoneypotFilled(formData)) return { ok: true };
  const parsed = surveyInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await verifyChallenge(formData.get(CHALLENGE_FIELD));
    await consumeRateLimits([["surveyPerIp", clientAddress(await headers())]]);
    await submitSurvey(parsed.data.token, parsed.data);
  } catch (error) {
    return formStateFromError(error, values);
  }
  return { ok: true };
});
