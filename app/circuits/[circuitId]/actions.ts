"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { currentUser } from "@/lib/auth/session";
import { verifyChallenge } from "@/lib/challenge";
import { bookCircuit } from "@/lib/circuit/book";
import { circuitBookingInput } from "@/lib/circuit/schemas";
import { clientAddress } from "@/lib/client-address";
import { consumeRateLimits } from "@/lib/rate-limit";
import { CHALLENGE_FIELD, isHoneypotFilled } from "@/lib/security";

// Thin, like the visit's bookAction: parse → proof of work → rate-limit (the same limits: a circuit
// is one booking) → bookCircuit(), which checks every rule.
export const bookCircuitAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  if (isHoneypotFilled(formData)) return { formError: "generic", values };
  const parsed = circuitBookingInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  let manageToken: string;
  try {
    await verifyChallenge(formData.get(CHALLENGE_FIELD));
    await consumeRateLimits([
      ["bookingPerIp", clientAddress(await headers())],
      ["bookingPerEmail", parsed.data.email],
    ]);
    const user = await currentUser();
    const result = await bookCircuit(parsed.data, { userId: user?.id });
    if (result.replayed) return { ok: true, formError: "replayed", values };
    manageToken = result.manageToken;
  } catch (error) {
    return formStateFromError(error, values);
  }
  redirect(`/circuits/reservation/${manageToken}?nouvelle=1`);
});
