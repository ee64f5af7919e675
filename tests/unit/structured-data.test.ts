import { describe, expect, it } from "vitest";
import { circuitEvent, jsonLdText, visitEvents } from "@/lib/catalogue/structured-data";

const factory = {
  id: "f1",
  siteName: "Forges de l'Arve",
  companyName: "Décolletage Savoyard SA",
  description: "Des pièces </script><script>alert(1)</script> décolletées.",
  address: "12 rue des Forges",
  postalCode: "74300",
  communeName: "Cluses",
};
const context = { origin: "https://usines.example", editionName: "Journées Usines Ouvertes 2027", organiserName: "Usines Ouvertes", bookingOpensAt: new Date("2027-02-01T08:00:00Z") };
const winter = { id: "s1", startsAt: new Date("2027-03-26T09:00:00Z"), endsAt: new Date("2027-03-26T10:30:00Z"), seatsLeft: 4, language: "fr" };
// The day after the switch to summer time.
const summer = { id: "s2", startsAt: new Date("2027-03-29T07:00:00Z"), endsAt: new Date("2027-03-29T08:00:00Z"), seatsLeft: 0, language: "en" };

// What a consumer gets: the text of the <script type="application/ld+json">, parsed back.
const parsed = () => JSON.parse(jsonLdText(visitEvents(factory, [winter, summer], context)));

describe("the visits' schema.org Event data", () => {
  it("describes each visit as a free, on-site, scheduled event at the factory's postal address", () => {
    const [event] = parsed();
    expect(event).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Event",
      name: "Journées Usines Ouvertes 2027 — Forges de l'Arve",
      url: "https://usines.example/usines/f1",
      eventStatus: "https://schema.org/EventScheduled",
      eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
      isAccessibleForFree: true,
      inLanguage: "fr",
      location: {
        "@type": "Place",
        address: { "@type": "PostalAddress", streetAddress: "12 rue des Forges", postalCode: "74300", addressLocality: "Cluses", addressCountry: "FR" },
      },
      organizer: { "@type": "Organization", name: "Décolletage Savoyard SA" },
      offers: { "@type": "Offer", price: 0, priceCurrency: "EUR", url: "https://usines.example/visites/s1/reserver" },
    });
  });

  it("gives its times on the Paris clock with the offset of the day (winter +01:00, summer +02:00)", () => {
    const [winterEvent, summerEvent] = parsed();
    expect([winterEvent.startDate, winterEvent.endDate]).toEqual(["2027-03-26T10:00:00+01:00", "2027-03-26T11:30:00+01:00"]);
    expect([summerEvent.startDate, summerEvent.endDate]).toEqual(["2027-03-29T09:00:00+02:00", "2027-03-29T10:00:00+02:00"]);
    expect(winterEvent.offers.validFrom).toBe("2027-02-01T09:00:00+01:00");
  });

  it("is in stock while seats are left and sold out when none are", () => {
    const [open, full] = parsed();
    expect([open.offers.availability, open.remainingAttendeeCapacity]).toEqual(["https://schema.org/InStock", 4]);
    expect([full.offers.availability, full.remainingAttendeeCapacity]).toEqual(["https://schema.org/SoldOut", 0]);
  });

  it("cannot close its <script> element: every < is escaped, and the text still parses to the same data", () => {
    const text = jsonLdText(visitEvents(factory, [winter], context));
    expect(text).not.toContain("<");
    expect(JSON.parse(text)[0].description).toBe(factory.description);
  });

  it("is empty for a factory without open visits", () => {
    expect(visitEvents(factory, [], context)).toEqual([]);
  });
});

describe("a coach circuit's schema.org Event data", () => {
  const circuit = {
    id: "c1",
    name: "La vallée de l'Arve",
    description: "Deux usines en car.",
    departsAt: new Date("2027-03-26T07:30:00Z"),
    returnsAt: new Date("2027-03-26T15:00:00Z"),
    departure: { address: "Gare de Cluses", postalCode: "74300", communeName: "Cluses" },
    seatsLeft: 0,
    stops: [
      { slotId: "s1", startsAt: new Date("2027-03-26T09:00:00Z"), endsAt: new Date("2027-03-26T10:30:00Z"), factory: { siteName: "Forges de l'Arve", communeName: "Cluses" } },
      { slotId: "s2", startsAt: new Date("2027-03-26T12:30:00Z"), endsAt: new Date("2027-03-26T14:00:00Z"), factory: { siteName: "Tournerie", communeName: "Scionzier" } },
    ],
  };

  it("is one event at the meeting point from departure to return, its stops as sub-events, sold out when the bus or a stop is full", () => {
    const event = JSON.parse(jsonLdText(circuitEvent(circuit, context)));
    expect(event).toMatchObject({
      "@type": "Event",
      url: "https://usines.example/circuits/c1",
      startDate: "2027-03-26T08:30:00+01:00",
      endDate: "2027-03-26T16:00:00+01:00",
      location: { address: { streetAddress: "Gare de Cluses", postalCode: "74300", addressLocality: "Cluses" } },
      remainingAttendeeCapacity: 0,
      offers: { availability: "https://schema.org/SoldOut", url: "https://usines.example/circuits/c1" },
    });
    expect(event.subEvent.map((stop: { name: string; startDate: string }) => [stop.name, stop.startDate])).toEqual([
      ["Forges de l'Arve", "2027-03-26T10:00:00+01:00"],
      ["Tournerie", "2027-03-26T13:30:00+01:00"],
    ]);
  });
});
