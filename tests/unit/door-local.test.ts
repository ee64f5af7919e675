// The offline door desk's device-side rules (lib/factory/door-local.ts): the device finds a ticket by
// hashing what was scanned or typed exactly as the server hashed the copy (WebCrypto against
// node:crypto), shows a short name, and refuses offline what the server would refuse.
import { createHash, pbkdf2Sync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CODE_HASH, doorName, doorSyncInput, type DoorSnapshot, type DoorTicket } from "@/lib/factory/door-offline-schemas";
import { findLocalTicket, localRefusal, withQueue } from "@/lib/factory/door-local";

const SALT = "c2VsLWR1LWpvdXI";
const serverCodeHash = (code: string) => pbkdf2Sync(code, SALT, CODE_HASH.iterations, CODE_HASH.bytes, "sha256").toString("hex");
const TOKEN = "Zm9vYmFyLWJpbGxldC1kZS12aXNpdGUtMjAzMA";

const ticket: DoorTicket = {
  bookingId: "b1",
  tokenHash: createHash("sha256").update(TOKEN).digest("hex"),
  codeHash: serverCodeHash("K7M2QX9P"),
  slotId: "s1",
  kind: "INDIVIDUAL",
  status: "CONFIRMED",
  seats: 3,
  students: null,
  adults: null,
  name: "É. Durand",
  schoolName: null,
  organisationName: null,
  classLevel: null,
  checkedInCount: null,
  checkedInAt: null,
};
const snapshot: DoorSnapshot = {
  factoryId: "f1",
  day: "2030-03-30",
  generatedAt: "2030-03-30T08:00:00.000Z",
  codeSalt: SALT,
  slots: [{ id: "s1", startsAt: "2030-03-30T09:30:00.000Z", endsAt: "2030-03-30T11:00:00.000Z", status: "OPEN" }],
  tickets: [ticket],
};

describe("the offline desk's copy", () => {
  it("finds a ticket by its code (any case, with spaces), its QR token or its ticket link, as the server hashed them", async () => {
    for (const typed of ["K7M2QX9P", "k7m2 qx9p", TOKEN, `https://usines-ouvertes.fr/billet/${TOKEN}`]) {
      expect(await findLocalTicket(snapshot, typed), typed).toEqual({ ticket });
    }
    expect(await findLocalTicket(snapshot, "ZZZZ2222")).toEqual({ problem: "unknown" });
    expect(await findLocalTicket(snapshot, "pas un billet")).toEqual({ problem: "invalid" });
  });

  it("shortens names to greet people without keeping their first name", () => {
    expect(doorName("Émilie Durand")).toBe("É. Durand");
    expect(doorName("  Jean-Émile  de La Tour ")).toBe("J. de La Tour");
    expect(doorName("Cher")).toBe("Cher");
  });

  it("refuses offline what the server refuses: a check-in waiting to be sent, cancelled, too many people", () => {
    const queued = withQueue(ticket, [{ id: "e1", factoryId: "f1", day: "2030-03-30", at: "2030-03-30T09:20:00.000Z", bookingId: "b1", count: 2 }]);
    expect(queued).toMatchObject({ status: "CHECKED_IN", checkedInCount: 2, pending: true });
    expect(localRefusal(queued, 1)).toEqual({ code: "checkin.already", params: { at: "2030-03-30T09:20:00.000Z", count: 2 } });
    expect(localRefusal({ ...ticket, status: "CANCELLED", pending: false }, 1)?.code).toBe("checkin.cancelled");
    expect(localRefusal({ ...ticket, pending: false }, 4)).toEqual({ code: "checkin.too_many", params: { seats: 3 } });
    expect(localRefusal({ ...ticket, pending: false }, 3)).toBeNull();
  });

  it("sync input: an entry names a booking or a ticket, not both nor neither", () => {
    const base = { factoryId: "f1", deviceId: "0b7c1f0e-1d2a-4c1e-9d4e-1b2c3d4e5f60" };
    const entry = { id: "5f1d2c3b-aaaa-4bbb-8ccc-123456789abc", at: "2030-03-30T09:20:00+01:00" };
    expect(doorSyncInput.safeParse({ ...base, entries: [{ ...entry, bookingId: "b1" }] }).success).toBe(true);
    expect(doorSyncInput.safeParse({ ...base, entries: [{ ...entry, ticket: "K7M2QX9P" }] }).success).toBe(true);
    expect(doorSyncInput.safeParse({ ...base, entries: [{ ...entry, bookingId: "b1", ticket: "K7M2QX9P" }] }).error?.issues[0].message).toBe("entry.target");
    expect(doorSyncInput.safeParse({ ...base, entries: [entry] }).error?.issues[0].message).toBe("entry.target");
  });
});
