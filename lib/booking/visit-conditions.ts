// The conditions of a visit (minimum age, closed shoes, ID, pacemaker warning, the factory's own
// words, access) built once from a slot and its factory, and worded once: the messages
// `booking.conditions` of lib/i18n/messages/{fr,en}/booking.json, read by the pages through
// next-intl and by the e-mails and exports through a translator for the recipient's language.
// Safety information: every surface shows the same list, in the same words.
// No runtime import: the registration form's schema (lib/factory/schemas.ts) loads this module in
// the browser.
import type { Prisma } from "@prisma/client";

/**
 * The factory's columns the conditions are made of: the one select (and zod pick mask) for every
 * query and form that handles them.
 */
export const visitConditionFields = {
  minAge: true,
  closedShoesRequired: true,
  idRequired: true,
  pacemakerWarning: true,
  otherConditions: true,
  wheelchairAccessible: true,
  accessibilityNotes: true,
} as const satisfies Prisma.FactorySelect;

export type VisitConditionFactory = Prisma.FactoryGetPayload<{ select: typeof visitConditionFields }>;

type MinAge = { minAge: number | null };

/**
 * The minimum age of a visit: the stricter of the slot's and the factory's. Both are lower bounds
 * (a factory's applies to all its visits, a slot may be stricter) and null means none.
 */
export function effectiveMinAge(slot: MinAge | null, factory: MinAge): number | null {
  const ages = [slot?.minAge ?? null, factory.minAge].filter((age) => age !== null);
  return ages.length > 0 ? Math.max(...ages) : null;
}

/**
 * effectiveMinAge in SQL (`Prisma.raw` it), over a slot row aliased `s` and its factory's aliased
 * `f`: GREATEST skips NULLs and is NULL only when both are.
 */
export const EFFECTIVE_MIN_AGE_SQL = 'GREATEST(s."minAge", f."minAge")';

/** One condition, as data; its words come from conditionText. */
export type VisitCondition =
  | { code: "minAge"; age: number }
  | { code: "closedShoes" | "idRequired" | "pacemaker" | "minors" | "wheelchair" }
  | { code: "other" | "accessibilityNotes"; text: string };

type ConditionCode = VisitCondition["code"];

/** The factory's yes/no conditions and the condition each one shows (the registration form labels its boxes with these words). */
export const CONDITION_FLAGS = { closedShoesRequired: "closedShoes", idRequired: "idRequired", pacemakerWarning: "pacemaker" } as const;
export type ConditionFlag = keyof typeof CONDITION_FLAGS;

/** Conditions about getting in and around the site rather than about who may visit. */
export const isAccessCondition = (condition: VisitCondition) => condition.code === "wheelchair" || condition.code === "accessibilityNotes";

/**
 * The conditions of a visit of `slot` (null: the factory's visits in general), in reading order.
 * `group`: for a class (its adults come with it, so the rule on minors is left out).
 */
export function visitConditions(slot: MinAge | null, factory: VisitConditionFactory, { group = false }: { group?: boolean } = {}): VisitCondition[] {
  const age = effectiveMinAge(slot, factory);
  const other = factory.otherConditions?.trim();
  const notes = factory.accessibilityNotes?.trim();
  const conditions: VisitCondition[] = [];
  if (age !== null && age > 0) conditions.push({ code: "minAge", age });
  for (const [flag, code] of Object.entries(CONDITION_FLAGS)) if (factory[flag as ConditionFlag]) conditions.push({ code });
  if (other) conditions.push({ code: "other", text: other });
  if (!group) conditions.push({ code: "minors" });
  if (factory.wheelchairAccessible) conditions.push({ code: "wheelchair" });
  if (notes) conditions.push({ code: "accessibilityNotes", text: notes });
  return conditions;
}

/** The keys of the messages `booking.conditions`: a list's title, each condition, and the absence of wheelchair access. */
export type ConditionMessageKey = Exclude<ConditionCode, "other" | "accessibilityNotes"> | "title" | "notWheelchair";

/** The messages `booking.conditions` (next-intl's `getTranslations("booking.conditions")` is one). */
export type ConditionMessages = (key: ConditionMessageKey, values?: { age: number }) => string;

/** A condition in words: the shared message, or the factory's own text. */
function conditionText(condition: VisitCondition, t: ConditionMessages): string {
  switch (condition.code) {
    case "minAge":
      return t("minAge", { age: condition.age });
    case "other":
    case "accessibilityNotes":
      return condition.text;
    default:
      return t(condition.code);
  }
}

export const conditionLines = (conditions: VisitCondition[], t: ConditionMessages) => conditions.map((condition) => conditionText(condition, t));
