import { describe, expect, it } from "vitest";
import { parseCatalogueFilters, catalogueQueryString } from "@/lib/catalogue/schemas";
import { pageMetadata, shortDescription } from "@/lib/seo/metadata";

describe("a public page's metadata", () => {
  const input = { path: "/usines/f1", title: "Forges, Cluses : visite d'usine", description: "Visite gratuite.", siteName: "Usines Ouvertes" };

  it("states its canonical address, and in Open Graph its language and the other one (no hreflang: both share the address)", () => {
    const metadata = pageMetadata({ ...input, locale: "fr" });
    expect(metadata.alternates).toEqual({ canonical: "/usines/f1" });
    expect(metadata.openGraph).toMatchObject({ url: "/usines/f1", title: input.title, description: input.description, siteName: "Usines Ouvertes", locale: "fr_FR", alternateLocale: ["en_GB"] });
    expect(pageMetadata({ ...input, locale: "en" }).openGraph).toMatchObject({ locale: "en_GB", alternateLocale: ["fr_FR"] });
  });

  it("uses a large Twitter card only for pages with their own image", () => {
    expect(pageMetadata({ ...input, locale: "fr" }).twitter).toMatchObject({ card: "summary" });
    expect(pageMetadata({ ...input, locale: "fr", largeImage: true }).twitter).toMatchObject({ card: "summary_large_image" });
  });

  it("gives every spelling of a catalogue search one canonical address: known filters, in the catalogue's order", () => {
    const canonical = (query: string) => `/visites${catalogueQueryString(parseCatalogueFilters(new URLSearchParams(query)))}`;
    expect(canonical("wheelchair=on&region=84&q=&utm_source=x")).toBe("/visites?region=84&wheelchair=1");
    expect(canonical("region=84&wheelchair=1")).toBe("/visites?region=84&wheelchair=1");
    expect(canonical("page=1")).toBe("/visites");
  });
});

describe("a meta description", () => {
  it("is kept whole when short, on one line", () => {
    expect(shortDescription("Visite  gratuite\nde l'usine.")).toBe("Visite gratuite de l'usine.");
  });

  it("is cut at a word boundary with an ellipsis when long", () => {
    const text = `${"décolletage ".repeat(20)}fin`;
    const short = shortDescription(text, 60);
    expect(short.length).toBeLessThanOrEqual(60);
    expect(short).toMatch(/décolletage…$/);
  });
});
