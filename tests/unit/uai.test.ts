import { describe, it, expect } from "vitest";
import { normaliseUai, validateUai } from "@/lib/reference/uai";

describe("validateUai", () => {
  // Real schools, from the national directory (annuaire de l'éducation).
  it.each([
    ["Lycée Henri-IV, Paris", "0750654D"],
    ["Lycée Louis-le-Grand, Paris", "0750655E"],
    ["Lycée Charlemagne, Paris", "0750652B"],
    ["Lycée Berthollet, Annecy", "0740003B"],
    ["Lycée Fesch, Ajaccio (2A → 620)", "6200001G"],
    ["Lycée Laetitia Bonaparte, Ajaccio", "6200002H"],
    ["Lycée Giocante de Casabianca, Bastia (2B → 720)", "7200009X"],
    ["Lycée Pascal Paoli, Corte", "7200021K"],
    ["Lycée Leconte de Lisle, La Réunion", "9740001H"],
    ["Lycée Gerville Réache, Guadeloupe", "9710002A"],
    ["Lycée Younoussa Bamana, Mayotte", "9760127J"],
  ])("accepts %s (%s)", (_school, uai) => {
    expect(validateUai(uai)).toEqual({ ok: true, uai });
  });

  it("normalises case and surrounding spaces", () => {
    expect(validateUai(" 0750654d ")).toEqual({ ok: true, uai: "0750654D" });
  });

  it.each([
    ["a wrong check letter", "0750654E"],
    ["two swapped digits", "0750645D"],
    ["a mistyped digit", "0740030B"],
    ["a letter outside the 23-letter alphabet", "0750654I"],
  ])("detects %s", (_what, uai) => {
    expect(validateUai(uai)).toEqual({ ok: false, reason: "CHECKSUM" });
  });

  it.each([
    ["a missing check letter", "0750654"],
    ["a missing digit", "075654D"],
    ["an extra digit", "07506540D"],
    ["Corsica written 2A instead of 620", "02A0001G"],
    ["an inner space", "07506 54D"],
    ["a digit instead of the check letter", "07506541"],
    ["nothing", ""],
  ])("rejects the format of %s", (_what, input) => {
    expect(validateUai(input)).toEqual({ ok: false, reason: "FORMAT" });
  });
});

describe("normaliseUai", () => {
  it("upper-cases and trims", () => {
    expect(normaliseUai("\t6200001g ")).toBe("6200001G");
  });
});
