"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { formAction, formValues, type FormState } from "@/lib/action-state";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { reregisterFactory } from "@/lib/factory/reregister";
import type { ReregisterFormInput } from "@/lib/factory/schemas";

// Thin: identity → lib/factory/reregister (which parses with the form's schema and checks the user is
// a contact of the earlier record) → the new record's page.
export const reregisterAction = formAction(async (_: FormState, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  let factoryId: string;
  try {
    const user = await requireUser();
    ({ factory: { id: factoryId } } = await reregisterFactory(user, values as ReregisterFormInput, now()));
  } catch (error) {
    return formStateFromError(error, values);
  }
  revalidatePath("/espace-usine");
  redirect(`/espace-usine/${factoryId}`);
});
