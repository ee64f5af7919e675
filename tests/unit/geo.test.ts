import { describe, it, expect } from "vitest";
import {
  DEPARTMENTS,
  REGIONS,
  communesByPostalCode,
  departmentName,
  departmentsOfRegion,
  isValidPostalCodeFormat,
  regionName,
  resolvePostalCode,
} from "@/lib/geo";

describe("regions and departments", () => {
  it("lists the 18 regions, flagging the 5 overseas ones", () => {
    expect(REGIONS).toHaveLength(18);
    expect(REGIONS.filter((r) => r.overseas).map((r) => r.code)).toEqual(["01", "02", "03", "04", "06"]);
    expect(REGIONS.find((r) => r.code === "84")).toEqual({ code: "84", name: "Auvergne-Rhône-Alpes", overseas: false });
  });

  it("lists the 101 departments, each attached to a known region", () => {
    expect(DEPARTMENTS).toHaveLength(101);
    const regionCodes = new Set(REGIONS.map((r) => r.code));
    expect(DEPARTMENTS.every((d) => regionCodes.has(d.regionCode))).toBe(true);
    expect(DEPARTMENTS.map((d) => d.code)).toEqual(expect.arrayContaining(["01", "2A", "2B", "75", "974", "976"]));
  });

  it("leaves out overseas collectivities, which are neither regions nor departments", () => {
    for (const code of ["975", "977", "978", "987", "988"]) {
      expect(regionName(code)).toBeUndefined();
      expect(departmentName(code)).toBeUndefined();
    }
  });

  it("names regions and departments by code", () => {
    expect(regionName("11")).toBe("Île-de-France");
    expect(regionName("94")).toBe("Corse");
    expect(regionName("04")).toBe("La Réunion");
    expect(departmentName("74")).toBe("Haute-Savoie");
    expect(departmentName("2A")).toBe("Corse-du-Sud");
    expect(departmentName("974")).toBe("La Réunion");
    expect(regionName("99")).toBeUndefined();
    expect(departmentName("20")).toBeUndefined();
  });

  it("lists the departments of a region", () => {
    expect(departmentsOfRegion("94").map((d) => d.code)).toEqual(["2A", "2B"]);
    expect(departmentsOfRegion("84").map((d) => d.code)).toEqual([
      "01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74",
    ]);
    expect(departmentsOfRegion("00")).toEqual([]);
  });
});

describe("isValidPostalCodeFormat", () => {
  it("accepts exactly five digits", () => {
    expect(isValidPostalCodeFormat("74300")).toBe(true);
    expect(isValidPostalCodeFormat("01000")).toBe(true);
  });

  it.each(["7430", "743000", "2A000", " 74300", "74 300", ""])("rejects %j", (value) => {
    expect(isValidPostalCodeFormat(value)).toBe(false);
  });
});

describe("communesByPostalCode", () => {
  it("returns every commune sharing a postal code, most populous first", () => {
    const communes = communesByPostalCode("74300");
    expect(communes.length).toBeGreaterThan(1);
    expect(communes[0]).toEqual({
      inseeCode: "74081",
      name: "Cluses",
      postalCode: "74300",
      departmentCode: "74",
      departmentName: "Haute-Savoie",
      regionCode: "84",
      regionName: "Auvergne-Rhône-Alpes",
    });
    expect(communes.map((c) => c.name)).toEqual(expect.arrayContaining(["Thyez", "Magland"]));
    expect(communes.every((c) => c.departmentCode === "74" && c.regionCode === "84")).toBe(true);
  });

  it("resolves overseas departments", () => {
    expect(communesByPostalCode("97400")).toEqual([
      expect.objectContaining({ inseeCode: "97411", name: "Saint-Denis", departmentCode: "974", regionCode: "04", regionName: "La Réunion" }),
    ]);
  });

  it("resolves Corsican communes to 2A / 2B", () => {
    expect(communesByPostalCode("20000")).toEqual([
      expect.objectContaining({
        inseeCode: "2A004",
        name: "Ajaccio",
        departmentCode: "2A",
        departmentName: "Corse-du-Sud",
        regionCode: "94",
        regionName: "Corse",
      }),
    ]);
  });

  it("maps Paris arrondissement postal codes to the single commune of Paris", () => {
    expect(communesByPostalCode("75011")).toEqual([
      expect.objectContaining({ inseeCode: "75056", name: "Paris", departmentCode: "75", regionCode: "11" }),
    ]);
  });

  it("returns nothing for unknown codes and overseas collectivities", () => {
    expect(communesByPostalCode("00000")).toEqual([]);
    expect(communesByPostalCode("97133")).toEqual([]); // Saint-Barthélemy
  });

  it("hands out copies, so callers cannot corrupt the cached index", () => {
    communesByPostalCode("74300").length = 0;
    expect(communesByPostalCode("74300")[0].name).toBe("Cluses");
  });
});

describe("resolvePostalCode", () => {
  it("returns the only commune of an unambiguous postal code", () => {
    const result = resolvePostalCode("20000");
    expect(result).toEqual({ ok: true, commune: expect.objectContaining({ name: "Ajaccio", departmentCode: "2A", regionCode: "94" }) });
  });

  it("ignores surrounding spaces", () => {
    expect(resolvePostalCode(" 97400 ")).toMatchObject({ ok: true, commune: { name: "Saint-Denis", postalCode: "97400" } });
  });

  it("reports a shared postal code as ambiguous, with the candidates", () => {
    const result = resolvePostalCode("74300");
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "AMBIGUOUS") throw new Error(`expected AMBIGUOUS, got ${JSON.stringify(result)}`);
    expect(result.candidates[0].name).toBe("Cluses");
    expect(result.candidates).toEqual(communesByPostalCode("74300"));
  });

  it("picks the commune designated by its INSEE code", () => {
    expect(resolvePostalCode("74300", "74081")).toMatchObject({
      ok: true,
      commune: { name: "Cluses", departmentName: "Haute-Savoie", regionName: "Auvergne-Rhône-Alpes" },
    });
    expect(resolvePostalCode("20000", "2a004")).toMatchObject({ ok: true, commune: { inseeCode: "2A004" } });
  });

  it("rejects an INSEE code that does not belong to the postal code", () => {
    expect(resolvePostalCode("74300", "75056")).toEqual({ ok: false, reason: "UNKNOWN" });
  });

  it("rejects unknown postal codes", () => {
    expect(resolvePostalCode("00000")).toEqual({ ok: false, reason: "UNKNOWN" });
    expect(resolvePostalCode("99999")).toEqual({ ok: false, reason: "UNKNOWN" });
  });

  it.each(["", "1234", "ABCDE", "2A004", "75 011"])("rejects the malformed %j", (value) => {
    expect(resolvePostalCode(value)).toEqual({ ok: false, reason: "FORMAT" });
  });
});
