// The practical information of a visit against the real database: a factory contact saves it with
// the visit (created or edited), wrong values are refused field by field and change nothing, the
// column's range is guarded by the database too, and what is saved reaches the catalogue, the
// booking page and the confirmation e-mail written by the booking's own SQL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { book } from "@/lib/booking";
import { searchSlots } from "@/lib/catalogue/queries";
import { getSlotForBooking } from "@/lib/catalogue/slot";
import { createSlots, updateSlot, type FactoryActor } from "@/lib/factory/slots";
import { caught, individualInput } from "../fixtures/bookings";
import { createEdition, createFactory, createFactoryContact } from "../fixtures/factories";

const EDITION = {
  firstDay: new Date("2030-03-30T00:00:00Z"),
  lastDay: new Date("2030-03-31T00:00:00Z"),
  bookingOpensAt: new Date("2029-12-01T00:00:00Z"),
  bookingClosesAt: new Date("2030-03-29T00:00:00Z"),
};
const visit = { capacity: "20", audience: "PUBLIC", maxSeatsPerBooking: "6", language: "fr", format: "GUIDED_TOUR" } as const;
const practical = {
  meetingPoint: "  Accueil du bâtiment B ",
  parkingInfo: "Parking visiteurs devant l'entrée",
  publicTransport: "Tram T4, arrêt Jet d'Eau",
  walkingDistanceMeters: "800",
  ppe: "PROVIDED",
  photographyAllowed: "no",
} as const;
const saved = {
  meetingPoint: "Accueil du bâtiment B",
  parkingInfo: "Parking visiteurs devant l'entrée",
  publicTransport: "Tram T4, arrêt Jet d'Eau",
  walkingDistanceMeters: 800,
  ppe: "PROVIDED",
  photographyAllowed: false,
};

async function world() {
  const edition = await createEdition(EDITION);
  const factory = await createFactory(edition.id, { idRequired: true });
  const contact: FactoryActor = await createFactoryContact(factory.id);
  return { edition, factory, contact };
}

describe("practical information of a visit", () => {
  it("is saved on every visit of a created series, and audited", async () => {
    const { factory, contact } = await world();
    const created = await createSlots(contact, {
      ...visit,
      ...practical,
      factoryId: factory.id,
      mode: "series",
      days: ["2030-03-31"],
      firstStart: "09:00",
      lastStart: "10:30",
      intervalMinutes: "90",
      durationMinutes: "60",
    });
    expect(created).toHaveLength(2);
    const rows = await db.slot.findMany({ where: { factoryId: factory.id }, select: { meetingPoint: true, parkingInfo: true, publicTransport: true, walkingDistanceMeters: true, ppe: true, photographyAllowed: true } });
    expect(rows).toEqual([saved, saved]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: created[0].id, action: "slot.create" } });
    expect(audit.after).toMatchObject(saved);
  });

  it("is edited with the visit's other settings, and blanks mean 'not said'", async () => {
    const { factory, contact } = await world();
    const [slot] = await createSlots(contact, { ...visit, factoryId: factory.id, mode: "single", days: ["2030-03-31"], firstStart: "14:00", durationMinutes: "60" });
    expect(await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).toMatchObject({ meetingPoint: null, ppe: "NONE", photographyAllowed: null });

    await updateSlot(contact, { ...visit, ...practical, factoryId: factory.id, slotId: slot.id });
    expect(await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).toMatchObject(saved);

    await updateSlot(contact, {
      ...visit,
      factoryId: factory.id,
      slotId: slot.id,
      meetingPoint: "",
      parkingInfo: " ",
      publicTransport: "",
      walkingDistanceMeters: "",
      ppe: "REQUIRED_OWN",
      photographyAllowed: "yes",
    });
    expect(await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).toMatchObject({
      meetingPoint: null,
      parkingInfo: null,
      publicTransport: null,
      walkingDistanceMeters: null,
      ppe: "REQUIRED_OWN",
      photographyAllowed: true,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: slot.id, action: "slot.update" }, orderBy: { id: "desc" } });
    expect(audit.before).toMatchObject(saved);
    expect(audit.after).toMatchObject({ meetingPoint: null, ppe: "REQUIRED_OWN", photographyAllowed: true });
  });

  it("refuses wrong values field by field, and changes nothing", async () => {
    const { factory, contact } = await world();
    const [slot] = await createSlots(contact, { ...visit, ...practical, factoryId: factory.id, mode: "single", days: ["2030-03-31"], firstStart: "14:00", durationMinutes: "60" });
    const before = await Promise.all([db.slot.findUniqueOrThrow({ where: { id: slot.id } }), db.auditLog.count(), db.slot.count()]);

    const error = await caught(
      updateSlot(contact, {
        ...visit,
        factoryId: factory.id,
        slotId: slot.id,
        meetingPoint: "B".repeat(201),
        parkingInfo: "P".repeat(201),
        publicTransport: "T".repeat(201),
        walkingDistanceMeters: "5001",
        ppe: "HELMET" as never,
        photographyAllowed: "sometimes" as never,
      }),
    );
    expect(error.code).toBe("validation.failed");
    expect(error.fields).toEqual({
      meetingPoint: "meetingPoint.too_long",
      parkingInfo: "parkingInfo.too_long",
      publicTransport: "publicTransport.too_long",
      walkingDistanceMeters: "walkingDistanceMeters.too_many",
      ppe: "ppe.invalid",
      photographyAllowed: "photographyAllowed.invalid",
    });
    const negative = await caught(
      createSlots(contact, { ...visit, factoryId: factory.id, mode: "single", days: ["2030-03-30"], firstStart: "10:00", durationMinutes: "60", walkingDistanceMeters: "-5" }),
    );
    expect(negative.fields).toEqual({ walkingDistanceMeters: "walkingDistanceMeters.too_few" });
    expect(await Promise.all([db.slot.findUniqueOrThrow({ where: { id: slot.id } }), db.auditLog.count(), db.slot.count()])).toEqual(before);
  });

  it("keeps the walking distance within 0–5000 m in the database too", async () => {
    const { factory, contact } = await world();
    const [slot] = await createSlots(contact, { ...visit, factoryId: factory.id, mode: "single", days: ["2030-03-31"], firstStart: "14:00", durationMinutes: "60" });
    await expect(db.slot.update({ where: { id: slot.id }, data: { walkingDistanceMeters: 5001 } })).rejects.toThrow(/Slot_walkingDistanceMeters_range/);
    await expect(db.slot.update({ where: { id: slot.id }, data: { walkingDistanceMeters: -1 } })).rejects.toThrow(/Slot_walkingDistanceMeters_range/);
  });

  it("reaches the catalogue card, the booking page and the confirmation e-mail, with the factory's ID rule", async () => {
    const { edition, factory, contact } = await world();
    const [slot] = await createSlots(contact, { ...visit, ...practical, factoryId: factory.id, mode: "single", days: ["2030-03-31"], firstStart: "14:00", durationMinutes: "60" });
    const codes = ["meetingPoint", "parking", "transport", "walking", "ppeProvided", "idRequired", "photoForbidden"];

    const { items } = await searchSlots(edition.id, {}, { now: new Date("2030-01-01T00:00:00Z") });
    expect(items.find((item) => item.id === slot.id)?.practical.map((item) => item.code)).toEqual(codes);
    expect((await getSlotForBooking(slot.id, new Date("2030-01-01T00:00:00Z")))?.practical.map((item) => item.code)).toEqual(codes);

    const booked = await book(individualInput(slot.id), { now: new Date("2030-01-01T00:00:00Z") });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { bookingId: booked.booking.id, template: "booking.confirmed" } });
    expect(mail.text).toContain("📍 Point de rendez-vous : Accueil du bâtiment B");
    expect(mail.text).toContain("🚌 Transports en commun : Tram T4, arrêt Jet d'Eau");
    expect(mail.text).toContain("🪪 Pièce d'identité demandée à l'entrée");
    expect(mail.text).toContain("Itinéraire vers Site de Cluses : https://www.google.com/maps/search/?api=1&query=1%20rue%20de%20l'Usine%2C%2074300%20Cluses");
  });
});
