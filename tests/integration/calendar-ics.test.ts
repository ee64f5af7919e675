// The calendar files a visitor receives, read back with a real iCalendar parser (ical.js): the
// confirmation adds the event, a seat change updates it and a cancellation removes it, so all three
// carry the same UID, a SEQUENCE that grows, and the METHOD that tells the calendar what to do
// (RFC 5546: REQUEST from the platform, the ORGANIZER, to the visitor, the ATTENDEE; then CANCEL).
// Lines are folded at 75 octets (RFC 5545), accents counted in UTF-8 bytes.
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import type { Transporter } from "nodemailer";
import { describe, expect, it } from "vitest";
import { GET as downloadTicketCalendar } from "@/app/billet/[token]/calendrier.ics/route";
import { GET as downloadCalendar } from "@/app/reservation/[token]/calendrier.ics/route";
import { db } from "@/lib/db";
import { book, cancelBooking, cancelSlot, changeSeats } from "@/lib/booking";
import { deliverDueEmails } from "@/lib/email/worker";
import { manageUrl, ticketUrl } from "@/lib/email/templates/common";
import { ticketTokenFor } from "@/lib/tokens";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";
import { individualInput as individual } from "../fixtures/bookings";
import { testMailSink } from "../fixtures/mail-sink";

const MINUTE = 60_000;
// The sender of the mail config (lib/env.ts's default; the tests do not set MAIL_FROM).
const PLATFORM = "mailto:ne-pas-repondre@usines-ouvertes.fr";
const sink = testMailSink();

// The calendar file attached to the e-mail of `template` sent for `bookingId`.
async function attachedCalendar(bookingId: string, template: string): Promise<string> {
  const mail = await db.emailOutbox.findFirstOrThrow({ where: { bookingId, template }, select: { attachments: true } });
  const files = (mail.attachments ?? []) as { contentType: string; content: string }[];
  const ics = files.filter((f) => f.contentType.startsWith("text/calendar"));
  expect(ics).toHaveLength(1);
  return Buffer.from(ics[0].content, "base64").toString("utf8");
}

function read(raw: string) {
  // Every content line, continuation lines included, fits in 75 octets, and lines end in CRLF.
  expect(raw.endsWith("\r\n")).toBe(true);
  for (const line of raw.split("\r\n")) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
  const calendar = new ICAL.Component(ICAL.parse(raw));
  const event = calendar.getFirstSubcomponent("vevent");
  expect(event).not.toBeNull();
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event!.getFirstPropertyValue("uid"),
    sequence: Number(event!.getFirstPropertyValue("sequence") ?? 0),
    status: event!.getFirstPropertyValue("status"),
    summary: String(event!.getFirstPropertyValue("summary")),
    location: String(event!.getFirstPropertyValue("location")),
    description: String(event!.getFirstPropertyValue("description")),
    organizer: String(event!.getFirstPropertyValue("organizer")).toLowerCase(),
    attendees: event!.getAllProperties("attendee").map((a) => ({
      address: String(a.getFirstValue()).toLowerCase(),
      partstat: a.getParameter("partstat"),
      rsvp: a.getParameter("rsvp"),
    })),
  };
}

// What an e-mailed REQUEST or CANCEL names: the platform organises, the visitor attends (accepted).
function expectInvitation(file: ReturnType<typeof read>, email: string) {
  expect(file.organizer).toBe(PLATFORM);
  expect(file.attendees).toEqual([{ address: `mailto:${email}`, partstat: "ACCEPTED", rsvp: "FALSE" }]);
}

const downloadFrom = (token: string) => downloadCalendar(new Request("http://localhost/"), { params: Promise.resolve({ token }) });

describe("calendar files of a booking", () => {
  it("adds, updates and removes the same event: one UID, growing SEQUENCE, REQUEST then CANCEL, folded by octets", async () => {
    const edition = await createEdition();
    // Long, accented names: their lines must be folded by bytes, not characters.
    const factory = await createFactory(edition.id, {
      companyName: "Société d'Émaillage et de Décolletage Rhône-Alpes Énergies Renouvelées",
      siteName: "Établissement de Vénissieux — atelier d'émaillage électrostatique",
      address: "14 boulevard de l'Égalité-Réelle, bâtiment « Élévation », entrée côté allée des Érables",
    });
    const slot = await createSlot(factory);
    const booked = await book(individual(slot.id, { seats: 2 }));
    const bookingId = booked.booking.id;
    const email = booked.booking.email;

    const confirmation = read(await attachedCalendar(bookingId, "booking.confirmed"));
    expect(confirmation.method).toBe("REQUEST");
    expect(confirmation.sequence).toBe(0);
    expect(confirmation.status).toBe("CONFIRMED");
    expect(confirmation.summary).toContain(factory.siteName);
    expect(confirmation.location).toContain("Élévation");
    expectInvitation(confirmation, email);

    // The change and the cancellation in the same second: a SEQUENCE read from the clock would not grow.
    const at = new Date(Date.now() + MINUTE);
    await changeSeats({ manageToken: booked.manageToken!, seats: 3 }, { now: at });
    const change = read(await attachedCalendar(bookingId, "booking.seats_changed"));
    expect(change.method).toBe("REQUEST");
    expect(change.uid).toBe(confirmation.uid);
    expect(change.sequence).toBeGreaterThan(confirmation.sequence);
    expectInvitation(change, email);
    // The updated event keeps the ticket code and the manage link.
    expect(change.description).toContain(booked.booking.ticketCode);
    expect(change.description).toContain(manageUrl(booked.manageToken!));

    const changeMail = await db.emailOutbox.findFirstOrThrow({ where: { bookingId, template: "booking.seats_changed" } });
    expect(changeMail.text).toContain("Le fichier joint met à jour la visite dans votre agenda.");

    // "Add to my calendar" after the change: a copy for import by hand, as new as the e-mail.
    const afterChange = read(await (await downloadFrom(booked.manageToken!)).text());
    expect(afterChange).toMatchObject({ method: "PUBLISH", uid: confirmation.uid, sequence: change.sequence, status: "CONFIRMED", attendees: [] });

    await cancelBooking({ manageToken: booked.manageToken! }, { by: "VISITOR", now: at });
    const cancellation = read(await attachedCalendar(bookingId, "booking.cancelled"));
    expect(cancellation.method).toBe("CANCEL");
    expect(cancellation.status).toBe("CANCELLED");
    expect(cancellation.uid).toBe(confirmation.uid);
    expect(cancellation.sequence).toBeGreaterThan(change.sequence);
    expectInvitation(cancellation, email);
    expect(cancellation.description).toContain(booked.booking.ticketCode);

    // "Add to my calendar" on the cancelled booking's page gives the same cancellation.
    const downloaded = read(await (await downloadFrom(booked.manageToken!)).text());
    expect(downloaded).toMatchObject({ method: "CANCEL", uid: confirmation.uid, sequence: cancellation.sequence });
  });

  it("cancels the event when the factory cancels the visit with a reason, or an organiser cancels the booking", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const slot = await createSlot(factory);
    const changed = await book(individual(slot.id, { seats: 2 }));
    await changeSeats({ manageToken: changed.manageToken!, seats: 1 });
    const untouched = await book(individual(slot.id, { seats: 2 }));
    const waiting = await createSlot(factory, { capacity: 1 });
    const byOrganiser = await book(individual(waiting.id, { seats: 1 }));
    const waitlisted = await book(individual(waiting.id, { seats: 1 }));
    expect(waitlisted.status).toBe("WAITLISTED");

    const contact = await db.user.create({ data: { email: `contact-${slot.id}@example.fr` }, select: { id: true } });
    await db.factoryContact.create({ data: { factoryId: factory.id, userId: contact.id } });
    await cancelSlot(slot.id, { by: "FACTORY", actorId: contact.id, reason: "Panne de la ligne" });
    const change = read(await attachedCalendar(changed.booking.id, "booking.seats_changed"));
    for (const [booked, sequence] of [
      [changed, change.sequence + 1],
      [untouched, 1],
    ] as const) {
      const confirmation = read(await attachedCalendar(booked.booking.id, "booking.confirmed"));
      const cancelled = read(await attachedCalendar(booked.booking.id, "booking.slot_cancelled"));
      expect(cancelled).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: confirmation.uid, sequence });
      expectInvitation(cancelled, booked.booking.email);
    }

    const organiser = await db.user.create({ data: { email: `orga-${slot.id}@example.fr`, role: "ORGANISER" }, select: { id: true } });
    await cancelBooking({ bookingId: byOrganiser.booking.id }, { by: "ORGANISER", actorId: organiser.id });
    const confirmation = read(await attachedCalendar(byOrganiser.booking.id, "booking.confirmed"));
    const cancelled = read(await attachedCalendar(byOrganiser.booking.id, "booking.cancelled"));
    expect(cancelled).toMatchObject({ method: "CANCEL", uid: confirmation.uid, sequence: 1 });
    // The waitlisted request, confirmed by the freed seat, is a new event in its calendar.
    expect(read(await attachedCalendar(waitlisted.booking.id, "booking.promoted"))).toMatchObject({ method: "REQUEST", sequence: 0 });
  });

  it("delivers the invitation as the text/calendar part mail clients act on (iMIP)", async () => {
    await sink.up();
    const edition = await createEdition();
    const slot = await createSlot(await createFactory(edition.id));
    const booked = await book(individual(slot.id, { seats: 1, email: `imip-${slot.id}@example.fr` }));
    const ours = (mail: { to: string }) => mail.to === booked.booking.email;
    const real = sink.transport();
    const onlyOurs = { sendMail: async (mail: { to: string }) => void (ours(mail) && (await real.sendMail(mail))) } as unknown as Transporter;
    await deliverDueEmails(onlyOurs, 50);

    const stored = await db.devMail.findFirstOrThrow({ where: { to: booked.booking.email } });
    const parsed = await simpleParser(stored.raw);
    // The body's calendar alternative, with the method in its Content-Type.
    expect(stored.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const calendars = parsed.attachments.filter((a) => /calendar|ics/.test(a.contentType));
    expect(calendars.length).toBeGreaterThan(0);
    for (const file of calendars) {
      const invitation = read(file.content.toString("utf8"));
      expect(invitation).toMatchObject({ method: "REQUEST", sequence: 0 });
      expectInvitation(invitation, booked.booking.email);
    }
  });

  it("writes the ticket code and a link back in DESCRIPTION: the manage link, or the ticket's own from the ticket page", async () => {
    const edition = await createEdition();
    const slot = await createSlot(await createFactory(edition.id));
    const booked = await book(individual(slot.id, { seats: 2 }));
    const token = booked.manageToken!;
    const code = booked.booking.ticketCode;

    // Before: DESCRIPTION held the edition's name only.
    const attached = read(await attachedCalendar(booked.booking.id, "booking.confirmed"));
    expect(attached.description).toContain(code);
    expect(attached.description).toContain(manageUrl(token));

    const fromManagePage = read(await (await downloadFrom(token)).text());
    expect(fromManagePage.description).toContain(code);
    expect(fromManagePage.description).toContain(manageUrl(token));

    // The ticket may be shown to others: its file links to the ticket, never to the manage page.
    const ticket = ticketTokenFor(token);
    const fromTicket = read(await (await downloadTicketCalendar(new Request("http://localhost/"), { params: Promise.resolve({ token: ticket }) })).text());
    expect(fromTicket.uid).toBe(attached.uid);
    expect(fromTicket.description).toContain(code);
    expect(fromTicket.description).toContain(ticketUrl(ticket));
    expect(fromTicket.description).not.toContain(token);
  });

  it("sends no calendar file to a waitlisted visitor who leaves the list", async () => {
    const edition = await createEdition();
    const slot = await createSlot(await createFactory(edition.id), { capacity: 1 });
    await book(individual(slot.id, { seats: 1 }));
    const waiting = await book(individual(slot.id, { seats: 1 }));
    expect(waiting.status).toBe("WAITLISTED");
    await cancelBooking({ manageToken: waiting.manageToken! }, { by: "VISITOR" });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { bookingId: waiting.booking.id, template: "booking.cancelled" } });
    expect(mail.attachments).toBeNull();
  });
});
