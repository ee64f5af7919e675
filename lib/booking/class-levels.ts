// Which classes may book a visit with a minimum age. Client-safe (the booking page lists the
// levels allowed): no runtime import.
import type { ClassLevel } from "./schemas";

/**
 * The youngest usual age of the pupils of each level, in September of the school year (a CM2 pupil
 * is 10 and turns 11 during the year). The youngest, not the usual range, because a class comes
 * whole: a visit "from 16" fits a 1re (16–17) but not a 2nde (15–16). CAP classes follow the 3e like
 * a 2nde; "Autre" says nothing about age, so it is not refused here (the visit's conditions, minimum
 * age included, stay on the page, the ticket and the e-mail).
 */
export const CLASS_LEVEL_AGES: Record<ClassLevel, number | null> = {
  CM2: 10,
  "6e": 11,
  "5e": 12,
  "4e": 13,
  "3e": 14,
  "2nde": 15,
  CAP: 15,
  "1re": 16,
  Tle: 17,
  BTS: 18,
  Autre: null,
};

/** Whether a class of `level` is too young for a visit whose minimum age (effectiveMinAge) is `minAge`. */
export function isClassTooYoung(level: ClassLevel, minAge: number | null): boolean {
  const age = CLASS_LEVEL_AGES[level];
  return minAge !== null && age !== null && age < minAge;
}
