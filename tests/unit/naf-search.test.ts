import { describe, expect, it } from "vitest";
import { apeDivision, SECTORS, sectorMatches } from "@/lib/reference/naf";

const matching = (query: string) => SECTORS.filter((s) => sectorMatches(query, s)).map((s) => s.code);

describe("sector search of the factory registration", () => {
  it.each(["2562B", "25.62B", "25.62Z", "2562b", " 25 62 b ", "25.62", "25 62"])("finds division 25 from the APE code %j", (query) => {
    expect(apeDivision(query)).toBe("25");
    expect(matching(query)).toEqual(["25"]);
  });

  it("does not take words or partial numbers for an APE code", () => {
    expect(apeDivision("métal")).toBeNull();
    expect(apeDivision("2")).toBeNull();
    expect(apeDivision("25621B")).toBeNull();
  });

  it("still searches the labels, ignoring accents and case", () => {
    expect(matching("METAL")).toEqual(expect.arrayContaining(["24", "25"]));
    expect(matching("metallurgie")).toEqual(["24"]);
  });

  it("finds nothing for the APE code of a division outside industry", () => {
    expect(matching("4711F")).toEqual([]);
  });
});
