import { describe, it, expect } from "vitest";
import { SECTORS, isIndustrialSector, sectorLabel } from "@/lib/reference/naf";

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, "0"));

describe("SECTORS", () => {
  it("covers exactly the divisions of sections B to E (there is no division 34)", () => {
    expect(SECTORS.map((s) => s.code)).toEqual([...range(5, 33), ...range(35, 39)]);
  });

  it("assigns each division to its NAF section", () => {
    const sectionOf = (code: string) => SECTORS.find((s) => s.code === code)?.section;
    expect(range(5, 9).map(sectionOf)).toEqual(Array(5).fill("B"));
    expect(range(10, 33).map(sectionOf)).toEqual(Array(24).fill("C"));
    expect(sectionOf("35")).toBe("D");
    expect(range(36, 39).map(sectionOf)).toEqual(Array(4).fill("E"));
  });

  it("has a French and an English label for every division", () => {
    for (const sector of SECTORS) {
      expect(sector.label.trim()).not.toBe("");
      expect(sector.labelEn.trim()).not.toBe("");
      expect(sector.label).not.toBe(sector.labelEn);
    }
  });
});

describe("sectorLabel", () => {
  it("returns INSEE's official French label", () => {
    expect(sectorLabel("10")).toBe("Industries alimentaires");
    expect(sectorLabel("24")).toBe("Métallurgie");
    expect(sectorLabel("28")).toBe("Fabrication de machines et équipements n.c.a.");
    expect(sectorLabel("38")).toBe("Collecte, traitement et élimination des déchets ; récupération");
  });

  it("returns the NACE English label on request", () => {
    expect(sectorLabel("29", "en")).toBe("Manufacture of motor vehicles, trailers and semi-trailers");
    expect(sectorLabel("10", "en")).toBe("Manufacture of food products");
  });

  it("knows nothing of non-industrial or non-existent divisions", () => {
    expect(sectorLabel("62")).toBeUndefined();
    expect(sectorLabel("34", "en")).toBeUndefined();
  });
});

describe("isIndustrialSector", () => {
  it.each(["05", "10", "25", "33", "35", "39"])("accepts division %s", (code) => {
    expect(isIndustrialSector(code)).toBe(true);
  });

  // 01 agriculture, 41 construction, 62 IT services; "5" lacks its leading zero;
  // "25.62B" is a full APE code, not a division.
  it.each(["01", "34", "40", "41", "62", "5", "25.62B", ""])("rejects %j", (code) => {
    expect(isIndustrialSector(code)).toBe(false);
  });
});
