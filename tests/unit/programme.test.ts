import { describe, expect, it } from "vitest";
import { programmeIdsParam, printableAreaParams } from "@/lib/catalogue/schemas";
import { areNeighbouringDepartments, byParisDay, programmeClashes, TRAVEL_ALLOWANCE_MINUTES, type ProgrammeVisit } from "@/lib/catalogue/programme";
import { MAX_PROGRAMME_VISITS, programmeHref } from "@/lib/catalogue/programme-ids";
import { DEPARTMENT_NEIGHBOURS } from "@/lib/geo/department-neighbours";
import { DEPARTMENTS } from "@/lib/geo/regions";
import { paris } from "@/lib/paris-time";

// A visit on 2027-03-19 (Paris), from hh:mm for `minutes`.
function visit(id: string, hour: number, minute: number, minutes: number, departmentCode = "69", factoryId = `f-${id}`): ProgrammeVisit {
  const startsAt = paris(2027, 3, 19, hour, minute);
  return { id, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), factoryId, departmentCode };
}

describe("department neighbours (derived from the map's outlines)", () => {
  it.each([
    ["69", "01"],
    ["69", "38"],
    ["69", "42"],
    ["69", "71"],
    ["13", "84"],
    ["75", "92"],
    ["2A", "2B"],
  ])("%s and %s are neighbours, both ways", (a, b) => {
    expect(areNeighbouringDepartments(a, b)).toBe(true);
    expect(areNeighbouringDepartments(b, a)).toBe(true);
  });

  it("knows distant departments are not neighbours, nor a department its own neighbour", () => {
    expect(areNeighbouringDepartments("69", "13")).toBe(false);
    expect(areNeighbouringDepartments("69", "75")).toBe(false);
    expect(areNeighbouringDepartments("2A", "06")).toBe(false);
    expect(areNeighbouringDepartments("69", "69")).toBe(false);
  });

  it("gives every mainland department a neighbour, and none to the overseas ones", () => {
    for (const { code } of DEPARTMENTS) {
      if (code.length === 3) expect(DEPARTMENT_NEIGHBOURS[code], code).toBeUndefined();
      else expect(DEPARTMENT_NEIGHBOURS[code]?.length, code).toBeGreaterThan(0);
    }
    expect(areNeighbouringDepartments("971", "972")).toBe(false);
    // The Rhône has exactly its four neighbours.
    expect([...DEPARTMENT_NEIGHBOURS["69"]].sort()).toEqual(["01", "38", "42", "71"]);
  });
});

describe("programme clashes", () => {
  it("says when two visits overlap, not when one ends as the other starts", () => {
    expect(programmeClashes([visit("a", 10, 0, 90), visit("b", 11, 29, 60)])).toEqual([{ kind: "overlap", first: "a", second: "b" }]);
    // Given in any order, reported in time order.
    expect(programmeClashes([visit("b", 11, 0, 60), visit("a", 10, 0, 90)])).toEqual([{ kind: "overlap", first: "a", second: "b" }]);
    const touching = programmeClashes([visit("a", 10, 0, 60), visit("b", 11, 0, 60, "69", "f-a")]);
    expect(touching).toEqual([]);
  });

  it("allows 45 minutes within a department: 44 is too short, 45 is enough", () => {
    const short = programmeClashes([visit("a", 10, 0, 60), visit("b", 11, 44, 60)]);
    expect(short).toEqual([{ kind: "travel", first: "a", second: "b", gapMinutes: 44, allowanceMinutes: TRAVEL_ALLOWANCE_MINUTES.sameDepartment, distance: "sameDepartment" }]);
    expect(programmeClashes([visit("a", 10, 0, 60), visit("b", 11, 45, 60)])).toEqual([]);
  });

  it("allows 90 minutes between neighbouring departments, 180 between farther ones", () => {
    expect(programmeClashes([visit("a", 10, 0, 60, "69"), visit("b", 12, 29, 60, "38")])).toMatchObject([{ kind: "travel", gapMinutes: 89, allowanceMinutes: 90, distance: "neighbouringDepartments" }]);
    expect(programmeClashes([visit("a", 10, 0, 60, "69"), visit("b", 12, 30, 60, "38")])).toEqual([]);
    expect(programmeClashes([visit("a", 9, 0, 60, "69"), visit("b", 12, 59, 60, "13")])).toMatchObject([{ kind: "travel", gapMinutes: 179, allowanceMinutes: 180, distance: "fartherDepartments" }]);
    expect(programmeClashes([visit("a", 9, 0, 60, "69"), visit("b", 13, 0, 60, "13")])).toEqual([]);
  });

  it("needs no trip between two visits of one site, and none across two days", () => {
    expect(programmeClashes([visit("a", 10, 0, 60, "69", "same"), visit("b", 11, 0, 60, "69", "same")])).toEqual([]);
    const evening = { ...visit("a", 22, 0, 60, "69"), startsAt: paris(2027, 3, 19, 22, 0), endsAt: paris(2027, 3, 19, 23, 30) };
    const nextMorning = { ...visit("b", 0, 0, 60, "13"), startsAt: paris(2027, 3, 20, 0, 0), endsAt: paris(2027, 3, 20, 1, 0) };
    expect(programmeClashes([evening, nextMorning])).toEqual([]);
  });

  it("judges a trip from the visit that ends last before it, once per visit", () => {
    // a (Lyon, ends 12:00) and b (Lyon, ends 11:00) both before c (Marseille, 13:00): the trip is from a, 60 min < 180.
    const clashes = programmeClashes([visit("a", 9, 0, 180, "69"), visit("b", 10, 0, 60, "69"), visit("c", 13, 0, 60, "13")]);
    expect(clashes).toEqual([
      { kind: "overlap", first: "a", second: "b" },
      { kind: "travel", first: "a", second: "c", gapMinutes: 60, allowanceMinutes: 180, distance: "fartherDepartments" },
    ]);
  });
});

describe("programme ids in a shared link", () => {
  const parse = (v: unknown) => programmeIdsParam.parse(v);

  it("keeps the distinct well-formed ids in order", () => {
    expect(parse("b1, a2,,b1")).toEqual({ ids: ["b1", "a2"], truncated: false, malformed: 0 });
    expect(parse(["x1,y2", "z3"])).toEqual({ ids: ["x1", "y2"], truncated: false, malformed: 0 });
    expect(parse("ok1,<script>,a b")).toEqual({ ids: ["ok1"], truncated: false, malformed: 2 });
  });

  it("reads nothing from an absent or empty parameter", () => {
    for (const value of [undefined, "", " ", 42]) expect(parse(value)).toEqual({ ids: [], truncated: false, malformed: 0 });
  });

  it(`keeps at most ${MAX_PROGRAMME_VISITS} visits and says so`, () => {
    const ids = Array.from({ length: MAX_PROGRAMME_VISITS + 5 }, (_, i) => `id${i}`);
    const parsed = parse(ids.join(","));
    expect(parsed.ids).toEqual(ids.slice(0, MAX_PROGRAMME_VISITS));
    expect(parsed.truncated).toBe(true);
    expect(parse(ids.slice(0, MAX_PROGRAMME_VISITS).join(",")).truncated).toBe(false);
  });

  it("writes the shareable address the parser reads back", () => {
    expect(programmeHref(["a1", "b2"])).toBe("/programme?v=a1,b2");
    expect(programmeHref([])).toBe("/programme");
    expect(parse(new URL(`http://x${programmeHref(["a1", "b2"])}`).searchParams.get("v")).ids).toEqual(["a1", "b2"]);
  });
});

describe("printable programme area", () => {
  it("reads a department or a region, a department first, and nothing else", () => {
    expect(printableAreaParams.parse({ departement: "69" })).toEqual({ kind: "department", code: "69" });
    expect(printableAreaParams.parse({ departement: "2a" })).toEqual({ kind: "department", code: "2A" });
    expect(printableAreaParams.parse({ region: "84" })).toEqual({ kind: "region", code: "84" });
    expect(printableAreaParams.parse({ departement: "38", region: "84" })).toEqual({ kind: "department", code: "38" });
    expect(printableAreaParams.parse({ departement: "99" })).toBeNull();
    expect(printableAreaParams.parse({})).toBeNull();
  });
});

describe("visits by Paris day", () => {
  it("groups by the Paris calendar, keeping the order given", () => {
    // 00:30 in Paris on the 20th is still the 19th in UTC (23:30Z): the Paris day counts.
    const late = { id: "late", startsAt: paris(2027, 3, 19, 23, 30) };
    const afterMidnight = { id: "after", startsAt: paris(2027, 3, 20, 0, 30) };
    const morning = { id: "morning", startsAt: paris(2027, 3, 19, 9, 0) };
    expect(byParisDay([morning, late, afterMidnight]).map(([day, visits]) => [day, visits.map((v) => v.id)])).toEqual([
      ["2027-03-19", ["morning", "late"]],
      ["2027-03-20", ["after"]],
    ]);
  });
});
