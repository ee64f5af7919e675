import { describe, expect, it } from "vitest";
import {
  accentInsensitivePattern,
  activeFilterKeys,
  catalogueQueryString,
  opensTo,
  parseCatalogueFilters,
  searchTerms,
} from "@/lib/catalogue/schemas";

describe("opensTo", () => {
  it("matches a visit to the audience searched for, a visit for both to either", () => {
    expect(opensTo({ audience: "PUBLIC" }, "PUBLIC")).toBe(true);
    expect(opensTo({ audience: "BOTH" }, "PUBLIC")).toBe(true);
    expect(opensTo({ audience: "SCHOOL" }, "PUBLIC")).toBe(false);
    expect(opensTo({ audience: "SCHOOL" }, "SCHOOL")).toBe(true);
    expect(opensTo({ audience: "BOTH" }, "SCHOOL")).toBe(true);
    expect(opensTo({ audience: "PUBLIC" }, "SCHOOL")).toBe(false);
    // Employment professionals: only visits that say so, whatever their audience; circuits never.
    expect(opensTo({ audience: "SCHOOL", openToEmployment: true }, "EMPLOYMENT")).toBe(true);
    expect(opensTo({ audience: "BOTH", openToEmployment: false }, "EMPLOYMENT")).toBe(false);
    expect(opensTo({ audience: "BOTH" }, "EMPLOYMENT")).toBe(false);
  });
});

describe("catalogueQueryString as the way back from a factory page", () => {
  it("keeps only known filters, so the link stays inside the catalogue", () => {
    const filters = parseCatalogueFilters({ audience: "PUBLIC", retour: "https://evil.example", callbackUrl: "//evil.example", day: "2027-03-19" });
    expect(`/visites${catalogueQueryString(filters)}`).toBe("/visites?day=2027-03-19&audience=PUBLIC");
  });
});

describe("catalogueFilters", () => {
  it("parses every parameter of a full URL", () => {
    const params = new URLSearchParams(
      "q=d%C3%A9colletage&region=84&department=74&postalCode=74300&sector=25&day=2027-03-19&time=morning" +
        "&audience=SCHOOL&available=1&wheelchair=1&maxMinAge=8&language=en&page=3&utm_source=x",
    );
    expect(parseCatalogueFilters(params)).toEqual({
      q: "décolletage",
      region: "84",
      department: "74",
      postalCode: "74300",
      sector: "25",
      day: "2027-03-19",
      time: "morning",
      audience: "SCHOOL",
      available: true,
      wheelchair: true,
      maxMinAge: 8,
      language: "en",
      page: 3,
    });
  });

  it("drops invalid values instead of failing", () => {
    expect(
      parseCatalogueFilters({
        q: "   ",
        region: "99",
        department: "20", // Corsica is 2A/2B
        postalCode: "7430",
        sector: "47", // retail is not industry
        day: "2027-02-30",
        time: "night",
        audience: "BOTH",
        available: "0",
        wheelchair: "no",
        maxMinAge: "12.5",
        language: "de",
        page: "0",
      }),
    ).toEqual({});
    expect(parseCatalogueFilters({ maxMinAge: "abc", page: "-1" })).toEqual({});
    expect(parseCatalogueFilters({ maxMinAge: "120" })).toEqual({});
  });

  it("treats the empty fields of a submitted GET form as absent", () => {
    const form = new URLSearchParams("q=&region=&department=&sector=&day=&time=&audience=&maxMinAge=&language=&postalCode=");
    expect(parseCatalogueFilters(form)).toEqual({});
  });

  it("keeps the first of repeated parameters, trims, normalises the department case", () => {
    expect(parseCatalogueFilters({ region: ["53", "84"], department: " 2a ", q: "  Lyon  ", maxMinAge: "0" })).toEqual({
      region: "53",
      department: "2A",
      q: "Lyon",
      maxMinAge: 0,
    });
    expect(parseCatalogueFilters({ available: "on" })).toEqual({ available: true });
    expect(parseCatalogueFilters({ q: "x".repeat(500) }).q).toHaveLength(100);
  });

  it("lists active filters, ignoring the postal code (a ranking) and the page", () => {
    expect(activeFilterKeys(parseCatalogueFilters({ wheelchair: "1", postalCode: "74300", page: "2", region: "84" }))).toEqual([
      "region",
      "wheelchair",
    ]);
  });
});

describe("catalogueQueryString", () => {
  const filters = parseCatalogueFilters({ q: "chocolat", region: "84", wheelchair: "1", page: "3" });

  it("writes a canonical, shareable query string that parses back to the same filters", () => {
    const query = catalogueQueryString(filters);
    expect(query).toBe("?q=chocolat&region=84&wheelchair=1&page=3");
    expect(parseCatalogueFilters(new URLSearchParams(query))).toEqual(filters);
  });

  it("removes a filter and returns to page 1", () => {
    expect(catalogueQueryString(filters, { wheelchair: undefined })).toBe("?q=chocolat&region=84");
  });

  it("changes the page only", () => {
    expect(catalogueQueryString(filters, { page: 4 })).toBe("?q=chocolat&region=84&wheelchair=1&page=4");
    expect(catalogueQueryString(filters, { page: 1 })).toBe("?q=chocolat&region=84&wheelchair=1");
    expect(catalogueQueryString({})).toBe("");
  });
});

describe("searchTerms", () => {
  it("folds case, accents and ligatures and splits on punctuation", () => {
    expect(searchTerms("  DÉCOLLETAGE  Saint-Étienne ")).toEqual(["decolletage", "saint", "etienne"]);
    expect(searchTerms("Chef-d’Œuvre à Thônes")).toEqual(["chef", "d", "oeuvre", "a", "thones"]);
    expect(searchTerms("100%_ sûr")).toEqual(["100", "sur"]);
    expect(searchTerms("")).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
  });
});

describe("accentInsensitivePattern", () => {
  // PostgreSQL's ~* is a case-insensitive POSIX-like match; JavaScript's "iu" flags behave the same
  // for these patterns (bracket classes, non-capturing groups).
  const matches = (term: string, text: string) => new RegExp(accentInsensitivePattern(term), "iu").test(text);

  it("matches accented, capitalised and ligatured spellings of a folded term", () => {
    expect(matches("decolletage", "DÉCOLLETAGE de l'Arve")).toBe(true);
    expect(matches("decolletage", "Décolletage")).toBe(true);
    expect(matches("oeuvre", "Chef-d'Œuvre")).toBe(true);
    expect(matches("oeuvre", "main-d'oeuvre")).toBe(true);
    expect(matches("poele", "Poêlerie")).toBe(true);
    expect(matches("thones", "Thônes")).toBe(true);
    expect(matches("noel", "Noël")).toBe(true);
    expect(matches("laetitia", "Lætitia")).toBe(true);
    expect(matches("decolletage", "découpage")).toBe(false);
  });

  it("round-trips with searchTerms", () => {
    for (const text of ["Saint-Étienne", "Œufs frais", "FORÊT", "Garçon"]) {
      for (const term of searchTerms(text)) expect(matches(term, text)).toBe(true);
    }
  });

  it("escapes anything that is not a letter or digit", () => {
    expect(accentInsensitivePattern("a.b")).toBe("[aàâäáãåAÀÂÄÁÃÅ]\\.b");
  });
});
