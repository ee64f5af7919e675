// The « Prévenez-moi » form's input, shared by the form (client-side hints), the server action and
// the domain (which parses again). One checkbox per kind of alert, so FormData parses as is.
import { z } from "zod";
import { LOCALES } from "@/lib/booking/schemas";
import { checkbox, confirmed, emailAddress } from "@/lib/schema-fields";

export const ALERT_KINDS = ["BOOKINGS_OPEN", "NEW_VISIT_NEAR", "NEXT_EDITION"] as const;
export type AlertKindCode = (typeof ALERT_KINDS)[number];

// The form's checkbox of each kind.
export const KIND_FIELDS = { BOOKINGS_OPEN: "bookingsOpen", NEW_VISIT_NEAR: "newVisitNear", NEXT_EDITION: "nextEdition" } as const;

const optionalCode = (field: string, pattern: RegExp) =>
  z
    .string({ error: `${field}.invalid` })
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.string().regex(pattern, { error: `${field}.invalid` }).optional());

export const alertSubscriptionInput = z
  .object({
    email: emailAddress({ required: "email.required", invalid: "email.invalid", blank: "email.invalid" }),
    locale: z.enum(LOCALES, { error: "locale.invalid" }).default("fr"),
    [KIND_FIELDS.BOOKINGS_OPEN]: checkbox("bookingsOpen"),
    [KIND_FIELDS.NEW_VISIT_NEAR]: checkbox("newVisitNear"),
    [KIND_FIELDS.NEXT_EDITION]: checkbox("nextEdition"),
    postalCode: optionalCode("postalCode", /^\d{5}$/),
    // The commune (INSEE code) chosen when the postal code covers communes of several departments.
    commune: optionalCode("commune", /^[0-9AB]{5}$/),
    consent: confirmed("consent"),
  })
  .superRefine((value, ctx) => {
    if (!ALERT_KINDS.some((kind) => value[KIND_FIELDS[kind]])) ctx.addIssue({ code: "custom", path: ["kinds"], message: "kinds.required" });
    if (value.newVisitNear && !value.postalCode) ctx.addIssue({ code: "custom", path: ["postalCode"], message: "postalCode.required" });
  })
  .transform(({ email, locale, postalCode, commune, ...rest }) => ({
    email,
    locale,
    kinds: ALERT_KINDS.filter((kind) => rest[KIND_FIELDS[kind]]),
    // The postal code only matters for nearby visits.
    ...(rest.newVisitNear ? { postalCode, commune } : {}),
  }));

export type AlertSubscriptionInput = z.input<typeof alertSubscriptionInput>;
export type ParsedAlertSubscription = z.output<typeof alertSubscriptionInput>;
