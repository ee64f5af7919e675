import { describe, expect, it } from "vitest";
import { SMALL_GROUP, suppressSmall } from "@/lib/organiser/suppression";
import { departmentOfUai } from "@/lib/reference/uai";

describe("small groups in the edition's report", () => {
  it("hides counts of fewer than SMALL_GROUP people, never zeros", () => {
    expect(SMALL_GROUP).toBe(10);
    expect(suppressSmall([0, 12, 9, 3, 40])).toEqual([0, 12, null, null, 40]);
  });

  it("hides one more cell when a single hidden one could be recovered from the total", () => {
    // Alone, the 4 would be total − 25 − 12 − 30: the smallest other count goes too.
    expect(suppressSmall([25, 4, 12, 30])).toEqual([25, null, null, 30]);
    expect(suppressSmall([0, 4, 0])).toEqual([0, null, 0]); // nothing else to hide: the cell stays hidden
    expect(suppressSmall([10, 11])).toEqual([10, 11]);
  });
});

describe("a school's department from its UAI", () => {
  it("reads the first three digits, Corsica and overseas included", () => {
    expect(departmentOfUai("0750654D")).toBe("75");
    expect(departmentOfUai("0011234A")).toBe("01");
    expect(departmentOfUai("6200002A")).toBe("2A");
    expect(departmentOfUai("7200009X")).toBe("2B");
    expect(departmentOfUai("9710003B")).toBe("971");
  });
});
