import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import catalogueEn from "@/lib/i18n/messages/en/catalogue.json";
import catalogueFr from "@/lib/i18n/messages/fr/catalogue.json";
import organiserAdminEn from "@/lib/i18n/messages/en/organiserAdmin.json";
import organiserAdminFr from "@/lib/i18n/messages/fr/organiserAdmin.json";
import { auditLabels, type Translate } from "@/lib/organiser/audit-labels";

const ROOT = join(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// Every action code the application writes to the audit log: the "entity.verb" string literals on
// the lines that set an entry's action (`action: "slot.update"`, a map of decisions to actions, a
// ternary between two codes).
function auditActionCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...sourceFiles("lib"), ...sourceFiles("app")]) {
    for (const line of readFileSync(join(ROOT, file), "utf8").split("\n")) {
      if (!/\baction\b|\bACTION\b/.test(line) || /Translations\(/.test(line)) continue;
      // Not a call's argument: t("filters.action") is a message key.
      for (const [, code] of line.matchAll(/(?<![(\w])["'`]([a-z_]+\.[a-z_]+)["'`]/g)) codes.add(code);
    }
  }
  return codes;
}

// The enums an audit entry records (statuses, the visit's format and audience, the approval mode…).
function prismaEnumValues(names: string[]): string[] {
  const schema = readFileSync(join(ROOT, "prisma", "schema.prisma"), "utf8");
  return names.flatMap((name) => {
    const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1];
    if (!body) throw new Error(`No enum ${name} in the schema`);
    return body.split("\n").map((line) => line.replace(/\/\/.*/, "").trim()).filter(Boolean);
  });
}

// Untyped, as in the app: the labels look keys up by the codes they meet.
const translator = (locale: "fr" | "en", messages: unknown, namespace: string) =>
  createTranslator({ locale, messages: messages as AbstractIntlMessages, namespace }) as unknown as Translate;
const labelsIn = (locale: "fr" | "en", organiserAdmin: unknown, catalogue: unknown) =>
  auditLabels(translator(locale, { organiserAdmin }, "organiserAdmin.journal"), translator(locale, { catalogue }, "catalogue.slot"));
const LABELS = { fr: labelsIn("fr", organiserAdminFr, catalogueFr), en: labelsIn("en", organiserAdminEn, catalogueEn) };

describe("the journal's words for the audit log's codes", () => {
  const codes = [...auditActionCodes()].sort();

  it("finds the action codes written across the code base", () => {
    // The scan itself works: codes written through writeAudit, tx.auditLog.create and a decision map.
    expect(codes).toEqual(expect.arrayContaining(["edition.bookings_exported_with_contacts", "factory.photo_add", "factory.rejected", "quotas.imported", "slot.update"]));
  });

  it.each(["fr", "en"] as const)("names every action code in %s", (lang) => {
    const unnamed = codes.filter((code) => LABELS[lang].action(code) === code);
    expect(unnamed).toEqual([]);
  });

  it.each(["fr", "en"] as const)("names every recorded enum value in %s, with the visit's own labels for its format and audience", (lang) => {
    const values = prismaEnumValues(["FactoryStatus", "SlotStatus", "BookingStatus", "BookingKind", "ApprovalMode", "Role", "PhaseRule"]);
    expect(values.filter((value) => LABELS[lang].value("status", value) === value)).toEqual([]);
    for (const value of prismaEnumValues(["SlotFormat"])) expect(LABELS[lang].value("format", value)).toBe(lang === "en" ? catalogueEn.slot.format[value as keyof typeof catalogueEn.slot.format] : catalogueFr.slot.format[value as keyof typeof catalogueFr.slot.format]);
    for (const value of prismaEnumValues(["Audience"])) expect(LABELS[lang].value("audience", value)).not.toBe(value);
  });

  it("names the fields of a visit's change and keeps free text and unknown codes as they are", () => {
    expect(LABELS.en.key("minAge")).toBe("Minimum age");
    expect(LABELS.fr.value("format", "GUIDED_TOUR")).toBe("Visite guidée");
    expect(LABELS.en.value("audience", "PUBLIC")).toBe("General public");
    expect(LABELS.en.value("language", "en")).toBe("English");
    expect(LABELS.en.reason("RETENTION")).toBe("End of the retention period");
    expect(LABELS.fr.reason("Site fermé pour travaux")).toBe("Site fermé pour travaux");
    expect(LABELS.en.action("factory.some_future_action")).toBe("factory.some_future_action");
    expect(LABELS.en.key("someNewField")).toBe("someNewField");
  });
});
