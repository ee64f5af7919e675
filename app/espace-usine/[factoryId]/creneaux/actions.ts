"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireFactoryAccess } from "@/lib/auth/policy";
import {
  cancelSlotInput,
  createSlotsInput,
  updateSlotInput,
  type CancelSlotInput,
  type CreateSlotsInput,
  type SlotFormState,
  type UpdateSlotInput,
} from "@/lib/factory/slot-schemas";
import { cancelFactorySlot, createSlots, updateSlot } from "@/lib/factory/slots";

// Thin: authorise (requireFactoryAccess first) → parse → call lib/factory (which scopes every query
// by factory and user again) → revalidate/redirect, or return codes for the form to translate.

const failure = (error: unknown, values: Record<string, string>): SlotFormState => formStateFromError(error, values);

const factoryPath = (factoryId: string) => `/espace-usine/${factoryId}`;

export const createSlotsAction = formAction(async (_: SlotFormState, formData: FormData): Promise<SlotFormState> => {
  const values = formValues(formData);
  const days = formData.getAll("days").map(String);
  // The domain parses again (it is the last gate); having passed the same schema, the form data is its input.
  const input = { ...values, days } as unknown as CreateSlotsInput;
  const echo = { ...values, days: days.join(",") };
  let created: number;
  try {
    const user = await requireFactoryAccess(values.factoryId ?? "");
    const parsed = createSlotsInput.safeParse(input);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values: echo };
    created = (await createSlots(user, input)).length;
  } catch (error) {
    return failure(error, echo);
  }
  revalidatePath(factoryPath(input.factoryId), "layout");
  redirect(`${factoryPath(input.factoryId)}?cree=${created}`);
});

export const updateSlotAction = formAction(async (_: SlotFormState, formData: FormData): Promise<SlotFormState> => {
  const values = formValues(formData);
  let promoted: number;
  try {
    const user = await requireFactoryAccess(values.factoryId ?? "");
    const parsed = updateSlotInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    promoted = (await updateSlot(user, values as unknown as UpdateSlotInput)).promoted.length;
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(factoryPath(values.factoryId!), "layout");
  return { ok: true, promoted, values };
});

export const cancelSlotAction = formAction(async (_: SlotFormState, formData: FormData): Promise<SlotFormState> => {
  const values = formValues(formData);
  let cancelled: number;
  try {
    const user = await requireFactoryAccess(values.factoryId ?? "");
    const parsed = cancelSlotInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    cancelled = (await cancelFactorySlot(user, values as unknown as CancelSlotInput)).cancelledBookings;
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(factoryPath(values.factoryId!), "layout");
  redirect(`${factoryPath(values.factoryId!)}?annulee=${cancelled}`);
});
