import { describe, it, expect } from "vitest";
import { SIZE_BANDS, SIZE_BAND_LABELS, sizeBandFromHeadcount, sizeBandLabel } from "@/lib/reference/size-band";

describe("sizeBandFromHeadcount", () => {
  it.each([
    [0, "TPE"],
    [9, "TPE"],
    [10, "PME"],
    [249, "PME"],
    [250, "ETI"],
    [4999, "ETI"],
    [5000, "GE"],
    [120_000, "GE"],
  ])("classifies %i employees as %s", (headcount, band) => {
    expect(sizeBandFromHeadcount(headcount)).toBe(band);
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s", (headcount) => {
    expect(() => sizeBandFromHeadcount(headcount)).toThrow(RangeError);
  });
});

describe("size band labels", () => {
  it("lists the bands from smallest to largest", () => {
    expect(SIZE_BANDS).toEqual(["TPE", "PME", "ETI", "GE"]);
  });

  it("labels each band in French, with its headcount range", () => {
    expect(sizeBandLabel("TPE")).toBe("Très petite entreprise (moins de 10 salariés)");
    expect(sizeBandLabel("PME")).toBe("Petite ou moyenne entreprise (10 à 249 salariés)");
    // French thousands are separated by a narrow no-break space.
    expect(sizeBandLabel("ETI")).toBe("Entreprise de taille intermédiaire (250 à 4\u202f999 salariés)");
    expect(sizeBandLabel("GE")).toBe("Grande entreprise (5\u202f000 salariés ou plus)");
  });

  it("labels each band in English", () => {
    expect(sizeBandLabel("TPE", "en")).toBe("Micro-enterprise (fewer than 10 employees)");
    expect(sizeBandLabel("GE", "en")).toBe("Large enterprise (5,000 employees or more)");
    expect(SIZE_BANDS.every((band) => SIZE_BAND_LABELS[band].en !== SIZE_BAND_LABELS[band].fr)).toBe(true);
  });
});
