import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en/jobs.json";
import fr from "@/lib/i18n/messages/fr/jobs.json";
import { JOB_FAMILIES, parseRomeTsv, ROME_CODE, romeCodesOf, romeJob, romeJobs } from "@/lib/reference/rome";

describe("the curated ROME list", () => {
  const jobs = romeJobs();

  it("keeps the source's header lines (France Travail, Licence Ouverte 2.0, 2024)", () => {
    const head = readFileSync("lib/reference/rome-industrie.tsv", "utf8").split("\n").slice(0, 3).join("\n");
    expect(head).toMatch(/^# /);
    expect(head).toContain("France Travail");
    expect(head).toContain("Licence Ouverte 2.0");
    expect(head).toContain("2024");
  });

  it("has about a hundred records, each code unique and well-formed, each label non-blank", () => {
    expect(jobs.length).toBeGreaterThan(90);
    expect(new Set(jobs.map((job) => job.code)).size).toBe(jobs.length);
    for (const job of jobs) {
      expect(job.code).toMatch(ROME_CODE);
      expect(job.label.trim()).toBe(job.label);
      expect(job.label).not.toBe("");
    }
  });

  it("uses every family, and only the listed ones", () => {
    expect(new Set(jobs.map((job) => job.family))).toEqual(new Set(JOB_FAMILIES));
    for (const family of JOB_FAMILIES) expect(romeCodesOf(family).length).toBeGreaterThan(0);
  });

  it("names every family in French and in English", () => {
    for (const family of JOB_FAMILIES) {
      expect(fr.families[family], `fr ${family}`).toBeTruthy();
      expect(en.families[family], `en ${family}`).toBeTruthy();
    }
    expect(Object.keys(fr.families).sort()).toEqual([...JOB_FAMILIES].sort());
    expect(Object.keys(en.families).sort()).toEqual([...JOB_FAMILIES].sort());
    expect(fr.families.conduite).toBe("Conduite de ligne");
  });

  it("looks a code up with its official label and family", () => {
    expect(romeJob("H2913")).toEqual({ code: "H2913", label: "Soudage manuel", family: "soudage" });
    expect(romeJob("I1310")?.family).toBe("maintenance");
    expect(romeJob("Z9999")).toBeUndefined();
    expect(romeCodesOf("maintenance")).toContain("I1310");
    expect(romeCodesOf("maintenance")).not.toContain("H2913");
  });

  it("refuses a file with another header or an unknown family", () => {
    expect(() => parseRomeTsv("code\tlabel\n")).toThrow(/header/);
    expect(() => parseRomeTsv("# note\ncode\tlabel\tfamily\nH0000\tUn métier\tcuisine\n")).toThrow(/bad record/);
    expect(parseRomeTsv("# note\ncode\tlabel\tfamily\r\nH2913\tSoudage manuel\tsoudage\r\n")).toEqual([{ code: "H2913", label: "Soudage manuel", family: "soudage" }]);
  });
});
