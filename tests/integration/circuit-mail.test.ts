// The e-mails of circuit bookings, read back from the outbox of a real database: confirmed with one
// calendar event for the whole circuit, waitlisted, cancelled (the event withdrawn), promoted, and
// the reminder before departure, once per circuit booking and never per leg; the survey after it,
// one invitation with a link per stop.
import ICAL from "ical.js";
import { afterAll, describe, expect, it } from "vitest";
import { bookCircuit } from "@/lib/circuit/book";
import { cancelCircuitBooking } from "@/lib/circuit/cancel";
import { db } from "@/lib/db";
import { enqueueDueReminders, enqueueSurveyInvitations } from "@/lib/lifecycle";
import { getSurveyByToken, submitSurvey } from "@/lib/survey";
import { ERASED_NAME, purgeEdition } from "@/lib/privacy";
import { bookingsOfUser, sendBookingLookup } from "@/lib/booking/lookup";
import { BOOKING_LOOKUP_TEMPLATE } from "@/lib/email/templates/lookup";
import { paris } from "@/lib/paris-time";
import { circuitInput, createCircuit } from "../fixtures/circuits";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

const HOUR = 3600_000;

async function world(busCapacity = 3) {
  const edition = await createEdition({});
  // Whole minutes, as a calendar file writes them.
  const day = new Date(Math.floor((Date.now() + 20 * 24 * HOUR) / 60_000) * 60_000);
  const first = await createFactory(edition.id, { siteName: "Verrerie du Lac" });
  const second = await createFactory(edition.id, { siteName: "Tournerie du Mont" });
  const morning = await createSlot(first, { startsAt: day, capacity: 20 });
  const afternoon = await createSlot(second, { startsAt: new Date(day.getTime() + 3 * HOUR), capacity: 20 });
  const circuit = await createCircuit(edition.id, [morning, afternoon], { busCapacity, name: "Le lac et le mont" });
  return { edition, circuit, slots: [morning, afternoon] };
}

const mailsOf = (circuitBookingId: string) =>
  db.emailOutbox.findMany({ where: { circuitBookingId }, orderBy: { id: "asc" }, select: { template: true, to: true, subject: true, text: true, attachments: true, dedupeKey: true } });

function calendarOf(mail: { attachments: unknown }) {
  const [attachment] = mail.attachments as { content: string; contentType: string }[];
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(attachment.content, "base64").toString("utf8")));
  return { method: calendar.getFirstPropertyValue("method"), events: calendar.getAllSubcomponents("vevent").map((event) => new ICAL.Event(event)) };
}

afterAll(async () => {
  await db.$disconnect();
});

describe("circuit e-mails", () => {
  it("a confirmed booking gets one e-mail with its ticket code, its manage link and one event from the meeting to the return", async () => {
    const w = await world();
    const result = await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    expect(result.status).toBe("CONFIRMED");
    const mails = await mailsOf(result.booking.id);
    expect(mails.map((mail) => mail.template)).toEqual(["circuit.confirmed"]);
    const [mail] = mails;
    expect(mail.to).toBe(result.booking.email);
    expect(mail.text).toContain(result.booking.ticketCode);
    expect(mail.text).toContain(`/circuits/reservation/${result.manageToken}`);
    expect(mail.text).toContain("Verrerie du Lac");
    expect(mail.text).toContain("Tournerie du Mont");
    const { method, events } = calendarOf(mail);
    expect(method).toBe("REQUEST");
    expect(events).toHaveLength(1);
    expect(events[0].startDate.toJSDate()).toEqual(w.circuit.departsAt);
    expect(events[0].endDate.toJSDate()).toEqual(w.circuit.returnsAt);
    expect(events[0].location).toBe("Place Bellecour, Lyon");
    // The legs' bookings are not e-mailed: the circuit's e-mail covers them.
    expect(await db.emailOutbox.count({ where: { booking: { circuitBookingId: result.booking.id } } })).toBe(0);
  });

  it("waitlisted, then promoted when the first party cancels, which gets the event withdrawn", async () => {
    const w = await world(3);
    const first = await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    const second = await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    expect([first.status, second.status]).toEqual(["CONFIRMED", "WAITLISTED"]);
    expect((await mailsOf(second.booking.id)).map((mail) => mail.template)).toEqual(["circuit.waitlisted"]);

    await cancelCircuitBooking({ manageToken: first.manageToken! }, { by: "VISITOR" });
    const cancelled = await mailsOf(first.booking.id);
    expect(cancelled.map((mail) => mail.template)).toEqual(["circuit.confirmed", "circuit.cancelled"]);
    const withdrawn = calendarOf(cancelled[1]);
    expect(withdrawn.method).toBe("CANCEL");
    // The same event as the confirmation's, so the calendar removes it.
    expect(withdrawn.events[0].uid).toBe(calendarOf(cancelled[0]).events[0].uid);

    const promoted = await mailsOf(second.booking.id);
    expect(promoted.map((mail) => mail.template)).toEqual(["circuit.waitlisted", "circuit.promoted"]);
    expect(promoted[1].text).toContain(`/circuits/reservation/${second.manageToken}`);
    expect(calendarOf(promoted[1]).method).toBe("REQUEST");
  });

  it("one reminder per confirmed circuit booking before departure, none for its legs, none twice", async () => {
    const w = await world(10);
    const confirmed = await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    const cancelled = await bookCircuit(circuitInput(w.circuit.id, { seats: 1 }));
    await cancelCircuitBooking({ manageToken: cancelled.manageToken! }, { by: "VISITOR" });
    const dayBefore = new Date(w.circuit.departsAt.getTime() - 24 * HOUR);
    await enqueueDueReminders(dayBefore);
    await enqueueDueReminders(dayBefore);
    const reminders = await db.emailOutbox.findMany({ where: { template: "circuit.reminder", circuitBookingId: { in: [confirmed.booking.id, cancelled.booking.id] } } });
    expect(reminders.map((mail) => mail.circuitBookingId)).toEqual([confirmed.booking.id]);
    expect(reminders[0].dedupeKey).toBe(`circuit-reminder:${confirmed.booking.id}`);
    const legIds = (await db.booking.findMany({ where: { circuitBookingId: confirmed.booking.id }, select: { id: true } })).map((leg) => leg.id);
    expect(legIds).toHaveLength(2);
    expect(await db.emailOutbox.count({ where: { dedupeKey: { in: legIds.map((id) => `reminder:${id}`) } } })).toBe(0);
  });

  it("after the tour, one survey invitation with a link per stop; each link surveys that stop's visit", async () => {
    const w = await world(10);
    const came = await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    const cancelled = await bookCircuit(circuitInput(w.circuit.id, { seats: 1 }));
    await cancelCircuitBooking({ manageToken: cancelled.manageToken! }, { by: "VISITOR" });
    const evening = new Date(w.circuit.returnsAt.getTime() + 3 * HOUR);
    await enqueueSurveyInvitations(evening);
    await enqueueSurveyInvitations(evening);

    const invitations = await db.emailOutbox.findMany({ where: { template: "circuit.survey", circuitBookingId: { in: [came.booking.id, cancelled.booking.id] } } });
    expect(invitations.map((mail) => mail.circuitBookingId)).toEqual([came.booking.id]);
    const links = [...invitations[0].text.matchAll(/\/enquete\/([\w-]+)/g)].map((match) => match[1]);
    expect(links).toHaveLength(2);
    // The legs get no visit invitation of their own.
    const legs = await db.booking.findMany({ where: { circuitBookingId: came.booking.id }, include: { slot: { include: { factory: true } } }, orderBy: { slot: { startsAt: "asc" } } });
    expect(await db.emailOutbox.count({ where: { dedupeKey: { in: legs.map((leg) => `survey:${leg.id}`) } } })).toBe(0);

    const surveys = await Promise.all(links.map((token) => getSurveyByToken(token, evening)));
    expect(surveys.map((survey) => [survey?.bookingId, survey?.factory.siteName, survey?.open])).toEqual(legs.map((leg) => [leg.id, leg.slot.factory.siteName, true]));
    await submitSurvey(links[1], { satisfaction: 5, recommendBefore: 2, recommendAfter: 4 }, { now: evening });
    expect(await db.surveyResponse.findUnique({ where: { bookingId: legs[1].id } })).toMatchObject({ satisfaction: 5, recommendAfter: 4 });
  });

  it("the edition's retention purge erases circuit bookings' personal data and their e-mails", async () => {
    const w = await world(10);
    const booked = await bookCircuit(circuitInput(w.circuit.id, { seats: 2, phone: "0612345678" }));
    expect(await db.emailOutbox.count({ where: { circuitBookingId: booked.booking.id } })).toBe(1);
    const afterRetention = new Date(w.edition.lastDay.getTime() + (w.edition.dataRetentionDays + 2) * 24 * HOUR);
    await purgeEdition(w.edition.id, afterRetention);
    expect(await db.circuitBooking.findUniqueOrThrow({ where: { id: booked.booking.id }, select: { contactName: true, email: true, phone: true } })).toEqual({
      contactName: ERASED_NAME,
      email: `deleted+${booked.booking.id}@invalid`,
      phone: null,
    });
    expect(await db.emailOutbox.count({ where: { circuitBookingId: booked.booking.id } })).toBe(0);
    // The seats stay counted.
    expect(await db.circuit.findUniqueOrThrow({ where: { id: w.circuit.id }, select: { busTaken: true } })).toEqual({ busTaken: 2 });
  });

  it("'Retrouver mes réservations' and 'Mes réservations' list a circuit once, with its own link, not its stops", async () => {
    // An edition of its own far ahead, so that it is the current one at `now` whatever other tests made.
    const edition = await createEdition({
      firstDay: paris(2091, 3, 16),
      lastDay: paris(2091, 3, 17),
      bookingOpensAt: paris(2091, 1, 1),
      bookingClosesAt: paris(2091, 3, 15),
    });
    const now = paris(2091, 2, 1);
    const first = await createFactory(edition.id, { siteName: "Verrerie du Lac" });
    const second = await createFactory(edition.id, { siteName: "Tournerie du Mont" });
    const morning = await createSlot(first, { startsAt: paris(2091, 3, 16, 9), capacity: 20 });
    const afternoon = await createSlot(second, { startsAt: paris(2091, 3, 16, 14), capacity: 20 });
    const circuit = await createCircuit(edition.id, [morning, afternoon], { name: "Le lac et le mont" });
    const email = `famille-${uid()}@example.fr`;
    const booked = await bookCircuit(circuitInput(circuit.id, { email }), { now });

    await sendBookingLookup({ email, locale: "fr" }, { clientAddress: `10.9.${Math.floor(Math.random() * 250)}.1`, now });
    const [mail] = await db.emailOutbox.findMany({ where: { template: BOOKING_LOOKUP_TEMPLATE, to: email } });
    expect(mail.text).toContain("Circuit en car : Le lac et le mont");
    expect(mail.text).toContain(`/circuits/reservation/${booked.manageToken}`);
    // Its stops' bookings have no link of their own and are not listed as visits.
    expect(mail.text).not.toContain("Verrerie du Lac –");

    const user = await db.user.create({ data: { email } });
    const { bookings } = await bookingsOfUser(user, now);
    expect(bookings.map((b) => [b.circuit, b.title, b.href])).toEqual([[true, "Le lac et le mont", `/circuits/reservation/${booked.manageToken}`]]);
  });
});
