// Inputs of the organisers' back office (edition settings, quotas, phases, decisions on factories,
// roles, audit-log filters): one zod schema per input, shared by the forms (client-side hints), the
// server actions and the domain functions of lib/organiser (which parse again: they are the last gate).
// Messages are codes ("factoryRegistrationClosesAt.before_opening"), never prose: the UI maps them to
// French or English (lib/i18n/messages/*/organiserAdmin.json, "errors").
//
// Pure: no database, safe to import from client components. Every time an organiser types is a
// Europe/Paris wall-clock time (<input type="datetime-local">), turned into an instant with
// @date-fns/tz through lib/factory/slot-schemas' Paris-time helpers.
import { z } from "zod";
import type { FormState } from "@/lib/action-state";
import { isDay, parisDateTime, parisDayRange } from "@/lib/paris-time";
import { REGIONS } from "@/lib/geo/regions";
import { SECTORS } from "@/lib/reference/naf";
import { SIZE_BANDS } from "@/lib/reference/size-band";
import { blankToUndefined, checkbox as checkboxField, confirmed, emailAddress, wholeNumber, withoutNul } from "@/lib/schema-fields";
import { DIMENSIONS, type Dimension } from "@/lib/representativity/reasons";
import { MAX_TRANSPORT_BUDGET_EUROS } from "@/lib/transport/schemas";

export { DIMENSIONS, type Dimension };

// ───────────────────────────── Limits ─────────────────────────────

export const NAME_MAX = 120;
export const MAX_EDITION_DAYS = 14;
export const BOOKINGS_PER_EMAIL_MAX = 20;
export const SEATS_PER_BOOKING_MAX = 50;
export const RETENTION_DAYS_MAX = 1095; // three years
// Attendance requests (lib/booking/attendance.ts): 0 (none) or 3–14 days before the visit. Less than
// 3 would leave no day between the request and the 48-hour reminder that repeats it.
export const RECONFIRM_DAYS_MIN = 3;
export const RECONFIRM_DAYS_MAX = 14;
export const QUOTA_MAX = 10_000;
export const COMMENT_MAX = 1000;
export const PHASE_NAME_MAX = 100;
export const CSV_MAX_BYTES = 200_000;
export const APPROVAL_MODES = ["AUTOMATIC", "MANUAL"] as const;
export const PHASE_RULES = ["UNDER_TARGET_ONLY"] as const;
export const DECISIONS = ["APPROVE", "WAITLIST", "REJECT"] as const;
export type Decision = (typeof DECISIONS)[number];
export const FACTORY_STATUSES = ["PENDING", "WAITLISTED", "APPROVED", "REJECTED"] as const;
/** The queue's status filter: "TO_REVIEW" is PENDING + WAITLISTED (the default). */
export const QUEUE_STATUSES = ["TO_REVIEW", "PENDING", "WAITLISTED", "REJECTED"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

// What every organiser action returns to useActionState: codes, plus the values a message shows
// (`params`), a success code (`done`) with a count, and the row-level errors of a CSV import.
export interface CsvRowError {
  line: number;
  column?: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface AdminFormState extends FormState {
  done?: string;
  count?: number;
  rowErrors?: CsvRowError[];
}

// ───────────────────────────── Field builders ─────────────────────────────

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);

const id = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .max(40, { error: `${field}.invalid` });

const text = (field: string, min: number, max: number) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .min(min, { error: `${field}.too_short` })
    .max(max, { error: `${field}.too_long` });

const optionalText = (field: string, max: number) =>
  z.preprocess(
    (v) => blankToUndefined(trimmed(v)),
    z.string({ error: `${field}.invalid` }).overwrite(withoutNul).max(max, { error: `${field}.too_long` }).optional(),
  );

const LOCAL_DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:\d{2})?$/;

/** "2027-03-28T09:00" (Paris wall clock) → the instant; null when it is not one. */
export function parseParisLocal(value: string): Date | null {
  const m = LOCAL_DATE_TIME_RE.exec(value.trim());
  if (!m || !isDay(m[1])) return null;
  return parisDateTime(m[1], `${m[2]}:${m[3]}`);
}

export const parisDateTimeField = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .transform((value, ctx) => {
      const instant = parseParisLocal(value);
      if (instant) return instant;
      ctx.addIssue({ code: "custom", message: `${field}.invalid` });
      return z.NEVER;
    });

const optionalParisDateTime = (field: string) => z.preprocess((v) => blankToUndefined(trimmed(v)), parisDateTimeField(field).optional());

const dayField = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .refine(isDay, { error: `${field}.invalid` });

const checkbox = checkboxField("checkbox");
const email = (field: string) => emailAddress({ required: `${field}.required`, invalid: `${field}.invalid` });

// Rules between fields (closing after opening…) must be reported together with the fields' own
// errors, so the form shows every problem at once. Zod skips an object's refinements as soon as one
// field fails its type, so the object is parsed here as a whole, and each rule reads the fields it
// compares through their own schemas (a field that does not parse is simply not compared).
type Issue = (path: string, message: string) => void;
function withCrossChecks<T extends z.ZodObject>(fields: T, check: (field: (name: string) => unknown, issue: Issue) => void) {
  return z.unknown().transform((raw, ctx) => {
    const record = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const base = fields.safeParse(record);
    let failed = !base.success;
    if (!base.success) for (const i of base.error.issues) ctx.addIssue({ code: "custom", path: i.path, message: i.message });
    const field = (name: string) => {
      const schema = fields.shape[name] as z.ZodType | undefined;
      const result = schema?.safeParse(record[name]);
      return result?.success ? result.data : undefined;
    };
    check(field, (path, message) => {
      failed = true;
      ctx.addIssue({ code: "custom", path: [path], message });
    });
    return failed || !base.success ? z.NEVER : (base.data as z.output<T>);
  }) as unknown as z.ZodType<z.output<T>, z.input<T>>;
}

// ───────────────────────────── Edition settings ─────────────────────────────

const DAY_MS = 86_400_000;

/**
 * The edition's settings. Days are "YYYY-MM-DD"; the four window bounds are Paris wall-clock times
 * ("YYYY-MM-DDTHH:MM"). Rules: the last day is not before the first (and the edition lasts at most
 * MAX_EDITION_DAYS days); each window closes after it opens; neither closes after the event's end.
 */
const editionFields = z.object({
    editionId: id("editionId"),
    name: text("name", 3, NAME_MAX),
    firstDay: dayField("firstDay"),
    lastDay: dayField("lastDay"),
    factoryRegistrationOpensAt: parisDateTimeField("factoryRegistrationOpensAt"),
    factoryRegistrationClosesAt: parisDateTimeField("factoryRegistrationClosesAt"),
    catalogueOpensAt: parisDateTimeField("catalogueOpensAt"),
    bookingOpensAt: parisDateTimeField("bookingOpensAt"),
    bookingClosesAt: parisDateTimeField("bookingClosesAt"),
    maxActiveBookingsPerEmail: wholeNumber("maxActiveBookingsPerEmail", 1, BOOKINGS_PER_EMAIL_MAX),
    defaultMaxSeatsPerBooking: wholeNumber("defaultMaxSeatsPerBooking", 1, SEATS_PER_BOOKING_MAX),
    approvalMode: z.enum(APPROVAL_MODES, { error: "approvalMode.invalid" }),
    dataRetentionDays: wholeNumber("dataRetentionDays", 0, RETENTION_DAYS_MAX),
    reconfirmDaysBefore: wholeNumber("reconfirmDaysBefore", 0, RECONFIRM_DAYS_MAX),
    releaseUnconfirmed: checkboxField("releaseUnconfirmed"),
    // School transport (lib/transport): 0 offers none.
    transportBudgetEuros: wholeNumber("transportBudgetEuros", 0, MAX_TRANSPORT_BUDGET_EUROS),
  });

export const editionSettingsInput = withCrossChecks(editionFields, (field, issue) => {
  const firstDay = field("firstDay") as string | undefined;
  const lastDay = field("lastDay") as string | undefined;
  const regOpens = field("factoryRegistrationOpensAt") as Date | undefined;
  const regCloses = field("factoryRegistrationClosesAt") as Date | undefined;
  const bookingOpens = field("bookingOpensAt") as Date | undefined;
  const bookingCloses = field("bookingClosesAt") as Date | undefined;
  const catalogueOpens = field("catalogueOpensAt") as Date | undefined;
  // Days are "YYYY-MM-DD": compared as strings.
  let end: Date | null = null;
  if (firstDay && lastDay) {
    if (lastDay < firstDay) issue("lastDay", "lastDay.before_first_day");
    else if ((Date.parse(lastDay) - Date.parse(firstDay)) / DAY_MS + 1 > MAX_EDITION_DAYS) issue("lastDay", "lastDay.too_long");
    else end = parisDayRange(lastDay).end;
  }
  if (regCloses) {
    if (regOpens && regCloses <= regOpens) issue("factoryRegistrationClosesAt", "factoryRegistrationClosesAt.before_opening");
    else if (end && regCloses > end) issue("factoryRegistrationClosesAt", "factoryRegistrationClosesAt.after_event");
  }
  if (bookingCloses) {
    if (bookingOpens && bookingCloses <= bookingOpens) issue("bookingClosesAt", "bookingClosesAt.before_opening");
    else if (end && bookingCloses > end) issue("bookingClosesAt", "bookingClosesAt.after_event");
  }
  // The programme is public before (or when) bookings open: people read it, then book.
  if (catalogueOpens && bookingOpens && catalogueOpens > bookingOpens) issue("catalogueOpensAt", "catalogueOpensAt.after_booking");
  const reconfirmDays = field("reconfirmDaysBefore") as number | undefined;
  if (reconfirmDays !== undefined && reconfirmDays > 0 && reconfirmDays < RECONFIRM_DAYS_MIN) issue("reconfirmDaysBefore", "reconfirmDaysBefore.too_close");
  // Releasing seats of people who were never asked would not be fair.
  if (field("releaseUnconfirmed") === true && reconfirmDays === 0) issue("releaseUnconfirmed", "releaseUnconfirmed.needs_request");
});

export type EditionSettingsInput = z.input<typeof editionFields>;
export type ParsedEditionSettings = z.output<typeof editionFields>;

export const SLUG_MAX = 40;

/**
 * The next edition, made from the newest one (lib/organiser/editions.ts): its name, its address on
 * the site ("2028") and its first day; everything else is copied, moved by as many days, then edited
 * on its settings page.
 */
export const nextEditionInput = z.object({
  fromEditionId: id("fromEditionId"),
  name: text("name", 3, NAME_MAX),
  slug: z
    .string({ error: "slug.required" })
    .trim()
    .toLowerCase()
    .min(1, { error: "slug.required" })
    .max(SLUG_MAX, { error: "slug.too_long" })
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: "slug.invalid" }),
  firstDay: dayField("firstDay"),
});

export type NextEditionInput = z.input<typeof nextEditionInput>;
export type ParsedNextEdition = z.output<typeof nextEditionInput>;

// ───────────────────────────── Quotas ─────────────────────────────

export type QuotaKind = "cap" | "target";

/** Every value a dimension can take: the 18 regions (by name), the industrial NAF divisions, the size bands. */
export function dimensionValues(dimension: Dimension): string[] {
  switch (dimension) {
    case "REGION":
      return [...REGIONS].sort((a, b) => a.name.localeCompare(b.name, "fr")).map((r) => r.code);
    case "SECTOR":
      return SECTORS.map((s) => s.code);
    case "SIZE":
      return [...SIZE_BANDS];
  }
}

const valueSets: Record<Dimension, Set<string>> = {
  REGION: new Set(REGIONS.map((r) => r.code)),
  SECTOR: new Set(SECTORS.map((s) => s.code)),
  SIZE: new Set(SIZE_BANDS),
};

export const isDimension = (value: string): value is Dimension => (DIMENSIONS as readonly string[]).includes(value);

/**
 * A dimension value as typed in a spreadsheet, normalised: spreadsheets drop leading zeros ("5" for
 * sector "05", "1" for Guadeloupe "01"), people type "ge" for "GE". Null when it is not a value of
 * that dimension.
 */
export function normaliseDimensionValue(dimension: Dimension, raw: string): string | null {
  const value = raw.trim().toUpperCase();
  const candidate = dimension !== "SIZE" && /^\d$/.test(value) ? `0${value}` : value;
  return valueSets[dimension].has(candidate) ? candidate : null;
}

/** The input name of one cell of the quota table: `REGION.84.cap`. */
export const quotaField = (dimension: Dimension, value: string, kind: QuotaKind) => `${dimension}.${value}.${kind}`;

// "" or absent → null (no cap / no target); numbers as text are read.
const toCell = (value: unknown) => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== "string") return value;
  const s = value.replace(/\s/g, "");
  return s === "" ? null : Number(s);
};

/** One quota cell: a whole number 0…QUOTA_MAX, or null (none). Undefined: not submitted (left unchanged). */
export const quotaCell = (kind: QuotaKind) =>
  z.preprocess(
    toCell,
    z
      .number({ error: `${kind}.invalid` })
      .int({ error: `${kind}.invalid` })
      .min(0, { error: `${kind}.negative` })
      .max(QUOTA_MAX, { error: `${kind}.too_large` })
      .nullable()
      .optional(),
  );

export interface QuotaChange {
  dimension: Dimension;
  value: string;
  cap?: number | null; // undefined: unchanged
  target?: number | null;
}

const quotaShape: Record<string, ReturnType<typeof quotaCell>> = {};
for (const dimension of DIMENSIONS) {
  for (const value of dimensionValues(dimension)) {
    quotaShape[quotaField(dimension, value, "cap")] = quotaCell("cap");
    quotaShape[quotaField(dimension, value, "target")] = quotaCell("target");
  }
}

/**
 * The bulk quota table: one input per dimension value and kind, named `REGION.84.cap`. A target above
 * the cap cannot be met: refused on the target. Unknown names are ignored; a missing cell leaves that
 * quota unchanged.
 */
const quotaTableFields = z.object({ editionId: id("editionId"), approveWaitlisted: checkbox, ...quotaShape });

export const quotaTableInput = withCrossChecks(quotaTableFields, (field, issue) => {
  for (const dimension of DIMENSIONS) {
    for (const value of dimensionValues(dimension)) {
      const cap = field(quotaField(dimension, value, "cap"));
      const target = field(quotaField(dimension, value, "target"));
      if (typeof cap === "number" && typeof target === "number" && target > cap) issue(quotaField(dimension, value, "target"), "target.above_cap");
    }
  }
}).transform((input) => {
  const cells = input as unknown as Record<string, number | null | undefined>;
  const changes: QuotaChange[] = [];
  for (const dimension of DIMENSIONS) {
    for (const value of dimensionValues(dimension)) {
      const cap = cells[quotaField(dimension, value, "cap")];
      const target = cells[quotaField(dimension, value, "target")];
      if (cap !== undefined || target !== undefined) changes.push({ dimension, value, cap, target });
    }
  }
  return { editionId: input.editionId, approveWaitlisted: input.approveWaitlisted, changes };
});

export type ParsedQuotaTable = z.output<typeof quotaTableInput>;

/** The CSV import form: the file is read by the action; this is the rest. */
export const quotaImportInput = z.object({ editionId: id("editionId"), approveWaitlisted: checkbox });

export const reevaluateInput = z.object({ editionId: id("editionId") });

// ───────────────────────────── Phases ─────────────────────────────

const phaseFields = z.object({
  editionId: id("editionId"),
  name: text("name", 2, PHASE_NAME_MAX),
  startsAt: parisDateTimeField("startsAt"),
  endsAt: optionalParisDateTime("endsAt"),
  rule: z.enum(PHASE_RULES, { error: "rule.invalid" }).default("UNDER_TARGET_ONLY"),
});

export const addPhaseInput = withCrossChecks(phaseFields, (field, issue) => {
  const startsAt = field("startsAt") as Date | undefined;
  const endsAt = field("endsAt") as Date | undefined;
  if (startsAt && endsAt && endsAt <= startsAt) issue("endsAt", "endsAt.before_start");
});
export type ParsedAddPhase = z.output<typeof phaseFields>;

export const removePhaseInput = z.object({ editionId: id("editionId"), phaseId: id("phaseId") });

// ───────────────────────────── Decisions on factories ─────────────────────────────

/** Approve / waitlist / reject, with an optional comment (kept in the audit log and sent to the site). */
export const decisionInput = z.object({
  factoryId: id("factoryId"),
  decision: z.enum(DECISIONS, { error: "decision.invalid" }),
  comment: optionalText("comment", COMMENT_MAX),
});
export type ParsedDecision = z.output<typeof decisionInput>;

/** Approving over a cap: a reason and an explicit confirmation are required. */
export const overrideInput = z.object({
  factoryId: id("factoryId"),
  reason: text("reason", 3, COMMENT_MAX),
  confirm: confirmed("confirm"),
});

export const BULK_APPROVAL_MAX = 100;

/** "Valider la sélection": the queue's ticked sites (checkboxes `factoryIds`), each once, at most BULK_APPROVAL_MAX. */
export const bulkApprovalInput = z.object({
  factoryIds: z
    .array(id("factoryIds"), { error: "factoryIds.required" })
    .min(1, { error: "factoryIds.required" })
    .max(BULK_APPROVAL_MAX, { error: "factoryIds.too_many" })
    .transform((ids) => [...new Set(ids)]),
});

/** What "Valider la sélection" answers: the sites approved, and those left as they were with the reason (an error code). */
export interface BulkApprovalState extends AdminFormState {
  approved?: string[];
  refused?: { siteName: string | null; code: string; params?: Record<string, string | number> }[];
}

/** The dashboard's address: the order of the representativity charts and tables (furthest below target first, or the reference order). */
export const REPR_ORDERS = ["ecart", "codes"] as const;
// An organiser page's edition (`?edition=2026`, lib/organiser/editions.ts); anything invalid means the current one.
const editionParam = z.string().regex(/^[a-z0-9-]{1,40}$/).optional().catch(undefined);
export const editionViewInput = z.object({ edition: editionParam });

export const dashboardViewInput = z.object({ ordre: z.enum(REPR_ORDERS).catch("ecart").default("ecart"), edition: editionParam });

/** The queue's filters (query string); anything invalid is ignored. */
export const queueFilterInput = z.object({
  status: z.enum(QUEUE_STATUSES).catch("TO_REVIEW").default("TO_REVIEW"),
  region: z.string().refine((v) => valueSets.REGION.has(v)).optional().catch(undefined),
  sector: z.string().refine((v) => valueSets.SECTOR.has(v)).optional().catch(undefined),
  size: z.enum(SIZE_BANDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type QueueFilter = z.output<typeof queueFilterInput>;

// ───────────────────────────── Roles ─────────────────────────────

export const grantOrganiserInput = z.object({ email: email("email") });
export const revokeOrganiserInput = z.object({ userId: id("userId") });
export const attachContactInput = z.object({ factoryId: id("factoryId"), email: email("email") });
export const detachContactInput = z.object({ factoryId: id("factoryId"), userId: id("userId") });

// ───────────────────────────── Audit log ─────────────────────────────

const optionalDay = z.string().trim().refine(isDay).optional().catch(undefined);
const optionalFilterText = (max: number) =>
  z.preprocess((v) => blankToUndefined(trimmed(v)), z.string().overwrite(withoutNul).max(max).optional()).catch(undefined);

/** The journal's filters (query string); anything invalid is ignored. */
export const auditFilterInput = z.object({
  action: optionalFilterText(100),
  entityType: optionalFilterText(100),
  actor: optionalFilterText(254),
  from: optionalDay,
  to: optionalDay,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilter = z.output<typeof auditFilterInput>;

// ───────────────────────────── Partners' API keys ─────────────────────────────

export const API_SCOPES = ["READ", "BOOK"] as const;
export const API_KEY_NAME_MAX = 80;

/** A key for a partner: a name the team recognises it by, and what it may do (checkboxes `scopes`). */
export const issueApiKeyInput = z.object({
  name: text("name", 2, API_KEY_NAME_MAX),
  scopes: z
    .array(z.unknown(), { error: "scopes.required" })
    .min(1, { error: "scopes.required" })
    // One code for the group of checkboxes, not one per box.
    .refine((scopes) => scopes.every((s) => (API_SCOPES as readonly unknown[]).includes(s)), { error: "scopes.invalid" })
    .transform((scopes) => API_SCOPES.filter((s) => scopes.includes(s))),
});

export const revokeApiKeyInput = z.object({ keyId: id("keyId"), confirm: confirmed("confirm") });
