// Authorisation of the factory space beyond the who-may-call-what of authz-matrix.test.ts: a contact
// of factory A who names its own factory with factory B's slot or booking (the query is scoped by
// factory) gets nothing of B's, and each contact does manage and export its own factory. Only the
// request scope is stood in for (tests/fixtures/request-scope.ts: the session that lib/auth/policy's
// real requireFactoryAccess reads, revalidatePath, redirect).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { book } from "@/lib/booking";
import type { FormState } from "@/lib/action-state";
import type { DoorState } from "@/lib/factory/checkin";
import { listAttendees } from "@/lib/factory/attendees";
import { getFactoryDashboard, getSlotForEdit } from "@/lib/factory/slots";
import { BOOKED_AT, createFactory, createFactoryContact, createSlot, createVisitWeekendEdition, slotSettingsForm, uid, VISIT } from "../fixtures/factories";
import { form, newRequestScope, signInAs as as } from "../fixtures/request-scope";

vi.mock("next-auth", async () => (await import("../fixtures/request-scope")).nextAuth);
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);
vi.mock("next/cache", async () => (await import("../fixtures/request-scope")).nextCache);
vi.mock("next/navigation", async () => (await import("../fixtures/request-scope")).nextNavigation);

// Imported after the mocks (vi.mock is hoisted anyway; this keeps the reading order honest).
const { createSlotsAction, updateSlotAction, cancelSlotAction } = await import("@/app/espace-usine/[factoryId]/creneaux/actions");
const { doorAction } = await import("@/app/espace-usine/[factoryId]/accueil/actions");
const csvRoute = await import("@/app/api/v1/factories/[factoryId]/bookings.csv/route");
const xlsxRoute = await import("@/app/api/v1/factories/[factoryId]/bookings.xlsx/route");


const organiser = () => db.user.create({ data: { email: `user-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });

async function setup() {
  const edition = await createVisitWeekendEdition();
  const factoryA = await createFactory(edition.id, { siteName: "Site A" });
  const factoryB = await createFactory(edition.id, { siteName: "Site B" });
  const slotA = await createSlot(factoryA, { startsAt: VISIT, capacity: 10 });
  const slotB = await createSlot(factoryB, { startsAt: VISIT, capacity: 10 });
  const visitor = async (slotId: string, name: string) => {
    const result = await book(
      {
        kind: "INDIVIDUAL",
        slotId,
        seats: 2,
        contactName: name,
        email: `${name.toLowerCase().replace(/\W/g, "")}-${uid()}@example.fr`,
        phone: "06 11 22 33 44",
        consent: true,
        locale: "fr",
        idempotencyKey: `idem-${uid()}`,
      },
      { now: BOOKED_AT },
    );
    if (result.replayed) throw new Error("unexpected replay");
    return result;
  };
  const bookingA = await visitor(slotA.id, "Alice Aubert");
  const bookingB = await visitor(slotB.id, "Bruno Berthier");
  return {
    factoryA,
    factoryB,
    slotA,
    slotB,
    bookingA,
    bookingB,
    contactA: await createFactoryContact(factoryA.id),
    contactB: await createFactoryContact(factoryB.id),
    organiser: await organiser(),
  };
}

// What an attempt on factory B could change.
async function footprintOf(factoryId: string) {
  const [slots, bookings, outbox, audit] = await Promise.all([
    db.slot.findMany({ where: { factoryId }, orderBy: { id: "asc" } }),
    db.booking.findMany({ where: { slot: { factoryId } }, orderBy: { id: "asc" }, select: { id: true, status: true, checkedInCount: true } }),
    db.emailOutbox.count(),
    db.auditLog.count(),
  ]);
  return { slots, bookings, outbox, audit };
}

const exportRequest = (factoryId: string, extension: "csv" | "xlsx") =>
  [new Request(`http://localhost:3000/api/v1/factories/${factoryId}/bookings.${extension}`), { params: Promise.resolve({ factoryId }) }] as const;


beforeEach(() => newRequestScope());

describe("factory space authorisation", () => {
  it("a contact of factory A cannot create, edit or cancel factory B's visits through the server actions", async () => {
    const { factoryA, factoryB, slotB, contactA } = await setup();
    const before = await footprintOf(factoryB.id);
    as(contactA);

    const created = await createSlotsAction(
      {},
      form({ factoryId: factoryB.id, mode: "single", days: ["2030-03-31"], firstStart: "14:00", durationMinutes: "60", capacity: "10", audience: "BOTH" }),
    );
    expect(created.formError).toBe("auth.forbidden");

    expect((await updateSlotAction({}, form(slotSettingsForm(factoryB.id, slotB.id)))).formError).toBe("auth.forbidden");
    // Its own factory id with B's slot: the slot query is scoped by factory.
    expect((await updateSlotAction({}, form(slotSettingsForm(factoryA.id, slotB.id)))).formError).toBe("slot.not_found");

    expect((await cancelSlotAction({}, form({ factoryId: factoryB.id, slotId: slotB.id, confirm: "on", reason: "Panne de la ligne de production." }))).formError).toBe("auth.forbidden");
    expect((await cancelSlotAction({}, form({ factoryId: factoryA.id, slotId: slotB.id, confirm: "on", reason: "Panne de la ligne de production." }))).formError).toBe("slot.not_found");

    expect(await footprintOf(factoryB.id)).toEqual(before);
  });

  it("a contact of factory A cannot see or check in factory B's bookings at the door", async () => {
    const { factoryA, factoryB, bookingB, contactA } = await setup();
    const before = await footprintOf(factoryB.id);
    as(contactA);
    const door = (fields: Record<string, string>) => doorAction({}, form(fields));

    for (const fields of <Record<string, string>[]>[
      { intent: "checkin", factoryId: factoryB.id, bookingId: bookingB.booking.id },
      { intent: "lookup", factoryId: factoryB.id, query: bookingB.booking.ticketCode },
      { intent: "search", factoryId: factoryB.id, q: "Bruno" },
      { intent: "pick", factoryId: factoryB.id, bookingId: bookingB.booking.id },
      { intent: "undo", factoryId: factoryB.id, bookingId: bookingB.booking.id },
    ]) {
      const state: DoorState = await door(fields);
      expect(state.error).toBe("auth.forbidden");
      expect(state.booking).toBeUndefined();
      expect(state.matches).toBeUndefined();
    }

    // Through its own factory: B's ticket is another site's; nothing about the booking is returned.
    for (const fields of <Record<string, string>[]>[
      { intent: "checkin", factoryId: factoryA.id, bookingId: bookingB.booking.id },
      { intent: "lookup", factoryId: factoryA.id, query: bookingB.ticketToken },
      { intent: "lookup", factoryId: factoryA.id, query: bookingB.booking.ticketCode },
      { intent: "pick", factoryId: factoryA.id, bookingId: bookingB.booking.id },
    ]) {
      const state = await door(fields);
      expect(state.error).toBe("checkin.wrong_factory");
      expect(state.params).toEqual({ site: "Site B" });
      expect(state.booking).toBeUndefined();
    }
    expect((await door({ intent: "search", factoryId: factoryA.id, q: "Bruno" })).matches).toEqual([]);

    expect(await footprintOf(factoryB.id)).toEqual(before);
  });

  it("the domain reads return nothing of factory B to a contact of factory A", async () => {
    const { factoryA, factoryB, slotB, contactA } = await setup();
    expect(await listAttendees(contactA, factoryB.id)).toBeNull();
    expect(await getFactoryDashboard(contactA, factoryB.id)).toBeNull();
    expect(await getSlotForEdit(contactA, factoryB.id, slotB.id)).toBeNull();
    expect(await getSlotForEdit(contactA, factoryA.id, slotB.id)).toBeNull();
    const own = await listAttendees(contactA, factoryA.id, { slot: slotB.id });
    expect(own?.slots).toEqual([]);
  });

  it("each contact manages and exports its own factory, and an organiser any factory", async () => {
    const { factoryA, factoryB, slotA, contactA, organiser } = await setup();
    as(contactA);

    const created = await createSlotsAction(
      {},
      form({ factoryId: factoryA.id, mode: "series", days: ["2030-03-30", "2030-03-31"], firstStart: "14:00", lastStart: "15:00", intervalMinutes: "60", durationMinutes: "45", capacity: "10", audience: "PUBLIC" }),
    ).then(
      () => null,
      (e: { url?: string }) => e.url,
    );
    expect(created).toBe(`/espace-usine/${factoryA.id}?cree=4`);
    expect(await db.slot.count({ where: { factoryId: factoryA.id } })).toBe(5);

    const updated: FormState = await updateSlotAction({}, form(slotSettingsForm(factoryA.id, slotA.id)));
    expect(updated.ok).toBe(true);
    expect((await db.slot.findUniqueOrThrow({ where: { id: slotA.id } })).capacity).toBe(50);

    const below = await updateSlotAction({}, form({ ...slotSettingsForm(factoryA.id, slotA.id), capacity: "1" }));
    expect(below).toMatchObject({ formError: "capacity.below_booked", fieldErrors: { capacity: "capacity.below_booked" }, params: { booked: 2 } });

    const csv = await csvRoute.GET(...exportRequest(factoryA.id, "csv"));
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Alice Aubert");
    expect(text).not.toContain("Bruno");

    as(organiser);
    const xlsx = await xlsxRoute.GET(...exportRequest(factoryB.id, "xlsx"));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="inscrits-site-b-tout.xlsx"');
    const cancelled = await cancelSlotAction({}, form({ factoryId: factoryA.id, slotId: slotA.id, confirm: "on", reason: "Panne de la ligne de production." })).then(
      () => null,
      (e: { url?: string }) => e.url,
    );
    expect(cancelled).toBe(`/espace-usine/${factoryA.id}?annulee=1`);
  });
});
