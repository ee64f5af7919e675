// « Mon programme »'s warnings: visits at the same time, and visits too close for the trip between
// them. Pure (no database, no clock): the page gives the visits it found. Travel is judged by
// department only, the factories' exact places being unknown to a shared link's reader: a rough
// allowance, said as "probably" to the visitor.
import { DEPARTMENT_NEIGHBOURS } from "@/lib/geo/department-neighbours";
import { parisDay } from "@/lib/paris-time";

/** Minutes to allow between the end of a visit and the start of the next, by how far apart they are. */
export const TRAVEL_ALLOWANCE_MINUTES = {
  /** Two visits of one site: no trip. */
  sameFactory: 0,
  sameDepartment: 45,
  neighbouringDepartments: 90,
  /** Farther: at least two departments to cross (Lyon → Grenoble is already over an hour's drive). */
  fartherDepartments: 180,
} as const;

export type ProgrammeVisit = { id: string; startsAt: Date; endsAt: Date; factoryId: string; departmentCode: string };

export type TravelDistance = keyof typeof TRAVEL_ALLOWANCE_MINUTES;

export type ProgrammeClash =
  | { kind: "overlap"; first: string; second: string }
  | { kind: "travel"; first: string; second: string; gapMinutes: number; allowanceMinutes: number; distance: TravelDistance };

export function areNeighbouringDepartments(a: string, b: string): boolean {
  return DEPARTMENT_NEIGHBOURS[a]?.includes(b) ?? false;
}

type Place = Pick<ProgrammeVisit, "factoryId" | "departmentCode">;

export function travelDistance(from: Place, to: Place): TravelDistance {
  if (from.factoryId === to.factoryId) return "sameFactory";
  if (from.departmentCode === to.departmentCode) return "sameDepartment";
  return areNeighbouringDepartments(from.departmentCode, to.departmentCode) ? "neighbouringDepartments" : "fartherDepartments";
}

const byStart = (a: ProgrammeVisit, b: ProgrammeVisit) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime() || a.id.localeCompare(b.id);

/**
 * The clashes of a programme, in time order (`first` starts no later than `second`):
 * - "overlap": every pair of visits whose times overlap (one ending when the other starts does not);
 * - "travel": for each visit, the earlier visit of the same Paris day it would come from (the one
 *   that ends last before it starts) when the gap between them is shorter than the travel allowance.
 */
export function programmeClashes(visits: readonly ProgrammeVisit[]): ProgrammeClash[] {
  const sorted = [...visits].sort(byStart);
  const clashes: ProgrammeClash[] = [];
  sorted.forEach((visit, j) => {
    let from: ProgrammeVisit | undefined;
    for (const earlier of sorted.slice(0, j)) {
      if (earlier.endsAt > visit.startsAt) {
        clashes.push({ kind: "overlap", first: earlier.id, second: visit.id });
      } else if (parisDay(earlier.startsAt) === parisDay(visit.startsAt) && (!from || earlier.endsAt > from.endsAt)) {
        from = earlier;
      }
    }
    if (from) {
      const gapMinutes = (visit.startsAt.getTime() - from.endsAt.getTime()) / 60_000;
      const distance = travelDistance(from, visit);
      const allowanceMinutes = TRAVEL_ALLOWANCE_MINUTES[distance];
      if (gapMinutes < allowanceMinutes) clashes.push({ kind: "travel", first: from.id, second: visit.id, gapMinutes, allowanceMinutes, distance });
    }
  });
  return clashes;
}

/** Visits grouped by Paris day, in the order given (both programme pages list a day under its heading). */
export function byParisDay<T extends { startsAt: Date }>(visits: readonly T[]): [day: string, visits: T[]][] {
  const days = new Map<string, T[]>();
  for (const visit of visits) {
    const day = parisDay(visit.startsAt);
    days.set(day, [...(days.get(day) ?? []), visit]);
  }
  return [...days];
}
