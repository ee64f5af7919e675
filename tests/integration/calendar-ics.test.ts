// The calendar files a visitor receives, read back with a real iCalendar parser (ical.js): the
// confirmation adds the event, a seat change updates it and a cancellation removes it, so all three
// carry the same UID, a SEQUENCE that grows, and the METHOD that tells the calendar what to do. Lines
// are folded at 75 octets (RFC 5545), accents counted in UTF-8 bytes.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { GET as downloadTicketCalendar } from "@/app/billet/[token]/calendrier.ics/route";
import { GET as downloadCalendar } from "@/app/reservation/[token]/calendrier.ics/route";
import { db } from "@/lib/db";
import { book, cancelBooking, changeSeats } from "@/lib/booking";
import { manageUrl, ticketUrl } from "@/lib/email/templates/common";
import { ticketTokenFor } from "@/lib/tokens";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";
import { individualInput as individual } from "../fixtures/bookings";

const MINUTE = 60_000;

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
  };
}

describe("calendar files of a booking", () => {
  it("adds, updates and removes the same event: one UID, growing SEQUENCE, PUBLISH then CANCEL, folded by octets", async () => {
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

    const confirmation = read(await attachedCalendar(bookingId, "booking.confirmed"));
    expect(["PUBLISH", "REQUEST"]).toContain(confirmation.method);
    expect(confirmation.status).toBe("CONFIRMED");
    expect(confirmation.summary).toContain(factory.siteName);
    expect(confirmation.location).toContain("Élévation");

    await changeSeats({ manageToken: booked.manageToken!, seats: 3 }, { now: new Date(Date.now() + MINUTE) });
    const change = read(await attachedCalendar(bookingId, "booking.seats_changed"));
    expect(["PUBLISH", "REQUEST"]).toContain(change.method);
    expect(change.uid).toBe(confirmation.uid);
    expect(change.sequence).toBeGreaterThan(confirmation.sequence);
    // The updated event keeps the ticket code and the manage link.
    expect(change.description).toContain(booked.booking.ticketCode);
    expect(change.description).toContain(manageUrl(booked.manageToken!));

    await cancelBooking({ manageToken: booked.manageToken! }, { by: "VISITOR", now: new Date(Date.now() + 2 * MINUTE) });
    const cancellation = read(await attachedCalendar(bookingId, "booking.cancelled"));
    expect(cancellation.method).toBe("CANCEL");
    expect(cancellation.status).toBe("CANCELLED");
    expect(cancellation.uid).toBe(confirmation.uid);
    expect(cancellation.sequence).toBeGreaterThan(change.sequence);

    // "Add to my calendar" on the cancelled booking's page gives the same cancellation.
    const response = await downloadCalendar(new Request("http://localhost/"), { params: Promise.resolve({ token: booked.manageToken! }) });
    const downloaded = read(await response.text());
    expect(downloaded).toMatchObject({ method: "CANCEL", uid: confirmation.uid, sequence: cancellation.sequence });
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

    const fromManagePage = read(await (await downloadCalendar(new Request("http://localhost/"), { params: Promise.resolve({ token }) })).text());
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
