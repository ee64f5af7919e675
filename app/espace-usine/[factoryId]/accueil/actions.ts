"use server";
import { revalidatePath } from "next/cache";
import { formStateFromError } from "@/lib/action-errors";
import { fieldErrorsOf, formAction, formValues } from "@/lib/action-state";
import { requireFactoryAccess } from "@/lib/auth/policy";
import type { CurrentUser } from "@/lib/auth/session";
import { checkIn, findTicket, getDoorBooking, searchDoorBookings, undoCheckIn, type DoorState } from "@/lib/factory/checkin";
import { checkInInput, doorSearchInput, ticketLookupInput, undoCheckInInput, walkInInput } from "@/lib/factory/slot-schemas";
import { admitWalkIns } from "@/lib/factory/walk-ins";
import type { FormState } from "@/lib/action-state";

const INTENTS = ["lookup", "pick", "search", "checkin", "undo"] as const;
type Intent = (typeof INTENTS)[number];

// One action for the door screen's forms (scan or code, pick a search result, search, check in,
// undo), so they share one state. Thin: authorise first, parse, call lib/factory/checkin.
export const doorAction = formAction(async (_: DoorState, formData: FormData): Promise<DoorState> => {
  const values = formValues(formData);
  const intent = INTENTS.find((i) => i === values.intent);
  if (!intent) return { error: "validation.failed", values };
  let user: CurrentUser | null = null;
  try {
    user = await requireFactoryAccess(values.factoryId ?? "");
    return await run(user, intent, values);
  } catch (error) {
    const state = formStateFromError(error, values);
    const failed: DoorState = { intent, error: state.formError, fieldErrors: state.fieldErrors, params: state.params ?? {}, values };
    // A refused check-in or undo keeps the booking on screen, as it is now.
    if (user && (intent === "checkin" || intent === "undo" || intent === "pick") && values.bookingId) {
      failed.booking = await getDoorBooking(user, values.factoryId!, values.bookingId).catch(() => undefined);
    }
    return failed;
  }
});

async function run(user: CurrentUser, intent: Intent, values: Record<string, string>): Promise<DoorState> {
  const invalid = (error: Parameters<typeof fieldErrorsOf>[0]): DoorState => ({
    intent,
    error: "validation.failed",
    fieldErrors: fieldErrorsOf(error),
    values,
  });
  switch (intent) {
    case "lookup": {
      const parsed = ticketLookupInput.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      return { intent, booking: await findTicket(user, parsed.data.factoryId, parsed.data.query) };
    }
    case "pick": {
      const parsed = undoCheckInInput.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      return { intent, booking: await getDoorBooking(user, parsed.data.factoryId, parsed.data.bookingId) };
    }
    case "search": {
      const parsed = doorSearchInput.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      return { intent, matches: await searchDoorBookings(user, parsed.data.factoryId, parsed.data.q), values };
    }
    case "checkin": {
      const parsed = checkInInput.safeParse(values);
      if (!parsed.success) return { ...invalid(parsed.error), booking: await getDoorBooking(user, values.factoryId, values.bookingId).catch(() => undefined) };
      const { factoryId, bookingId, count } = parsed.data;
      const booking = await checkIn(user, { factoryId, bookingId, count });
      revalidatePath(`/espace-usine/${factoryId}/accueil`);
      return { intent, booking, done: "checked_in" };
    }
    case "undo": {
      const parsed = undoCheckInInput.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      const booking = await undoCheckIn(user, parsed.data);
      revalidatePath(`/espace-usine/${parsed.data.factoryId}/accueil`);
      return { intent, booking, done: "undone" };
    }
  }
}

export type WalkInState = FormState & { admitted?: number; seatsLeft?: number };

// "Sans réservation": people let in at the door up to the free seats. Thin, as above.
export const walkInAction = formAction(async (_: WalkInState, formData: FormData): Promise<WalkInState> => {
  const values = formValues(formData);
  try {
    const user = await requireFactoryAccess(values.factoryId ?? "");
    const parsed = walkInInput.safeParse(values);
    if (!parsed.success) return { formError: "validation.failed", fieldErrors: fieldErrorsOf(parsed.error), values };
    const result = await admitWalkIns(user, parsed.data);
    revalidatePath(`/espace-usine/${parsed.data.factoryId}/accueil`);
    return { ok: true, ...result };
  } catch (error) {
    return formStateFromError(error, values);
  }
});
