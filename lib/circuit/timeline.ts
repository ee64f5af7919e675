// Whether a circuit's times hold together: departure, each leg in time order with the bus trip
// between stops, and the return. Pure (no database, no clock). Trips are judged by place only (no
// road data here): a bus allowance per hop, by commune and department, the same table organisers
// see on the form.
import { areNeighbouringDepartments } from "@/lib/catalogue/programme";
import { parisDay } from "@/lib/paris-time";

/** Minutes the bus needs between two places, by how far apart they are; farther is refused. */
export const BUS_TRIP_MINUTES = {
  sameCommune: 15,
  sameDepartment: 45,
  neighbouringDepartments: 90,
} as const;

export type BusTrip = keyof typeof BUS_TRIP_MINUTES | "tooFar";

export interface TimelinePlace {
  /** Null for the departure point, whose commune code is not known (only its department). */
  communeCode: string | null;
  departmentCode: string;
}

export interface TimelineLeg extends TimelinePlace {
  slotId: string;
  factoryId: string;
  startsAt: Date;
  endsAt: Date;
}

export type TimelineProblem =
  | { code: "circuit.legs_count"; count: number }
  | { code: "circuit.same_factory_twice"; slotId: string }
  | { code: "circuit.return_before_departure" }
  | { code: "circuit.not_one_day"; slotId: string }
  | { code: "circuit.too_far"; from: string; to: string }
  | { code: "circuit.not_enough_time"; from: string; to: string; gapMinutes: number; neededMinutes: number };

export const MIN_LEGS = 2;
export const MAX_LEGS = 5;

export function busTrip(from: TimelinePlace, to: TimelinePlace): BusTrip {
  if (from.communeCode !== null && from.communeCode === to.communeCode) return "sameCommune";
  if (from.departmentCode === to.departmentCode) return "sameDepartment";
  return areNeighbouringDepartments(from.departmentCode, to.departmentCode) ? "neighbouringDepartments" : "tooFar";
}

const minutesBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 60_000);

/**
 * The legs in time order, and what does not hold: the departure (`departure`, at `departsAt`) must
 * leave time to reach the first stop, each stop to reach the next, the last one to come back by
 * `returnsAt`; all on the departure's Paris day, 2 to 5 stops at different factories. Places are
 * named in problems by slot id, or "departure".
 */
export function checkTimeline(
  departure: TimelinePlace & { departsAt: Date; returnsAt: Date },
  legs: readonly TimelineLeg[],
): { ordered: TimelineLeg[]; problems: TimelineProblem[] } {
  const ordered = [...legs].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.slotId.localeCompare(b.slotId));
  const problems: TimelineProblem[] = [];
  if (legs.length < MIN_LEGS || legs.length > MAX_LEGS) problems.push({ code: "circuit.legs_count", count: legs.length });
  if (departure.returnsAt <= departure.departsAt) problems.push({ code: "circuit.return_before_departure" });

  const seen = new Set<string>();
  for (const leg of ordered) {
    if (seen.has(leg.factoryId)) problems.push({ code: "circuit.same_factory_twice", slotId: leg.slotId });
    seen.add(leg.factoryId);
    if (parisDay(leg.startsAt) !== parisDay(departure.departsAt)) problems.push({ code: "circuit.not_one_day", slotId: leg.slotId });
  }

  // Each hop: from where the bus is (and when it can leave) to the next place (and when it must be there).
  type Stop = { name: string; place: TimelinePlace; leaves: Date };
  let at: Stop = { name: "departure", place: departure, leaves: departure.departsAt };
  const hops: { from: Stop; to: string; place: TimelinePlace; arrives: Date }[] = [];
  for (const leg of ordered) {
    hops.push({ from: at, to: leg.slotId, place: leg, arrives: leg.startsAt });
    at = { name: leg.slotId, place: leg, leaves: leg.endsAt };
  }
  if (ordered.length > 0) hops.push({ from: at, to: "departure", place: departure, arrives: departure.returnsAt });

  for (const hop of hops) {
    const trip = busTrip(hop.from.place, hop.place);
    if (trip === "tooFar") {
      problems.push({ code: "circuit.too_far", from: hop.from.name, to: hop.to });
      continue;
    }
    const gapMinutes = minutesBetween(hop.from.leaves, hop.arrives);
    const neededMinutes = BUS_TRIP_MINUTES[trip];
    if (gapMinutes < neededMinutes) problems.push({ code: "circuit.not_enough_time", from: hop.from.name, to: hop.to, gapMinutes, neededMinutes });
  }
  return { ordered, problems };
}
