// The practical information of a visit (where to meet, parking, public transport, walking on site,
// protective equipment, photography), as the factory space's slot form types it. Client-safe: the
// form imports it for its choices; lib/factory/slot-schemas.ts spreads `practicalShape` into the
// slot inputs, so form, action and domain parse with one schema. Messages are codes
// ("<field>.too_long"…), worded in the "practical" messages.
import { z } from "zod";
import { optionalCount, optionalText } from "@/lib/schema-fields";

export const PPE_POLICIES = ["NONE", "PROVIDED", "REQUIRED_OWN"] as const;
export type PpePolicy = (typeof PPE_POLICIES)[number];

// Photography as a select: "" is "not said" (stored null).
export const PHOTOGRAPHY_CHOICES = ["", "yes", "no"] as const;

export const PRACTICAL_TEXT_MAX = 200;
export const MAX_WALKING_METERS = 5000;

const photography = z
  .enum(PHOTOGRAPHY_CHOICES, { error: "photographyAllowed.invalid" })
  .optional()
  .transform((value) => (value === "yes" ? true : value === "no" ? false : null));

export const practicalShape = {
  meetingPoint: optionalText("meetingPoint", PRACTICAL_TEXT_MAX),
  parkingInfo: optionalText("parkingInfo", PRACTICAL_TEXT_MAX),
  publicTransport: optionalText("publicTransport", PRACTICAL_TEXT_MAX),
  walkingDistanceMeters: optionalCount("walkingDistanceMeters", 0, MAX_WALKING_METERS),
  ppe: z.enum(PPE_POLICIES, { error: "ppe.invalid" }).default("NONE"),
  photographyAllowed: photography,
};

/** The stored value of `photographyAllowed` as the form's select shows it. */
export const photographyChoice = (allowed: boolean | null): (typeof PHOTOGRAPHY_CHOICES)[number] =>
  allowed === null ? "" : allowed ? "yes" : "no";

export type ParsedPractical = z.output<z.ZodObject<typeof practicalShape>>;
