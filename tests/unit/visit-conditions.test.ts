import { describe, expect, it, vi } from "vitest";

// lib/env reads the settings once, when the templates first load: the public URL has to be set first.
// The pages' translations come from next-intl's request context; here, from the same message files.
const intl = vi.hoisted(() => {
  process.env.APP_URL = "https://usines.example/";
  return { locale: "fr" as "fr" | "en" };
});
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { loadMessages } = await import("@/lib/i18n/messages");
  return {
    getTranslations: async (namespace: string) =>
      createTranslator({ locale: intl.locale, messages: await loadMessages(intl.locale), namespace: namespace as never }),
  };
});

import { renderToStaticMarkup } from "react-dom/server";
import { VisitConditionList } from "@/components/booking/VisitConditionList";
import { effectiveMinAge, visitConditions } from "@/lib/booking/visit-conditions";
import { confirmationEmail, promotedEmail, waitlistedEmail, type BookingMailData } from "@/lib/email/templates/booking";
import { reminderEmail } from "@/lib/email/templates/lifecycle";
import { emptyTotals, type AttendeeList, type AttendeeRow } from "@/lib/factory/attendees";
import { attendeeSheet } from "@/lib/factory/export";

describe("effectiveMinAge", () => {
  it("is the stricter of the slot's and the factory's, null when neither has one", () => {
    expect(effectiveMinAge({ minAge: null }, { minAge: null })).toBeNull();
    expect(effectiveMinAge(null, { minAge: 12 })).toBe(12);
    expect(effectiveMinAge({ minAge: 14 }, { minAge: null })).toBe(14);
    expect(effectiveMinAge({ minAge: 14 }, { minAge: 12 })).toBe(14);
    // A slot cannot lower the site's minimum age.
    expect(effectiveMinAge({ minAge: 8 }, { minAge: 12 })).toBe(12);
  });
});

const factory = {
  companyName: "Décolletage & Fils",
  siteName: "Site de Cluses",
  address: "1 rue de l'Usine",
  postalCode: "74300",
  communeName: "Cluses",
  minAge: 12,
  closedShoesRequired: true,
  idRequired: true,
  pacemakerWarning: true,
  otherConditions: "  Pas de bijoux  ",
  wheelchairAccessible: true,
  accessibilityNotes: "Ascenseur jusqu'à l'atelier",
};
// The slot is stricter than the site: 14 must show everywhere, not 12.
// No practical information: this file is about the conditions.
const slot = {
  startsAt: new Date("2027-03-13T09:00:00Z"),
  endsAt: new Date("2027-03-13T10:30:00Z"),
  minAge: 14,
  meetingPoint: null,
  parkingInfo: null,
  publicTransport: null,
  walkingDistanceMeters: null,
  ppe: "NONE" as const,
  photographyAllowed: null,
  factory,
};

const booking = (kind: "INDIVIDUAL" | "GROUP", locale: "fr" | "en"): BookingMailData => ({
  id: `booking-${kind}`,
  editionId: "ed1",
  kind,
  contactName: "Camille Martin",
  email: "camille@example.fr",
  locale,
  seats: kind === "GROUP" ? 26 : 3,
  students: kind === "GROUP" ? 24 : null,
  adults: 2,
  organisationType: null,
  organisationName: null,
  ticketCode: "ABCD2345",
  edition: { name: "Journées Usines Ouvertes 2027" },
  slot,
});

const tokens = { manageToken: "MANAGE", ticketToken: "TICKET" };

// The "- " lines under the conditions' title in an e-mail's plain text.
function mailLines(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(title));
  expect(start).toBeGreaterThan(-1);
  const after = lines.slice(start + 1);
  return after.slice(0, after.findIndex((line) => !line.startsWith("- "))).map((line) => line.slice(2));
}

async function pageLines(kind: "INDIVIDUAL" | "GROUP"): Promise<string[]> {
  const element = await VisitConditionList({ conditions: visitConditions(slot, factory, { group: kind === "GROUP" }) });
  return [...renderToStaticMarkup(element).matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => m[1].replace(/&#x27;/g, "'").replace(/&amp;/g, "&"));
}

async function exportLines(kind: "INDIVIDUAL" | "GROUP", locale: "fr" | "en"): Promise<string[]> {
  const row = { id: "b1", kind, status: "CONFIRMED", seats: 2, contactName: "Camille Martin", createdAt: new Date() } as AttendeeRow;
  const { startsAt, endsAt, minAge } = slot;
  const list: AttendeeList = {
    factory: { id: "f1", ...factory },
    filter: {},
    options: { days: [], slots: [] },
    slots: [{ id: "s1", startsAt, endsAt, format: "GUIDED_TOUR", audience: "BOTH", capacity: 30, status: "OPEN", minAge, bookings: [row], totals: emptyTotals() }],
    totals: emptyTotals(),
  };
  const sheet = await attendeeSheet(list, locale);
  const column = sheet.columns.findIndex((c) => c.key === "conditions");
  return String(sheet.rows[0][column]).split(" · ");
}

describe("visit conditions: one wording on every surface", () => {
  const expected = {
    fr: [
      "Âge minimum : 14 ans",
      "Chaussures fermées obligatoires",
      "Pièce d'identité demandée à l'entrée",
      "Déconseillé aux porteurs d'un stimulateur cardiaque (pacemaker) ou d'un implant électronique : présence de champs magnétiques",
      "Pas de bijoux",
      "Les mineurs doivent être accompagnés d'un adulte.",
      "Site accessible en fauteuil roulant",
      "Ascenseur jusqu'à l'atelier",
    ],
    en: [
      "Minimum age: 14",
      "Closed shoes required",
      "Photo ID required at the entrance",
      "Not advised for people with a pacemaker or an electronic implant: magnetic fields on site",
      "Pas de bijoux",
      "Minors must be accompanied by an adult.",
      "Site accessible by wheelchair",
      "Ascenseur jusqu'à l'atelier",
    ],
  };
  const MINORS_LINE = 5;
  const titles = { fr: "Conditions de visite", en: "Visit conditions" };

  for (const locale of ["fr", "en"] as const) {
    for (const kind of ["INDIVIDUAL", "GROUP"] as const) {
      it(`booking page, booking e-mails, reminder and attendee export agree (${locale}, ${kind})`, async () => {
        intl.locale = locale;
        // A class comes with its adults: no rule on minors for it.
        const want = kind === "GROUP" ? expected[locale].filter((_, index) => index !== MINORS_LINE) : expected[locale];
        const data = booking(kind, locale);
        const surfaces = {
          page: await pageLines(kind),
          confirmation: mailLines(confirmationEmail(data, tokens).text, titles[locale]),
          waitlisted: mailLines(waitlistedEmail(data, tokens).text, titles[locale]),
          promoted: mailLines(promotedEmail(data, tokens).text, titles[locale]),
          reminder: mailLines(reminderEmail(data, tokens).text, titles[locale]),
          export: await exportLines(kind, locale),
        };
        for (const [surface, lines] of Object.entries(surfaces)) expect({ surface, lines }).toEqual({ surface, lines: want });
      });
    }
  }
});
