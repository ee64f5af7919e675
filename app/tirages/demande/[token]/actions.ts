"use server";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, type FormState, formValues } from "@/lib/action-state";
import { changeWishes, withdrawApplication } from "@/lib/draw/apply";
import { drawWishesInput, drawWithdrawInput } from "@/lib/draw/schemas";

// The manage token in the form is the proof of ownership; lib/draw checks it and the window.

export const changeWishesAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  const parsed = drawWishesInput.safeParse(values);
  if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await changeWishes(values);
  } catch (error) {
    return formStateFromError(error, values);
  }
  redirect(`/tirages/demande/${parsed.data.manageToken}?fait=modifie`);
});

export const withdrawApplicationAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  const parsed = drawWithdrawInput.safeParse(values);
  if (!parsed.success) return { formError: "token.invalid", values };
  let drawId: string;
  try {
    ({ drawId } = await withdrawApplication(values));
  } catch (error) {
    return formStateFromError(error, values);
  }
  redirect(`/tirages/${drawId}?fait=retire`);
});
