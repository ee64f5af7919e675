// The practical information of a visit: the directions link, the fields as the slot form sends them,
// and the items every surface shows.
import { describe, expect, it } from "vitest";
import { updateSlotInput } from "@/lib/factory/slot-schemas";
import { directionsUrl, oneLineAddress } from "@/lib/practical/directions";
import { practicalItems, type PracticalSlot } from "@/lib/practical/info";

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("directionsUrl", () => {
  it("is Google's universal Maps search link with the whole address encoded, never a geo: URI", () => {
    const address = oneLineAddress({ address: "12 rue de l'Épée & Fils", postalCode: "69003", communeName: "Lyon" });
    expect(address).toBe("12 rue de l'Épée & Fils, 69003 Lyon");
    const url = directionsUrl(address);
    expect(url).toBe("https://www.google.com/maps/search/?api=1&query=12%20rue%20de%20l'%C3%89p%C3%A9e%20%26%20Fils%2C%2069003%20Lyon");
    expect(new URL(url).searchParams.get("query")).toBe(address);
    expect(new URL(url).searchParams.get("api")).toBe("1");
  });

  it("folds the spaces and line breaks of a typed address", () => {
    expect(new URL(directionsUrl("  3 allée\n des Forges   ")).searchParams.get("query")).toBe("3 allée des Forges");
  });
});

describe("practical fields of the slot form", () => {
  const base = { factoryId: "f1", slotId: "s1", capacity: "20", audience: "PUBLIC", maxSeatsPerBooking: "6" };

  it("are all optional: blanks are 'not said'", () => {
    const parsed = updateSlotInput.parse({ ...base, meetingPoint: " ", parkingInfo: "", walkingDistanceMeters: "", photographyAllowed: "" });
    expect(parsed).toMatchObject({ meetingPoint: undefined, parkingInfo: undefined, walkingDistanceMeters: undefined, ppe: "NONE", photographyAllowed: null });
  });

  it("keep what is typed, trimmed, with photography as yes/no", () => {
    const parsed = updateSlotInput.parse({ ...base, meetingPoint: " Accueil du bâtiment B ", walkingDistanceMeters: "800", ppe: "REQUIRED_OWN", photographyAllowed: "no" });
    expect(parsed).toMatchObject({ meetingPoint: "Accueil du bâtiment B", walkingDistanceMeters: 800, ppe: "REQUIRED_OWN", photographyAllowed: false });
    expect(updateSlotInput.parse({ ...base, photographyAllowed: "yes" }).photographyAllowed).toBe(true);
  });

  it("refuse each wrong value with its own code", () => {
    const result = updateSlotInput.safeParse({
      ...base,
      meetingPoint: "x".repeat(201),
      parkingInfo: "y".repeat(201),
      publicTransport: "z".repeat(201),
      walkingDistanceMeters: "5001",
      ppe: "HELMET",
      photographyAllowed: "maybe",
    });
    expect(issues(result)).toEqual({
      meetingPoint: "meetingPoint.too_long",
      parkingInfo: "parkingInfo.too_long",
      publicTransport: "publicTransport.too_long",
      walkingDistanceMeters: "walkingDistanceMeters.too_many",
      ppe: "ppe.invalid",
      photographyAllowed: "photographyAllowed.invalid",
    });
    expect(issues(updateSlotInput.safeParse({ ...base, walkingDistanceMeters: "-1" }))).toEqual({ walkingDistanceMeters: "walkingDistanceMeters.too_few" });
    expect(issues(updateSlotInput.safeParse({ ...base, walkingDistanceMeters: "1,5" }))).toEqual({ walkingDistanceMeters: "walkingDistanceMeters.invalid" });
  });
});

describe("practicalItems", () => {
  const none: PracticalSlot = { meetingPoint: null, parkingInfo: null, publicTransport: null, walkingDistanceMeters: null, ppe: "NONE", photographyAllowed: null };

  it("lists only what was said, in reading order, with the factory's ID rule", () => {
    expect(practicalItems(none, { idRequired: false })).toEqual([]);
    const all: PracticalSlot = { meetingPoint: "Hall B", parkingInfo: "P1", publicTransport: "Tram T4", walkingDistanceMeters: 600, ppe: "PROVIDED", photographyAllowed: true };
    expect(practicalItems(all, { idRequired: true }).map((item) => item.code)).toEqual([
      "meetingPoint",
      "parking",
      "transport",
      "walking",
      "ppeProvided",
      "idRequired",
      "photoAllowed",
    ]);
    expect(practicalItems({ ...none, ppe: "REQUIRED_OWN", photographyAllowed: false, walkingDistanceMeters: 0 }, { idRequired: false })).toEqual([
      { code: "ppeOwn" },
      { code: "photoForbidden" },
    ]);
  });
});
