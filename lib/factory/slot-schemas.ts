// Inputs of the factory space (visit slots, attendee lists, check-in at the door): one zod schema per
// input, shared by the forms (client-side hints), the server actions, the route handlers and the
// domain functions of lib/factory (which parse again: they are the last gate). Messages are codes,
// never prose: the UI maps them to French or English (lib/i18n/messages/*/factory.json, "errors").
// Every time a factory contact types is a Europe/Paris wall-clock time (lib/paris-time turns it into
// an instant).
import { z } from "zod";
import type { FormState } from "@/lib/action-state";
import { isDay, LOCAL_DATE_TIME_RE, minutesOf, parisDateTime, TIME_RE } from "@/lib/paris-time";
import { practicalShape } from "@/lib/practical/schemas";
import { blankToUndefined, checkbox, confirmed, count, day, optionalCount, text, time, withoutNul } from "@/lib/schema-fields";
export const AUDIENCES = ["PUBLIC", "SCHOOL", "BOTH"] as const;

/** The visit audiences that welcome everyone of an audience (a BOTH party needs a BOTH visit). */
export const WELCOMING_AUDIENCES: Record<(typeof AUDIENCES)[number], (typeof AUDIENCES)[number][]> = {
  PUBLIC: ["PUBLIC", "BOTH"],
  SCHOOL: ["SCHOOL", "BOTH"],
  BOTH: ["BOTH"],
};
export const SLOT_FORMATS = ["GUIDED_TOUR", "WORKSHOP", "TALK", "DEMONSTRATION"] as const;
export const SLOT_LANGUAGES = ["fr", "en", "de", "es", "it"] as const;
export const SLOT_MODES = ["single", "series"] as const;

export const MAX_CAPACITY = 500;
export const MIN_DURATION = 15;
export const MAX_DURATION = 8 * 60;
export const MIN_INTERVAL = 15;
// More than this in one request is a typo (e.g. every 5 minutes), not a visit programme.
export const MAX_SLOTS_PER_SERIES = 60;
export const DEFAULT_SERIES = { firstStart: "09:00", lastStart: "16:30", intervalMinutes: 90, durationMinutes: 90 } as const;

/**
 * Start times of a visit programme: on each day, `firstStart`, then every `intervalMinutes` up to
 * `lastStart` included (a single visit when `lastStart` is absent), as instants, sorted.
 */
export function seriesStarts(input: { days: string[]; firstStart: string; lastStart?: string; intervalMinutes?: number }): Date[] {
  const first = minutesOf(input.firstStart);
  const last = input.lastStart ? minutesOf(input.lastStart) : first;
  const step = input.intervalMinutes ?? 0;
  const starts: Date[] = [];
  for (const day of [...new Set(input.days)].sort()) {
    for (let m = first; m <= last; m += step) {
      starts.push(parisDateTime(day, m));
      if (step <= 0 || starts.length > MAX_SLOTS_PER_SERIES) break;
    }
  }
  return starts.sort((a, b) => a.getTime() - b.getTime());
}

// ───────────────────────────── Field builders ─────────────────────────────

const id = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .max(40, { error: `${field}.invalid` });


// <input type="datetime-local"> in Paris time → instant (absent when blank).
const optionalParisDateTime = (field: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${field}.invalid` })
      .trim()
      .regex(LOCAL_DATE_TIME_RE, { error: `${field}.invalid` })
      .refine((v) => isDay(v.slice(0, 10)), { error: `${field}.invalid` })
      .transform((v) => parisDateTime(v.slice(0, 10), v.slice(11, 16)))
      .optional(),
  );


// ───────────────────────────── Slots ─────────────────────────────

const settingsShape = {
  factoryId: id("factoryId"),
  capacity: count("capacity", 1, MAX_CAPACITY),
  audience: z.enum(AUDIENCES, { error: "audience.invalid" }),
  // Also open to employment professionals' groups, whatever the audience (lib/booking/groups.ts).
  openToEmployment: checkbox("openToEmployment"),
  schoolReservedSeats: optionalCount("schoolReservedSeats", 0, MAX_CAPACITY).transform((v) => v ?? 0),
  schoolReservedUntil: optionalParisDateTime("schoolReservedUntil"),
  // Seats held for bus circuits (lib/circuit) until a date; any audience.
  circuitReservedSeats: optionalCount("circuitReservedSeats", 0, MAX_CAPACITY).transform((v) => v ?? 0),
  circuitReservedUntil: optionalParisDateTime("circuitReservedUntil"),
  // Absent on creation: the edition's default (capped by the capacity). Above the capacity is
  // harmless (a booking never gets more seats than the visit has), so it is not refused.
  maxSeatsPerBooking: optionalCount("maxSeatsPerBooking", 1, MAX_CAPACITY),
  minAge: optionalCount("minAge", 0, 99),
  language: z.enum(SLOT_LANGUAGES, { error: "language.invalid" }).default("fr"),
  format: z.enum(SLOT_FORMATS, { error: "format.invalid" }).default("GUIDED_TOUR"),
  // Meeting point, parking, transport, walking, PPE, photography (lib/practical): all optional.
  ...practicalShape,
};

type Settings = {
  capacity: number;
  audience: (typeof AUDIENCES)[number];
  schoolReservedSeats: number;
  schoolReservedUntil?: Date;
  circuitReservedSeats: number;
  circuitReservedUntil?: Date;
};

// Seats reserved for schools only mean something when both audiences may book: otherwise they are
// dropped (the form hides the fields). A release date without seats reserved is dropped too.
function normaliseReservation<T extends Settings>(input: T): T {
  const schools = input.audience === "BOTH" && input.schoolReservedSeats > 0 ? {} : { schoolReservedSeats: 0, schoolReservedUntil: undefined };
  const circuits = input.circuitReservedSeats > 0 ? {} : { circuitReservedUntil: undefined };
  return { ...input, ...schools, ...circuits };
}

function checkSettings(input: Settings, ctx: z.RefinementCtx) {
  // Runs even when a field failed (zod 4): compare only numbers that parsed.
  if (!Number.isInteger(input.capacity) || !Number.isInteger(input.schoolReservedSeats)) return;
  if (input.audience === "BOTH" && input.schoolReservedSeats > input.capacity) {
    ctx.addIssue({ code: "custom", path: ["schoolReservedSeats"], message: "schoolReservedSeats.more_than_capacity" });
  }
  if (input.audience === "BOTH" && input.schoolReservedSeats > 0 && !input.schoolReservedUntil) {
    ctx.addIssue({ code: "custom", path: ["schoolReservedUntil"], message: "schoolReservedUntil.required" });
  }
  if (!Number.isInteger(input.circuitReservedSeats)) return;
  const schools = input.audience === "BOTH" ? input.schoolReservedSeats : 0;
  if (input.circuitReservedSeats > 0 && input.circuitReservedSeats + schools > input.capacity) {
    ctx.addIssue({ code: "custom", path: ["circuitReservedSeats"], message: schools > 0 ? "circuitReservedSeats.more_than_left" : "circuitReservedSeats.more_than_capacity" });
  }
  if (input.circuitReservedSeats > 0 && !input.circuitReservedUntil) {
    ctx.addIssue({ code: "custom", path: ["circuitReservedUntil"], message: "circuitReservedUntil.required" });
  }
}

/**
 * One visit or a series. `days` are the checked edition days ("YYYY-MM-DD"); `firstStart` (and for
 * a series `lastStart` and `intervalMinutes`) are Paris times "HH:MM". A single visit is created on
 * each checked day at `firstStart`.
 */
export const createSlotsInput = z
  .object({
    ...settingsShape,
    mode: z.enum(SLOT_MODES, { error: "mode.invalid" }).default("single"),
    days: z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z.array(day("days")).min(1, { error: "days.required" }).max(31, { error: "days.invalid" }),
    ),
    firstStart: time("firstStart"),
    lastStart: z.preprocess(blankToUndefined, time("lastStart").optional()),
    intervalMinutes: optionalCount("intervalMinutes", MIN_INTERVAL, MAX_DURATION),
    durationMinutes: count("durationMinutes", MIN_DURATION, MAX_DURATION),
  })
  // Zod 4 runs this even when a field already failed: only compare values that parsed.
  .superRefine((input, ctx) => {
    checkSettings(input, ctx);
    if (input.mode !== "series") return;
    if (!input.lastStart) ctx.addIssue({ code: "custom", path: ["lastStart"], message: "lastStart.required" });
    else if (TIME_RE.test(input.firstStart) && TIME_RE.test(input.lastStart) && minutesOf(input.lastStart) < minutesOf(input.firstStart)) {
      ctx.addIssue({ code: "custom", path: ["lastStart"], message: "lastStart.before_first" });
    }
    if (input.intervalMinutes === undefined) ctx.addIssue({ code: "custom", path: ["intervalMinutes"], message: "intervalMinutes.required" });
  })
  .transform((input) => {
    const single = input.mode === "single";
    return normaliseReservation({
      ...input,
      lastStart: single ? undefined : input.lastStart,
      intervalMinutes: single ? undefined : input.intervalMinutes,
    });
  });

/**
 * What can change on a published visit. Its time and duration cannot (visitors hold tickets and
 * calendar entries for them): cancel it and create another instead.
 */
export const updateSlotInput = z
  .object({ ...settingsShape, slotId: id("slotId"), maxSeatsPerBooking: count("maxSeatsPerBooking", 1, MAX_CAPACITY) })
  .superRefine(checkSettings)
  .transform(normaliseReservation);

export const CANCEL_REASON_MAX = 300;

// The reason is told to every visitor (e-mail, "Ma réservation"): required, short.
export const cancelSlotInput = z.object({
  factoryId: id("factoryId"),
  slotId: id("slotId"),
  reason: text("reason", CANCEL_REASON_MAX),
  confirm: confirmed("confirm"),
});

// What the slot actions return to useActionState: codes, plus the values a message shows (e.g. the
// number of seats booked) and, after an edit, how many waiting entries were confirmed.
export interface SlotFormState extends FormState {
  params?: Record<string, string | number>;
  promoted?: number;
}

export const isSlotLanguage = (value: string): value is (typeof SLOT_LANGUAGES)[number] =>
  (SLOT_LANGUAGES as readonly string[]).includes(value);

export type CreateSlotsInput = z.input<typeof createSlotsInput>;
export type ParsedCreateSlotsInput = z.output<typeof createSlotsInput>;
export type UpdateSlotInput = z.input<typeof updateSlotInput>;
export type ParsedUpdateSlotInput = z.output<typeof updateSlotInput>;
export type CancelSlotInput = z.input<typeof cancelSlotInput>;

// ───────────────────────────── Attendees ─────────────────────────────

// `?slot=` or `?day=` (a Paris day): both absent → the whole programme.
export const attendeesFilter = z.object({
  slot: z.preprocess(blankToUndefined, id("slot").optional()),
  day: z.preprocess(blankToUndefined, day("day").optional()),
});
export type AttendeesFilter = z.output<typeof attendeesFilter>;

// ───────────────────────────── Check-in ─────────────────────────────

// Same alphabet as lib/tokens' ticket codes (no 0/O, 1/I); typed in any case, with spaces or dashes.
export const TICKET_CODE_RE = /^[A-HJ-NP-Z2-9]{8}$/;
export const normaliseTicketCode = (value: string) => value.toUpperCase().replace(/[\s-]/g, "");

// What a scan or the code field gives: a ticket code, a ticket token, or a ticket URL (…/billet/TOKEN).
export type TicketQuery = { ticketCode: string } | { ticketToken: string };

export function parseTicketQuery(raw: string): TicketQuery | null {
  const value = raw.trim();
  const code = normaliseTicketCode(value);
  if (TICKET_CODE_RE.test(code)) return { ticketCode: code };
  const fromUrl = /\/billet\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(value)?.[1];
  const token = fromUrl ?? value;
  return /^[A-Za-z0-9_-]{20,200}$/.test(token) ? { ticketToken: token } : null;
}

export const ticketLookupInput = z.object({
  factoryId: id("factoryId"),
  query: z
    .string({ error: "ticket.required" })
    .trim()
    .min(1, { error: "ticket.required" })
    .max(500, { error: "ticket.invalid" })
    .refine((v) => parseTicketQuery(v) !== null, { error: "ticket.invalid" }),
});

export const doorSearchInput = z.object({
  factoryId: id("factoryId"),
  q: z.string({ error: "q.required" }).overwrite(withoutNul).trim().min(2, { error: "q.too_short" }).max(100, { error: "q.too_long" }),
});

export const checkInInput = z.object({
  factoryId: id("factoryId"),
  bookingId: id("bookingId"),
  // People actually present; absent → every seat of the booking.
  count: optionalCount("count", 1, 1000),
});

export const undoCheckInInput = z.object({ factoryId: id("factoryId"), bookingId: id("bookingId") });

// People let in at the door without a booking (lib/factory/walk-ins.ts).
export const walkInInput = z.object({ factoryId: id("factoryId"), slotId: id("slotId"), people: count("people", 1, 1000) });
