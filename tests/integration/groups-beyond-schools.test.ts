// Groups of organisations other than schools (docs/decisions/0017-groups-beyond-schools.md), against
// the real database: their input field by field, the audience rule, and their seats taken by
// book()'s one conditional UPDATE (no new write path), never out of the seats held for schools.
import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { book, cancelBooking } from "@/lib/booking";
import { db } from "@/lib/db";
import { listAttendees } from "@/lib/factory/attendees";
import { organisationGroupFigures, visitFigures } from "@/lib/organiser/dashboard";
import { createEdition, createFactory, createFactoryContact, createSlot, uid } from "../fixtures/factories";
import { expectNothingWritten, FRANCE_TRAVAIL_SIRET, groupInput, individualInput, organisationGroupInput as organisation } from "../fixtures/bookings";

const DAY = 24 * 3600_000;

async function setup(slot: Partial<Prisma.SlotUncheckedCreateInput> = {}) {
  const edition = await createEdition();
  const factory = await createFactory(edition.id);
  return { edition, factory, slot: await createSlot(factory, { audience: "BOTH", openToEmployment: true, ...slot }) };
}

const adviser = () => db.user.create({ data: { email: `conseil-${uid()}@example.fr` } });
const counters = (id: string) => db.slot.findUniqueOrThrow({ where: { id }, select: { taken: true, takenBySchools: true } });

describe("groups beyond schools: input", () => {
  it("refuses each wrong field with its own code and writes nothing", async () => {
    const { slot } = await setup();
    const { id: userId } = await adviser();
    const refused = (over: Parameters<typeof organisation>[1], fields: Record<string, string>) =>
      expectNothingWritten(slot.id, () => book(organisation(slot.id, over), { userId }), "validation.failed", fields);

    await refused({ organisationName: " " }, { organisationName: "organisationName.required" });
    await refused({ siret: "" }, { siret: "siret.required" });
    await refused({ siret: "1300054810001" }, { siret: "siret.format" });
    await refused({ siret: "13000548100011" }, { siret: "siret.checksum" });
    // A training centre has no RNA number to give instead.
    await refused({ groupType: "TRAINING_CENTRE", siret: undefined, rna: "W741234567" }, { siret: "siret.required" });
    await refused({ groupType: "ASSOCIATION", siret: undefined, rna: "741234567" }, { rna: "rna.invalid" });
    await refused({ students: 0 }, { students: "participants.too_few" });
    await refused({ adults: 0 }, { adults: "group.adult_required" });
    await refused({ phone: "" }, { phone: "phone.invalid" });
    await refused({ groupType: "PRISON" as never }, { groupType: "groupType.invalid" });
    await expectNothingWritten(slot.id, () => book(organisation(slot.id), { userId: null }), "group.sign_in_required");
  });

  it("accepts France Travail's national SIRET from several agencies and an association's RNA number", async () => {
    const { slot } = await setup({ capacity: 60 });
    const { id: userId } = await adviser();
    const annecy = await book(organisation(slot.id, { siret: "130 005 481 00010" }), { userId });
    const cluses = await book(organisation(slot.id, { organisationName: "France Travail Cluses" }), { userId });
    const association = await book(organisation(slot.id, { groupType: "ASSOCIATION", organisationName: "Les Ateliers du Lac", siret: undefined, rna: "w741234567" }), { userId });
    expect([annecy.status, cluses.status, association.status]).toEqual(["CONFIRMED", "CONFIRMED", "CONFIRMED"]);

    const stored = await db.booking.findMany({
      where: { slotId: slot.id },
      orderBy: { createdAt: "asc" },
      select: { kind: true, organisationType: true, organisationName: true, siret: true, rna: true, schoolUai: true, students: true, adults: true, seats: true, userId: true },
    });
    expect(stored).toEqual([
      { kind: "GROUP", organisationType: "EMPLOYMENT", organisationName: "France Travail Annecy", siret: FRANCE_TRAVAIL_SIRET, rna: null, schoolUai: null, students: 12, adults: 2, seats: 14, userId },
      { kind: "GROUP", organisationType: "EMPLOYMENT", organisationName: "France Travail Cluses", siret: FRANCE_TRAVAIL_SIRET, rna: null, schoolUai: null, students: 12, adults: 2, seats: 14, userId },
      { kind: "GROUP", organisationType: "ASSOCIATION", organisationName: "Les Ateliers du Lac", siret: null, rna: "W741234567", schoolUai: null, students: 12, adults: 2, seats: 14, userId },
    ]);
    // The confirmation names the organisation and counts participants and staff.
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { bookingId: annecy.booking.id } });
    expect(mail.text).toContain("12 participants et 2 accompagnateurs (France Travail Annecy)");
  });
});

describe("groups beyond schools: audience", () => {
  it("books only visits open to employment professionals, with a specific refusal on a visit for schools only", async () => {
    const { factory } = await setup();
    const { id: userId } = await adviser();
    const visit = (audience: "PUBLIC" | "SCHOOL" | "BOTH", openToEmployment: boolean) => createSlot(factory, { audience, openToEmployment });

    const schoolsOnly = await visit("SCHOOL", false);
    await expectNothingWritten(schoolsOnly.id, () => book(organisation(schoolsOnly.id), { userId }), "audience.schools_only");
    const publicOnly = await visit("PUBLIC", false);
    await expectNothingWritten(publicOnly.id, () => book(organisation(publicOnly.id, { groupType: "ASSOCIATION" }), { userId }), "audience.employment_closed");
    const both = await visit("BOTH", false);
    await expectNothingWritten(both.id, () => book(organisation(both.id, { groupType: "TRAINING_CENTRE" }), { userId }), "audience.employment_closed");

    // Schools and employment professionals: classes and other groups, not individuals.
    const schoolsAndEmployment = await visit("SCHOOL", true);
    expect((await book(organisation(schoolsAndEmployment.id), { userId })).status).toBe("CONFIRMED");
    expect((await book(groupInput(schoolsAndEmployment.id, { students: 4, adults: 1 }), { userId })).status).toBe("CONFIRMED");
    await expectNothingWritten(schoolsAndEmployment.id, () => book(individualInput(schoolsAndEmployment.id)), "audience.school_only");
    // The public and employment professionals: a class is still refused.
    const publicAndEmployment = await visit("PUBLIC", true);
    await expectNothingWritten(publicAndEmployment.id, () => book(groupInput(publicAndEmployment.id), { userId }), "audience.public_only");
  });
});

describe("groups beyond schools: seats", () => {
  it("take seats through the same rule as individuals: never the seats held for classes, waiting list and promotion included", async () => {
    // 20 seats, 6 held for classes for ten more days: 14 for everyone else.
    const { slot, factory, edition } = await setup({ capacity: 20, schoolReservedSeats: 6, schoolReservedUntil: new Date(Date.now() + 10 * DAY) });
    const { id: userId } = await adviser();

    const franceTravail = await book(organisation(slot.id), { userId }); // 12 + 2
    expect(franceTravail.status).toBe("CONFIRMED");
    expect(await counters(slot.id)).toEqual({ taken: 14, takenBySchools: 0 });

    // Only the seats held for classes are left: another group waits, a class books them.
    const mission = await book(organisation(slot.id, { organisationName: "Mission locale du Genevois", siret: "13000548100010", students: 3, adults: 1 }), { userId });
    expect(mission.status).toBe("WAITLISTED");
    expect((await book(groupInput(slot.id, { students: 5, adults: 1 }), { userId })).status).toBe("CONFIRMED");
    expect(await counters(slot.id)).toEqual({ taken: 20, takenBySchools: 6 });

    // France Travail cancels: the waiting group is promoted by the same waiting list, as a group that is not a class.
    await cancelBooking({ manageToken: franceTravail.manageToken as string }, { by: "VISITOR" });
    expect((await db.booking.findUniqueOrThrow({ where: { id: mission.booking.id } })).status).toBe("CONFIRMED");
    expect(await counters(slot.id)).toEqual({ taken: 10, takenBySchools: 6 });

    // The dashboard: pupils in the school share, the job seekers apart; the factory sees the agency.
    const groups = await organisationGroupFigures(edition.id);
    expect(groups.EMPLOYMENT).toEqual({ groups: 1, participants: 3, staff: 1 });
    expect((await visitFigures(edition.id)).totals).toMatchObject({ seatsBooked: 10, schoolSeats: 6 });
    const list = await listAttendees(await createFactoryContact(factory.id), factory.id);
    const row = list!.slots[0].bookings.find((b) => b.id === mission.booking.id);
    expect(row).toMatchObject({ organisationType: "EMPLOYMENT", organisationName: "Mission locale du Genevois", siret: FRANCE_TRAVAIL_SIRET, students: 3, adults: 1 });
    expect(list!.totals).toMatchObject({ students: 5, adults: 5 });
  });

  it("the database refuses a group that is both a class and another organisation", async () => {
    const { slot } = await setup();
    const { id: userId } = await adviser();
    const { booking } = await book(organisation(slot.id), { userId });
    await expect(db.booking.update({ where: { id: booking.id }, data: { schoolUai: "0750654D" } })).rejects.toThrow(/Booking_group_check/);
    await expect(db.booking.update({ where: { id: booking.id }, data: { siret: null } })).rejects.toThrow(/Booking_group_check/);
  });
});
