// "Retrouver mes réservations" and "Mes réservations" against the real database: one e-mail lists
// every active booking of an address with its private links; an unknown address gets the same
// answer and no e-mail; both rate limits refuse the request after their allowance; erasure takes
// the look-up e-mails with it; a signed-in user's list; the sign-in landing by role; and the overlap
// error names the booking it overlaps.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextAuth }));
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);

import { findBookingsAction } from "@/app/reservations/retrouver/actions";
import { landingPathFor } from "@/lib/auth/landing";
import { book, cancelBooking } from "@/lib/booking";
import { bookingsOfUser, sendBookingLookup } from "@/lib/booking/lookup";
import { exportBookingData } from "@/lib/privacy";
import { db } from "@/lib/db";
import { BOOKING_LOOKUP_TEMPLATE } from "@/lib/email/templates/lookup";
import { deleteBookingData } from "@/lib/privacy";
import { allowance, RateLimitError } from "@/lib/rate-limit";
import { caught, groupInput, individualInput as individual } from "../fixtures/bookings";
import { solvedChallenge } from "../fixtures/challenge";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { form, newRequestScope } from "../fixtures/request-scope";

const DAY = 24 * 3600_000;
const utcDay = (instant: number) => new Date(new Date(instant).toISOString().slice(0, 10));

let world: Awaited<ReturnType<typeof makeWorld>>;

// The current edition (it starts today, before any other test's edition) with one factory and
// three visits at different times, and a fourth overlapping the first.
async function makeWorld() {
  const now = Date.now();
  const edition = await createEdition({
    firstDay: utcDay(now),
    lastDay: utcDay(now + 13 * DAY),
    bookingOpensAt: new Date(now - 30 * DAY),
    bookingClosesAt: new Date(now + 13 * DAY),
  });
  const factory = await createFactory(edition.id, { companyName: "Fonderie Lumière", siteName: `Vénissieux ${uid()}` });
  const start = now + 5 * DAY;
  const slots = await Promise.all([0, 1, 2].map((i) => createSlot(factory, { startsAt: new Date(start + i * DAY), capacity: 40 })));
  const overlapping = await createSlot(factory, { startsAt: new Date(start + 30 * 60_000) });
  return { edition, factory, slots, overlapping };
}

beforeAll(async () => {
  world = await makeWorld();
});
afterAll(async () => {
  // Nobody's current edition any more.
  await db.edition.update({ where: { id: world.edition.id }, data: { firstDay: new Date("2000-01-03"), lastDay: new Date("2000-01-04") } });
});
beforeEach(() => newRequestScope());

const ip = () => `test-${randomUUID()}`;
const lookupMails = (to: string) => db.emailOutbox.findMany({ where: { to, template: BOOKING_LOOKUP_TEMPLATE } });
const manageLinks = (text: string) => [...text.matchAll(/\/reservation\/([A-Za-z0-9_-]{43})(?!\/)/g)].map((m) => m[1]);

async function bookThree(email: string) {
  const made = [];
  for (const slot of world.slots) {
    const result = await book(individual(slot.id, { email }));
    if (result.replayed) throw new Error("unexpected replay");
    made.push(result);
  }
  await cancelBooking({ manageToken: made[2].manageToken }, { by: "VISITOR" });
  return made;
}

describe("Retrouver mes réservations", () => {
  it("sends one e-mail listing the 2 active bookings (not the cancelled one) with their private links", async () => {
    const email = `parent-${uid()}@example.fr`;
    const [first, second, cancelled] = await bookThree(email);

    await sendBookingLookup({ email: email.toUpperCase(), locale: "fr" }, { clientAddress: ip() });

    const mails = await lookupMails(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.bookingId).toBeNull();
    expect(new Set(manageLinks(mail.text))).toEqual(new Set([first.manageToken, second.manageToken]));
    expect(manageLinks(mail.text)).toHaveLength(2);
    expect(mail.text).not.toContain(cancelled.manageToken);
    expect(mail.text).toContain(`/reservation/${first.manageToken}/calendrier.ics`);
    expect(mail.text).toContain("Ces liens sont personnels");
    expect(mail.html).toContain(`/reservation/${second.manageToken}`);
    expect(mail.subject).toContain("Vos réservations");
    // The person's data export lists the look-up e-mail with the booking's own e-mails.
    expect((await exportBookingData(first.manageToken)).emails.map((e) => e.template)).toEqual(["booking.confirmed", "booking.lookup"]);
  });

  it("writes the e-mail in the page's language", async () => {
    const email = `visitor-${uid()}@example.fr`;
    await book(individual(world.slots[1].id, { email }));
    await sendBookingLookup({ email, locale: "en" }, { clientAddress: ip() });
    const [mail] = await lookupMails(email);
    expect(mail.subject).toContain("Your bookings");
    expect(mail.text).toContain("These links are private");
  });

  it("answers an unknown address exactly as a known one, and sends it nothing", async () => {
    const known = `known-${uid()}@example.fr`;
    await book(individual(world.slots[0].id, { email: known }));
    const unknown = `unknown-${uid()}@example.fr`;
    const outboxBefore = await db.emailOutbox.count();

    const answers = [];
    for (const email of [known, unknown]) {
      newRequestScope();
      answers.push(await findBookingsAction({}, form({ email, locale: "fr", altcha: await solvedChallenge() })));
    }
    expect(answers[0]).toEqual({ ok: true });
    expect(answers[1]).toEqual(answers[0]);
    expect(await lookupMails(known)).toHaveLength(1);
    expect(await lookupMails(unknown)).toHaveLength(0);
    expect(await db.emailOutbox.count()).toBe(outboxBefore + 1);
  });

  it("refuses without a solved proof of work, and sends nothing", async () => {
    const email = `nopow-${uid()}@example.fr`;
    await book(individual(world.slots[0].id, { email }));
    const state = await findBookingsAction({}, form({ email, locale: "fr" }));
    expect(state.formError).toBe("challenge.required");
    expect(await lookupMails(email)).toHaveLength(0);
  });

  it("refuses the request after the per-address allowance, from any client", async () => {
    const email = `flood-${uid()}@example.fr`;
    await book(individual(world.slots[0].id, { email }));
    const n = allowance("bookingLookupPerEmail");
    for (let i = 0; i < n; i++) await sendBookingLookup({ email, locale: "fr" }, { clientAddress: ip() });
    const error = await caught(sendBookingLookup({ email, locale: "fr" }, { clientAddress: ip() }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(await lookupMails(email)).toHaveLength(n);
  });

  it("refuses the request after the per-client allowance, whatever the address", async () => {
    const client = ip();
    const n = allowance("bookingLookupPerIp");
    for (let i = 0; i < n; i++) await sendBookingLookup({ email: `probe-${i}-${uid()}@example.fr`, locale: "fr" }, { clientAddress: client });
    const error = await caught(sendBookingLookup({ email: `probe-last-${uid()}@example.fr`, locale: "fr" }, { clientAddress: client }));
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it("refuses an invalid address with a field code", async () => {
    const error = await caught(sendBookingLookup({ email: "pas-une-adresse", locale: "fr" }, { clientAddress: ip() }));
    expect(error.code).toBe("validation.failed");
    expect(error.fields).toEqual({ email: "email.invalid" });
  });

  it("erasing a booking's data also deletes the look-up e-mails sent to its address", async () => {
    const email = `erase-${uid()}@example.fr`;
    const other = `keep-${uid()}@example.fr`;
    const mine = await book(individual(world.slots[0].id, { email }));
    await book(individual(world.slots[0].id, { email: other }));
    await sendBookingLookup({ email, locale: "fr" }, { clientAddress: ip() });
    await sendBookingLookup({ email: other, locale: "fr" }, { clientAddress: ip() });
    if (mine.replayed) throw new Error("unexpected replay");

    await deleteBookingData(mine.manageToken);

    expect(await lookupMails(email)).toHaveLength(0);
    expect(await lookupMails(other)).toHaveLength(1);
  });
});

describe("Mes réservations and the sign-in landing", () => {
  it("lists the signed-in teacher's class bookings and the bookings made with the account's address, with their links", async () => {
    const teacher = await db.user.create({ data: { email: `prof-${uid()}@example.fr` } });
    const stranger = await db.user.create({ data: { email: `other-${uid()}@example.fr` } });
    const classBooking = await book(groupInput(world.slots[1].id, { email: `ecole-${uid()}@example.fr` }), { userId: teacher.id });
    const ownAddress = await book(individual(world.slots[2].id, { email: teacher.email }));
    await book(individual(world.slots[0].id, { email: stranger.email }));

    const { edition, bookings } = await bookingsOfUser(teacher);
    expect(edition?.name).toBe(world.edition.name);
    expect(bookings.map((b) => b.href)).toEqual([`/reservation/${classBooking.manageToken}`, `/reservation/${ownAddress.manageToken}`]);
    expect(bookings[0]).toMatchObject({ kind: "GROUP", status: "CONFIRMED", students: expect.any(Number) });
    expect((await bookingsOfUser(stranger)).bookings).toHaveLength(1);
  });

  it("lands each role in its own space", async () => {
    const organiser = await db.user.create({ data: { email: `orga-${uid()}@example.fr`, role: "ORGANISER" } });
    const contact = await db.user.create({ data: { email: `usine-${uid()}@example.fr` } });
    const twoSites = await db.user.create({ data: { email: `deux-${uid()}@example.fr` } });
    const teacher = await db.user.create({ data: { email: `prof-${uid()}@example.fr` } });
    const secondFactory = await createFactory(world.edition.id);
    await db.factoryContact.createMany({
      data: [
        { factoryId: world.factory.id, userId: contact.id },
        { factoryId: world.factory.id, userId: twoSites.id },
        { factoryId: secondFactory.id, userId: twoSites.id },
      ],
    });
    expect(await landingPathFor(organiser)).toBe("/organisation");
    expect(await landingPathFor(contact)).toBe(`/espace-usine/${world.factory.id}`);
    expect(await landingPathFor(twoSites)).toBe("/espace-usine");
    expect(await landingPathFor(teacher)).toBe("/mes-reservations");

    // Last year's record is history: the contact still lands on this year's site; with only a past
    // record, on the factory space (which offers to register the site again).
    const [opens, closes] = [new Date("2000-12-01"), new Date("2001-03-15")];
    const lastYear = await createEdition({
      firstDay: new Date("2001-03-16"),
      lastDay: new Date("2001-03-17"),
      ...{ factoryRegistrationOpensAt: opens, factoryRegistrationClosesAt: closes, bookingOpensAt: opens, bookingClosesAt: closes, catalogueOpensAt: opens },
    });
    const pastRecord = await createFactory(lastYear.id);
    const formerOnly = await db.user.create({ data: { email: `ancien-${uid()}@example.fr` } });
    await db.factoryContact.createMany({ data: [{ factoryId: pastRecord.id, userId: contact.id }, { factoryId: pastRecord.id, userId: formerOnly.id }] });
    expect(await landingPathFor(contact)).toBe(`/espace-usine/${world.factory.id}`);
    expect(await landingPathFor(formerOnly)).toBe("/espace-usine");
  });
});

describe("the overlap error", () => {
  it("names the booking it overlaps: its factory and times", async () => {
    const email = `overlap-${uid()}@example.fr`;
    await book(individual(world.slots[0].id, { email }));
    const error = await caught(book(individual(world.overlapping.id, { email })));
    expect(error.code).toBe("limit.overlap");
    expect(error.fields).toEqual({ email: "limit.overlap" });
    expect(error.params).toEqual({
      factory: `Fonderie Lumière – ${world.factory.siteName}`,
      startsAt: world.slots[0].startsAt.getTime(),
      endsAt: world.slots[0].endsAt.getTime(),
    });
    // No secret in it: the manage link is only ever e-mailed.
    expect(JSON.stringify(error.params)).not.toMatch(/reservation\//);
  });
});
