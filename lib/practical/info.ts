// The practical information of a visit as a list of items, built once from a slot and its factory
// and shown the same way everywhere: pictograms with a short text on catalogue cards, full sentences
// on the booking, ticket and "Ma réservation" pages, in the factory's programme and in the e-mails
// (which write a Unicode sign instead of the pictogram: mail clients drop SVG). The words are the
// "practical" messages. ID required is the factory's condition (Factory.idRequired), shown here too.
import type { Prisma } from "@prisma/client";
import type { PpePolicy } from "./schemas";

/** The slot's columns the items are made of. */
export const practicalSlotFields = {
  meetingPoint: true,
  parkingInfo: true,
  publicTransport: true,
  walkingDistanceMeters: true,
  ppe: true,
  photographyAllowed: true,
} as const satisfies Prisma.SlotSelect;

export type PracticalSlot = {
  meetingPoint: string | null;
  parkingInfo: string | null;
  publicTransport: string | null;
  walkingDistanceMeters: number | null;
  ppe: PpePolicy;
  photographyAllowed: boolean | null;
};

/** The practical columns of a slot row (e.g. to copy them into e-mail or page data). */
export function practicalOf(slot: PracticalSlot): PracticalSlot {
  const { meetingPoint, parkingInfo, publicTransport, walkingDistanceMeters, ppe, photographyAllowed } = slot;
  return { meetingPoint, parkingInfo, publicTransport, walkingDistanceMeters, ppe, photographyAllowed };
}

export type PracticalItem =
  | { code: "meetingPoint" | "parking" | "transport"; text: string }
  | { code: "walking"; meters: number }
  | { code: "ppeProvided" | "ppeOwn" | "idRequired" | "photoAllowed" | "photoForbidden" };

export type PracticalCode = PracticalItem["code"];

/** In reading order: getting there, on site, what to bring, what is allowed. */
export function practicalItems(slot: PracticalSlot, factory: { idRequired: boolean }): PracticalItem[] {
  const items: PracticalItem[] = [];
  if (slot.meetingPoint) items.push({ code: "meetingPoint", text: slot.meetingPoint });
  if (slot.parkingInfo) items.push({ code: "parking", text: slot.parkingInfo });
  if (slot.publicTransport) items.push({ code: "transport", text: slot.publicTransport });
  if (slot.walkingDistanceMeters !== null && slot.walkingDistanceMeters > 0) items.push({ code: "walking", meters: slot.walkingDistanceMeters });
  if (slot.ppe === "PROVIDED") items.push({ code: "ppeProvided" });
  if (slot.ppe === "REQUIRED_OWN") items.push({ code: "ppeOwn" });
  if (factory.idRequired) items.push({ code: "idRequired" });
  if (slot.photographyAllowed !== null) items.push({ code: slot.photographyAllowed ? "photoAllowed" : "photoForbidden" });
  return items;
}

/** The messages "practical.full" and "practical.short" (a next-intl translator of either is one). */
export type PracticalMessages = (key: PracticalCode, values?: { text?: string; meters?: number }) => string;

/** An item in words: "full" sentences for pages and e-mails, "short" ones beside a pictogram. */
export const practicalText = (item: PracticalItem, t: PracticalMessages): string =>
  t(item.code, "text" in item ? { text: item.text } : "meters" in item ? { meters: item.meters } : undefined);

/** The pictogram of each item: a symbol of the sprite (components/practical) and, in e-mails, a Unicode sign. */
export const PRACTICAL_SIGNS: Record<PracticalCode, { symbol: string; sign: string }> = {
  meetingPoint: { symbol: "meet", sign: "📍" },
  parking: { symbol: "parking", sign: "🅿️" },
  transport: { symbol: "transport", sign: "🚌" },
  walking: { symbol: "walk", sign: "🚶" },
  ppeProvided: { symbol: "ppe", sign: "⛑️" },
  ppeOwn: { symbol: "ppe", sign: "⛑️" },
  idRequired: { symbol: "id", sign: "🪪" },
  photoAllowed: { symbol: "photo", sign: "📷" },
  photoForbidden: { symbol: "nophoto", sign: "🚫" },
};
