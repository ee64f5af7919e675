"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { currentUser } from "@/lib/auth/session";
import { book } from "@/lib/booking";
import { bookingInput } from "@/lib/booking/schemas";
import { verifyChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";
import { consumeRateLimits } from "@/lib/rate-limit";
import { CHALLENGE_FIELD, isHoneypotFilled } from "@/lib/security";

// Thin: parse → proof of work → rate-limit → book() (which checks every rule, including who may book
// for a class).
export const bookAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  // A bot filled the invisible field: refuse without saying why.
  if (isHoneypotFilled(formData)) return { formError: "generic", values };
  const parsed = bookingInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  let manageToken: string;
  try {
    await verifyChallenge(formData.get(CHALLENGE_FIELD));
    await consumeRateLimits([
      ["bookingPerIp", clientAddress(await headers())],
      ["bookingPerEmail", parsed.data.email],
    ]);
    const user = await currentUser();
    const result = await book(parsed.data, { userId: user?.id });
    // A double submit or a retry: the first submission already redirected to the booking page.
    if (result.replayed) return { ok: true, formError: "replayed", values };
    manageToken = result.manageToken;
  } catch (error) {
    return formStateFromError(error, values);
  }
  redirect(`/reservation/${manageToken}?nouvelle=1`);
});
