import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registrationFromFormData, registrationValues } from "@/app/espace-usine/inscription/form-data";
import { sniffImage } from "@/lib/factory/photos";
import {
  checkPhotoList,
  factoryRegistrationInput,
  MAX_PHOTO_BYTES,
  registrationFieldErrors,
  registrationStepSchemas,
  stepOfField,
} from "@/lib/factory/schemas";
import { parseStatusReason, reasonMessage, type StatusReason } from "@/lib/representativity/reasons";
import { validFactoryRegistration as valid } from "../fixtures/schema-inputs";

const codes = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : registrationFieldErrors(result.error);
};

describe("factoryRegistrationInput", () => {
  it("accepts a form's strings and gives typed values", () => {
    const parsed = factoryRegistrationInput.parse({ ...valid, siret: "732 829 320 00074", closedShoesRequired: "on", minAge: "", studentsPerAdult: " 12 ", invites: ["", " A@Example.fr ", "a@example.fr"] });
    expect(parsed).toMatchObject({
      siret: "73282932000074",
      headcount: 85,
      closedShoesRequired: true,
      idRequired: false,
      minAge: undefined,
      studentsPerAdult: 12,
      invites: ["a@example.fr"],
    });
  });

  it.each([
    [{ siret: "73282932000075" }, { siret: "siret.checksum" }],
    [{ siret: "7328293200007" }, { siret: "siret.format" }],
    [{ siret: "7328293200007A" }, { siret: "siret.format" }],
    [{ siret: "" }, { siret: "siret.required" }],
    [{ siret: undefined }, { siret: "siret.required" }],
    [{ postalCode: "7430" }, { postalCode: "postalCode.format" }],
    [{ communeCode: "Cluses" }, { communeCode: "communeCode.invalid" }],
    [{ communeCode: "2a004" }, {}],
    [{ sectorCode: "47" }, { sectorCode: "sectorCode.not_industrial" }],
    [{ sectorCode: "01" }, { sectorCode: "sectorCode.not_industrial" }],
    [{ sectorCode: "" }, { sectorCode: "sectorCode.required" }],
    [{ headcount: "" }, { headcount: "headcount.required" }],
    [{ headcount: "beaucoup" }, { headcount: "headcount.invalid" }],
    [{ headcount: "12.5" }, { headcount: "headcount.invalid" }],
    [{ headcount: -1 }, { headcount: "headcount.too_small" }],
    [{ headcount: "0" }, {}],
    [{ headcount: "1 200" }, {}],
    [{ description: "Trop court" }, { description: "description.too_short" }],
    [{ description: "x".repeat(2001) }, { description: "description.too_long" }],
    [{ description: "   " }, { description: "description.required" }],
    [{ minAge: "100" }, { minAge: "minAge.too_large" }],
    [{ studentsPerAdult: "0" }, { studentsPerAdult: "studentsPerAdult.too_small" }],
    [{ studentsPerAdult: "31" }, { studentsPerAdult: "studentsPerAdult.too_large" }],
    [{ companyName: "  " }, { companyName: "companyName.required" }],
    [{ otherConditions: "x".repeat(501) }, { otherConditions: "otherConditions.too_long" }],
    [{ invites: ["ok@example.fr", "", "nope"] }, { "invites.2": "invites.invalid" }],
    [{ invites: ["a@x.fr", "b@x.fr", "c@x.fr", "d@x.fr", "e@x.fr", "f@x.fr"] }, { invites: "invites.too_many" }],
    [{ invites: ["a@x.fr", "", "", "", "", "", "b@x.fr"] }, {}],
  ])("case %#", (over, expected) => {
    expect(codes(factoryRegistrationInput, { ...valid, ...over })).toEqual(expected);
  });

  it("splits into four steps that cover every field once", () => {
    const fields = Object.values(registrationStepSchemas).flatMap((schema) => Object.keys(schema.shape));
    expect(fields.sort()).toEqual(Object.keys(factoryRegistrationInput.shape).sort());
    expect(codes(registrationStepSchemas.site, valid)).toEqual({});
    expect(codes(registrationStepSchemas.activity, { sectorCode: "47", headcount: "" })).toEqual({
      sectorCode: "sectorCode.not_industrial",
      headcount: "headcount.required",
    });
    expect(stepOfField("siret")).toBe("site");
    expect(stepOfField("communeCode")).toBe("site");
    expect(stepOfField("headcount")).toBe("activity");
    expect(stepOfField("photos")).toBe("visit");
    expect(stepOfField("invites.3")).toBe("contacts");
    expect(stepOfField("_form")).toBeUndefined();
  });

  it("reads the form's FormData, keeping blank invite inputs in place", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(valid)) form.set(k, String(v));
    form.set("wheelchairAccessible", "on");
    form.append("invites", "");
    form.append("invites", "bad");
    form.append("photos", new File([], ""));
    const input = registrationFromFormData(form);
    expect(input).toMatchObject({ wheelchairAccessible: true, idRequired: false, invites: ["", "bad"], minAge: "" });
    expect(codes(factoryRegistrationInput, input)).toEqual({ "invites.1": "invites.invalid" });
    expect(registrationValues(form)).toMatchObject({ siret: valid.siret, wheelchairAccessible: "on", "invites.1": "bad" });
  });
});

describe("checkPhotoList", () => {
  const photo = (size: number, type = "image/jpeg") => ({ size, type });
  it("checks count, size and declared type without reading the files", () => {
    expect(checkPhotoList([])).toBeNull();
    expect(checkPhotoList([photo(0, "")])).toBeNull(); // the empty file of an untouched input
    expect(checkPhotoList(Array.from({ length: 5 }, () => photo(1000)))).toBeNull();
    expect(checkPhotoList(Array.from({ length: 6 }, () => photo(1000)))).toBe("photos.too_many");
    expect(checkPhotoList([photo(MAX_PHOTO_BYTES + 1)])).toBe("photos.too_large");
    expect(checkPhotoList([photo(1000, "image/gif")])).toBe("photos.type");
    expect(checkPhotoList([photo(1000, "")])).toBeNull(); // unknown type: the bytes decide
  });
});

describe("sniffImage", () => {
  const bytes = (...parts: (number[] | string)[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)).concat(Array(32).fill(0)));

  it("reads PNG, JPEG (any SOF) and the three WebP flavours", () => {
    expect(sniffImage(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR", [0, 0, 3, 32, 0, 0, 2, 88]))).toEqual({
      mimeType: "image/png",
      width: 800,
      height: 600,
    });
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...Array(14).fill(0)];
    const sof2 = [0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03];
    expect(sniffImage(bytes([0xff, 0xd8], app0, [0xff], sof2))).toEqual({ mimeType: "image/jpeg", width: 640, height: 480 });
    expect(sniffImage(bytes("RIFF", [0, 0, 0, 0], "WEBP", "VP8X", [10, 0, 0, 0, 0, 0, 0, 0], [0x1f, 0x03, 0], [0x57, 0x02, 0]))).toMatchObject({
      mimeType: "image/webp",
      width: 800,
      height: 600,
    });
    expect(sniffImage(bytes("RIFF", [0, 0, 0, 0], "WEBP", "VP8 ", [0, 0, 0, 0], [0, 0, 0], [0x9d, 0x01, 0x2a], [0x20, 0x03, 0x58, 0x02]))).toMatchObject({
      width: 800,
      height: 600,
    });
    // VP8L: 14 bits width−1, 14 bits height−1, little-endian bit order.
    const w = 799;
    const h = 599;
    const bits = w | (h << 14);
    expect(sniffImage(bytes("RIFF", [0, 0, 0, 0], "WEBP", "VP8L", [0, 0, 0, 0], [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]))).toMatchObject({
      width: 800,
      height: 600,
    });
  });

  it("refuses what is not one of them, whatever its name or declared type", () => {
    expect(sniffImage(bytes("GIF89a"))).toBeNull();
    expect(sniffImage(bytes("<svg xmlns='http://www.w3.org/2000/svg'>"))).toBeNull();
    expect(sniffImage(bytes("%PDF-1.7"))).toBeNull();
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull(); // truncated
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0]))).toBeNull(); // no frame header
  });

  it("agrees with a real encoder (sharp) when it is installed", async () => {
    const sharp = (await import("sharp").catch(() => null))?.default;
    if (!sharp) return;
    const base = sharp({ create: { width: 321, height: 123, channels: 3, background: "#4477aa" } });
    for (const [format, mimeType] of [
      [base.clone().jpeg({ progressive: true }), "image/jpeg"],
      [base.clone().jpeg({ mozjpeg: true }), "image/jpeg"],
      [base.clone().png(), "image/png"],
      [base.clone().webp({ lossless: true }), "image/webp"],
      [base.clone().webp({ quality: 70 }), "image/webp"],
    ] as const) {
      const info = sniffImage(new Uint8Array(await format.toBuffer()));
      expect(info).toMatchObject({ mimeType, width: 321, height: 123 });
    }
  });
});

describe("waiting-list reasons", () => {
  const cap = (dimension: "REGION" | "SECTOR" | "SIZE", value: string, n: number): StatusReason => ({ code: "cap_reached", params: { dimension, value, cap: n } });

  it("reads well in French and in English", () => {
    expect(reasonMessage(cap("REGION", "11", 25))).toBe("La région Île-de-France a déjà atteint son plafond de 25 sites.");
    expect(reasonMessage(cap("REGION", "11", 25), "en")).toBe("The Île-de-France region has already reached its cap of 25 sites.");
    expect(reasonMessage(cap("SECTOR", "24", 1))).toBe("Le secteur «\u00a0Métallurgie\u00a0» a déjà atteint son plafond de 1 site.");
    expect(reasonMessage(cap("SECTOR", "24", 1), "en")).toBe("The “Manufacture of basic metals” sector has already reached its cap of 1 site.");
    expect(reasonMessage(cap("SIZE", "TPE", 0))).toBe("La catégorie «\u00a0Très petite entreprise (moins de 10 salariés)\u00a0» a déjà atteint son plafond de 0 site.");
    const phase: StatusReason = { code: "phase_under_target_only", params: { phase: "Février", regionCode: "53", sectorCode: "10", sizeBand: "ETI" } };
    expect(reasonMessage(phase, "en")).toBe(
      "During the “Février” phase, only sites whose region, sector or company size is still under its target may register: " +
        "neither the Bretagne region, nor the “Manufacture of food products” sector, nor the “Intermediate-sized enterprise (250 to 4,999 employees)” size band is.",
    );
    expect(reasonMessage(phase)).toContain("ni de la région Bretagne, ni du secteur «\u00a0Industries alimentaires\u00a0»");
  });

  it("round-trips through stored JSON and rejects anything else", () => {
    const reason = cap("SIZE", "GE", 3);
    expect(parseStatusReason(JSON.parse(JSON.stringify(reason)))).toEqual(reason);
    expect(parseStatusReason({ code: "cap_reached", params: { dimension: "CITY", value: "x", cap: 1 } })).toBeNull();
    expect(parseStatusReason(null)).toBeNull();
  });
});

describe("registration messages", () => {
  const load = (locale: string) => JSON.parse(fs.readFileSync(path.join("lib/i18n/messages", locale, "registration.json"), "utf8"));
  const keys = (obj: Record<string, unknown>, prefix = ""): string[] =>
    Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));

  it("has the same keys in French and English", () => {
    expect(keys(load("en")).sort()).toEqual(keys(load("fr")).sort());
  });

  it("has a message for every error code the registration can produce", () => {
    const fr = keys(load("fr"));
    const produced = new Set<string>(["validation.failed", "registration.closed", "registration.busy", "auth.required", "siret.taken"]);
    ["postalCode.unknown", "communeCode.required", "communeCode.invalid"].forEach((c) => produced.add(c));
    ["photos.too_many", "photos.too_large", "photos.type", "photos.too_small", "photos.dimensions", "photos.total_too_large"].forEach((c) => produced.add(c));
    const bad: Record<string, unknown>[] = [
      { siret: "1", postalCode: "1", communeCode: "x", sectorCode: "47", headcount: "x", description: "x", minAge: "x", studentsPerAdult: "x", invites: ["x"] },
      { siret: "12345678901234", headcount: -1, minAge: -1, studentsPerAdult: 0, description: "x".repeat(3000), companyName: "x".repeat(300), siteName: "x".repeat(300), address: "x".repeat(400), otherConditions: "x".repeat(600), accessibilityNotes: "x".repeat(600), invites: Array(6).fill("a@b.fr") },
      { headcount: 2_000_000, minAge: 200, studentsPerAdult: 40, otherConditions: 3, accessibilityNotes: 3 },
      {},
    ];
    for (const input of bad) Object.values(codes(factoryRegistrationInput, input)).forEach((c) => produced.add(c));
    const missing = [...produced].filter((code) => !fr.includes(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});
