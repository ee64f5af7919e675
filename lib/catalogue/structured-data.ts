// schema.org `Event` data of a factory's public visits, for search engines and the sites that read
// JSON-LD (the factory page renders it). Pure: unit-tested without a server.
import { parisIsoDateTime } from "@/lib/paris-time";

export interface EventFactory {
  id: string;
  siteName: string;
  companyName: string;
  description: string;
  address: string;
  postalCode: string;
  communeName: string;
}

export interface EventSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  /** Free seats for anyone (seats held for schools count: they are free too). */
  seatsLeft: number;
  language: string;
}

export interface EventContext {
  /** The app's public origin, without a trailing slash ("https://usines-ouvertes.fr"). */
  origin: string;
  /** The event series (the edition) every visit belongs to. */
  editionName: string;
  organiserName: string;
  /** When bookings open: the offer's validFrom. */
  bookingOpensAt: Date;
}

type JsonLd = Record<string, unknown>;

/** One `Event` per OPEN visit: visits are free, on site, and bookable while seats are left. */
export function visitEvents(factory: EventFactory, slots: readonly EventSlot[], context: EventContext): JsonLd[] {
  const page = `${context.origin}/usines/${factory.id}`;
  const location = {
    "@type": "Place",
    name: factory.siteName,
    address: {
      "@type": "PostalAddress",
      streetAddress: factory.address,
      postalCode: factory.postalCode,
      addressLocality: factory.communeName,
      addressCountry: "FR",
    },
  };
  return slots.map((slot) => ({
    "@context": "https://schema.org",
    "@type": "Event",
    "@id": `${page}#visite-${slot.id}`,
    name: `${context.editionName} — ${factory.siteName}`,
    description: factory.description.slice(0, 500),
    url: page,
    startDate: parisIsoDateTime(slot.startsAt),
    endDate: parisIsoDateTime(slot.endsAt),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    isAccessibleForFree: true,
    inLanguage: slot.language,
    location,
    organizer: { "@type": "Organization", name: factory.companyName },
    superEvent: { "@type": "EventSeries", name: context.editionName, organizer: { "@type": "Organization", name: context.organiserName, url: context.origin } },
    remainingAttendeeCapacity: slot.seatsLeft,
    offers: {
      "@type": "Offer",
      price: 0,
      priceCurrency: "EUR",
      availability: slot.seatsLeft > 0 ? "https://schema.org/InStock" : "https://schema.org/SoldOut",
      validFrom: parisIsoDateTime(context.bookingOpensAt),
      url: `${context.origin}/visites/${slot.id}/reserver`,
    },
  }));
}

export interface EventCircuit {
  id: string;
  name: string;
  description: string;
  departsAt: Date;
  returnsAt: Date;
  departure: { address: string; postalCode: string; communeName: string };
  /** Free seats for anyone: the fewest on the bus and at any stop. */
  seatsLeft: number;
  stops: { slotId: string; startsAt: Date; endsAt: Date; factory: { siteName: string; communeName: string } }[];
}

/**
 * A coach circuit as one `Event` at its meeting point, from departure to return, its stops as
 * `subEvent`s (each at its factory). Free, bookable while seats are left on the bus and every stop.
 */
export function circuitEvent(circuit: EventCircuit, context: EventContext): JsonLd {
  const page = `${context.origin}/circuits/${circuit.id}`;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    "@id": `${page}#circuit`,
    name: `${context.editionName} — ${circuit.name}`,
    description: circuit.description.slice(0, 500),
    url: page,
    startDate: parisIsoDateTime(circuit.departsAt),
    endDate: parisIsoDateTime(circuit.returnsAt),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    isAccessibleForFree: true,
    location: {
      "@type": "Place",
      name: circuit.departure.address,
      address: {
        "@type": "PostalAddress",
        streetAddress: circuit.departure.address,
        postalCode: circuit.departure.postalCode,
        addressLocality: circuit.departure.communeName,
        addressCountry: "FR",
      },
    },
    subEvent: circuit.stops.map((stop) => ({
      "@type": "Event",
      name: stop.factory.siteName,
      startDate: parisIsoDateTime(stop.startsAt),
      endDate: parisIsoDateTime(stop.endsAt),
      location: { "@type": "Place", name: stop.factory.siteName, address: { "@type": "PostalAddress", addressLocality: stop.factory.communeName, addressCountry: "FR" } },
    })),
    organizer: { "@type": "Organization", name: context.organiserName, url: context.origin },
    superEvent: { "@type": "EventSeries", name: context.editionName, organizer: { "@type": "Organization", name: context.organiserName, url: context.origin } },
    remainingAttendeeCapacity: circuit.seatsLeft,
    offers: {
      "@type": "Offer",
      price: 0,
      priceCurrency: "EUR",
      availability: circuit.seatsLeft > 0 ? "https://schema.org/InStock" : "https://schema.org/SoldOut",
      validFrom: parisIsoDateTime(context.bookingOpensAt),
      url: page,
    },
  };
}

/**
 * The text of a `<script type="application/ld+json">`: JSON with `<` escaped, so a factory's text
 * containing "</script>" cannot close the element (the escape is still valid JSON).
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
