import { describe, it, expect } from "vitest";
import { normaliseSiret, sirenOf, validateSiret } from "@/lib/reference/siret";

const digitSum = (value: string) => [...value].reduce((sum, c) => sum + Number(c), 0);

describe("validateSiret", () => {
  // Head offices of well-known companies, as listed in the SIRENE directory.
  it.each([
    ["TotalEnergies SE", "54205118000066"],
    ["Renault SA", "44163946500018"],
    ["Danone", "55203253400646"],
    ["Airbus SAS", "38347481400100"],
  ])("accepts %s (%s)", (_company, siret) => {
    expect(validateSiret(siret)).toEqual({ ok: true, siret });
  });

  it("normalises spaces away, including copy-pasted no-break spaces", () => {
    expect(validateSiret(" 732 829 320 00074 ")).toEqual({ ok: true, siret: "73282932000074" });
    expect(validateSiret("542\u00a0051\u00a0180\u00a000066")).toEqual({ ok: true, siret: "54205118000066" });
  });

  it.each([
    ["a typo in the last digit", "54205118000067"],
    ["two swapped digits", "54250118000066"],
    ["a typo in the NIC", "55203253400647"],
  ])("detects %s", (_what, siret) => {
    expect(validateSiret(siret)).toEqual({ ok: false, reason: "CHECKSUM" });
  });

  it("only applies La Poste's multiple-of-5 rule to La Poste", () => {
    const renaultTypo = "44163946500017";
    expect(digitSum(renaultTypo) % 5).toBe(0);
    expect(validateSiret(renaultTypo)).toEqual({ ok: false, reason: "CHECKSUM" });
  });

  describe("La Poste (SIREN 356 000 000)", () => {
    it("accepts the head office, which passes Luhn but not the multiple-of-5 rule", () => {
      expect(digitSum("35600000000048") % 5).not.toBe(0);
      expect(validateSiret("356 000 000 00048")).toEqual({ ok: true, siret: "35600000000048" });
    });

    it("accepts an establishment whose digits add up to a multiple of 5 although it fails Luhn", () => {
      // 3+5+6+4+9+8+3+7 = 45; its Luhn sum is 48, so a plain Luhn check would reject it.
      expect(digitSum("35600000049837")).toBe(45);
      expect(validateSiret("35600000049837")).toEqual({ ok: true, siret: "35600000049837" });
    });

    it("rejects an establishment failing both rules", () => {
      expect(validateSiret("35600000049838")).toEqual({ ok: false, reason: "CHECKSUM" });
    });
  });

  it.each([
    ["13 digits", "5420511800006"],
    ["15 digits", "542051180000660"],
    ["a SIREN alone", "542051180"],
    ["letters", "5420511800006A"],
    ["dashes", "542-051-180-00066"],
    ["nothing", ""],
    ["blanks only", "   "],
  ])("rejects the format of %s", (_what, input) => {
    expect(validateSiret(input)).toEqual({ ok: false, reason: "FORMAT" });
  });
});

describe("normaliseSiret / sirenOf", () => {
  it("strips all whitespace", () => {
    expect(normaliseSiret(" 542 051 180\t00066\n")).toBe("54205118000066");
  });

  it("extracts the SIREN from a formatted SIRET", () => {
    expect(sirenOf("542 051 180 00066")).toBe("542051180");
    expect(sirenOf("35600000049837")).toBe("356000000");
  });
});
