import { describe, expect, it } from "vitest";
import { BUS_TRIP_MINUTES, busTrip, checkTimeline, type TimelineLeg } from "@/lib/circuit/timeline";
import { paris } from "@/lib/paris-time";

// A Lyon tour on 2026-10-09: departure Place Bellecour (69) at 8:30, back at 17:00.
const departure = { communeCode: null, departmentCode: "69", departsAt: paris(2026, 10, 9, 8, 30), returnsAt: paris(2026, 10, 9, 17, 0) };
const leg = (slotId: string, factoryId: string, place: { communeCode: string; departmentCode: string }, from: [number, number], to: [number, number]): TimelineLeg => ({
  slotId,
  factoryId,
  ...place,
  startsAt: paris(2026, 10, 9, ...from),
  endsAt: paris(2026, 10, 9, ...to),
});
const venissieux = { communeCode: "69259", departmentCode: "69" };
const saintPriest = { communeCode: "69290", departmentCode: "69" };
const saintEtienne = { communeCode: "42218", departmentCode: "42" };
const marseille = { communeCode: "13055", departmentCode: "13" };

describe("a circuit's timeline", () => {
  it("accepts legs with the bus trip between them, and puts them in time order", () => {
    const second = leg("s2", "f2", saintEtienne, [13, 30], [15, 0]);
    const first = leg("s1", "f1", venissieux, [9, 30], [11, 0]);
    const { ordered, problems } = checkTimeline(departure, [second, first]);
    expect(problems).toEqual([]);
    expect(ordered.map((l) => l.slotId)).toEqual(["s1", "s2"]);
  });

  it("allows 15 minutes within a commune, 45 within a department, 90 to a neighbouring one, and refuses farther", () => {
    expect(busTrip(venissieux, { ...venissieux })).toBe("sameCommune");
    expect(busTrip(venissieux, saintPriest)).toBe("sameDepartment");
    expect(busTrip(venissieux, saintEtienne)).toBe("neighbouringDepartments");
    expect(busTrip(venissieux, marseille)).toBe("tooFar");
    expect(BUS_TRIP_MINUTES).toEqual({ sameCommune: 15, sameDepartment: 45, neighbouringDepartments: 90 });
  });

  it("says which hop lacks time, with the gap and what the bus needs", () => {
    const { problems } = checkTimeline(departure, [leg("s1", "f1", venissieux, [9, 30], [11, 0]), leg("s2", "f2", saintEtienne, [12, 0], [13, 0])]);
    expect(problems).toEqual([{ code: "circuit.not_enough_time", from: "s1", to: "s2", gapMinutes: 60, neededMinutes: 90 }]);
  });

  it("checks the trip from the departure and back to it", () => {
    const early = checkTimeline(departure, [leg("s1", "f1", venissieux, [8, 45], [10, 0]), leg("s2", "f2", saintPriest, [11, 0], [16, 45])]);
    expect(early.problems).toEqual([
      { code: "circuit.not_enough_time", from: "departure", to: "s1", gapMinutes: 15, neededMinutes: 45 },
      { code: "circuit.not_enough_time", from: "s2", to: "departure", gapMinutes: 15, neededMinutes: 45 },
    ]);
  });

  it("refuses too few or too many stops, a factory twice, another day, a return before the departure, and a stop too far", () => {
    const one = checkTimeline(departure, [leg("s1", "f1", venissieux, [9, 30], [11, 0])]);
    expect(one.problems).toContainEqual({ code: "circuit.legs_count", count: 1 });
    const twice = checkTimeline(departure, [leg("s1", "f1", venissieux, [9, 30], [10, 0]), leg("s2", "f1", venissieux, [11, 0], [12, 0])]);
    expect(twice.problems).toEqual([{ code: "circuit.same_factory_twice", slotId: "s2" }]);
    const nextDay = { ...leg("s2", "f2", saintPriest, [10, 0], [11, 0]), startsAt: paris(2026, 10, 10, 10, 0), endsAt: paris(2026, 10, 10, 11, 0) };
    expect(checkTimeline({ ...departure, returnsAt: paris(2026, 10, 10, 17, 0) }, [leg("s1", "f1", venissieux, [9, 30], [10, 0]), nextDay]).problems).toContainEqual({
      code: "circuit.not_one_day",
      slotId: "s2",
    });
    expect(checkTimeline({ ...departure, returnsAt: departure.departsAt }, []).problems).toContainEqual({ code: "circuit.return_before_departure" });
    const far = checkTimeline(departure, [leg("s1", "f1", venissieux, [9, 30], [10, 0]), leg("s2", "f2", marseille, [15, 0], [16, 0])]);
    expect(far.problems).toContainEqual({ code: "circuit.too_far", from: "s1", to: "s2" });
  });
});
