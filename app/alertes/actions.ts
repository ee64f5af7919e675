"use server";
import { headers } from "next/headers";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { communeChoices, confirmAlerts, requestAlerts } from "@/lib/alerts";
import { alertSubscriptionInput } from "@/lib/alerts/schemas";
import { verifyChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";
import { translator } from "@/lib/i18n/messages";
import { CHALLENGE_FIELD, isHoneypotFilled } from "@/lib/security";

export type AlertFormState = FormState & { communes?: { code: string; label: string }[] };

// Thin: parse → proof of work → requestAlerts (rate limits, postal code, e-mail). The answer is the
// same whether or not the address already has alerts; open to anyone, as the link only goes to the
// address. The consent logged is the sentence shown, in the form's language.
export const requestAlertsAction = formAction(async (_: AlertFormState, formData: FormData): Promise<AlertFormState> => {
  // Same answer as a real request, so a bot learns nothing.
  if (isHoneypotFilled(formData)) return { ok: true };
  const values = formValues(formData);
  const parsed = alertSubscriptionInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await verifyChallenge(formData.get(CHALLENGE_FIELD));
    const t = await translator(parsed.data.locale, "alerts.form");
    await requestAlerts(parsed.data, { clientAddress: clientAddress(await headers()), consentText: t("consent") });
  } catch (error) {
    const state: AlertFormState = formStateFromError(error, values);
    return state.fieldErrors?.postalCode === "postalCode.ambiguous" ? { ...state, communes: communeChoices(parsed.data.postalCode ?? "") } : state;
  }
  return { ok: true };
});

// The confirmation link's button (the link itself only shows the page: mail scanners fetch links).
export const confirmAlertsAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  try {
    await confirmAlerts(String(formData.get("token") ?? ""));
  } catch (error) {
    return formStateFromError(error, {});
  }
  return { ok: true };
});
