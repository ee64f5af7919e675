// Which groups may book which visits (docs/decisions/0017-groups-beyond-schools.md). A visit's
// `audience` says whether the public and school classes may book it; `openToEmployment` opens it
// to the other organisations' groups (employment services, associations, training centres), which
// book with the factory's consent to receive adults in groups, never on a visit sized for families.
//
// Only school classes may take the seats held for schools (lib/booking/availability.ts): every
// other group counts like individuals there, through the same conditional UPDATE.
import type { Audience } from "@prisma/client";
import { bookingError } from "./errors";
import { GROUP_TYPES, type GroupType } from "./schemas";

/** A booking row (or input) as the seat rule sees it: a school class, or anyone else. */
export interface GroupOf {
  kind: "INDIVIDUAL" | "GROUP";
  /** null for a class (rows), absent or "SCHOOL" for a class (inputs). */
  organisationType?: string | null;
  groupType?: GroupType;
}

/** Whether the booking is a school class: the only bookings that may take school-reserved seats. */
export function isSchoolGroup(booking: GroupOf): boolean {
  if (booking.kind !== "GROUP") return false;
  return (booking.organisationType ?? null) === null && (booking.groupType ?? "SCHOOL") === "SCHOOL";
}

/** A group's name as lists show it: its organisation's, or its school's with the class level. */
export function groupName(booking: { schoolName: string | null; classLevel: string | null; organisationName?: string | null }): string {
  return ("organisationName" in booking ? booking.organisationName : null) ?? [booking.schoolName, booking.classLevel].filter(Boolean).join(", ");
}

/** What the audience rule reads of a visit. */
export interface VisitAudience {
  audience: Audience;
  /** Absent where only individuals and classes apply (draws): then closed. */
  openToEmployment?: boolean;
}

/** The kinds of groups that may book the visit, in the form's order. */
export function groupTypesFor(slot: VisitAudience): GroupType[] {
  return GROUP_TYPES.filter((type) => (type === "SCHOOL" ? slot.audience !== "PUBLIC" : slot.openToEmployment === true));
}

/**
 * Refuses a group the visit is not open to: a class on a visit for the public only
 * (`audience.public_only`), another group on a visit for schools only (`audience.schools_only`), or
 * on a visit not open to employment professionals (`audience.employment_closed`).
 */
export function checkGroupAudience(slot: VisitAudience, groupType: GroupType, at: (code: string) => Record<string, string>) {
  if (groupTypesFor(slot).includes(groupType)) return;
  const code = groupType === "SCHOOL" ? "audience.public_only" : slot.audience === "SCHOOL" ? "audience.schools_only" : "audience.employment_closed";
  throw bookingError(code, at(code));
}
