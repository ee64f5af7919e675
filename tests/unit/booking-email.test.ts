import { describe, expect, it, vi } from "vitest";

// lib/env reads the settings once, when the templates first load: the public URL has to be set first.
vi.hoisted(() => {
  process.env.APP_URL = "https://usines.example/";
});
import { escapeHtml, html } from "@/lib/email/layout";
import {
  cancelledEmail,
  confirmationEmail,
  icsForBooking,
  promotedEmail,
  seatsChangedEmail,
  slotCancelledEmail,
  waitlistedEmail,
  type BookingMailData,
} from "@/lib/email/templates/booking";
import { formatVisitTime } from "@/lib/email/templates/common";
import { reminderEmail } from "@/lib/email/templates/lifecycle";

const data = (over: Partial<BookingMailData> = {}): BookingMailData => ({
  id: "booking-1",
  editionId: "ed1",
  kind: "INDIVIDUAL",
  contactName: "Camille <b>Martin</b>",
  email: "camille@example.fr",
  locale: "fr",
  seats: 3,
  students: null,
  adults: 2,
  organisationType: null,
  organisationName: null,
  ticketCode: "ABCD2345",
  edition: { name: "Journées Usines Ouvertes 2027" },
  slot: {
    // 13 March 2027 is in winter time: 09:00 UTC is 10:00 in Paris.
    startsAt: new Date("2027-03-13T09:00:00Z"),
    endsAt: new Date("2027-03-13T10:30:00Z"),
    minAge: 12,
    meetingPoint: "Accueil du <bâtiment> B",
    parkingInfo: "Parking visiteurs devant l'entrée",
    publicTransport: null,
    walkingDistanceMeters: 1200,
    ppe: "PROVIDED",
    photographyAllowed: false,
    factory: {
      companyName: "Décolletage & Fils",
      siteName: "Site de Cluses",
      address: "1 rue de l'Usine",
      postalCode: "74300",
      communeName: "Cluses",
      minAge: null,
      closedShoesRequired: true,
      idRequired: false,
      pacemakerWarning: true,
      otherConditions: "Pas de <bijoux>",
      wheelchairAccessible: true,
      accessibilityNotes: null,
    },
  },
  ...over,
});

// Intl puts thin no-break spaces around the time range dash.
const plain = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, " ");

const tokens = { manageToken: "MANAGE_token-123", ticketToken: "TICKET_token-456" };

describe("layout", () => {
  it("escapes interpolated values but not nested SafeHtml", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(html`<p>${"<i>"}${html`<b>${"&"}</b>`}${[1, null, "<", false]}</p>`.value).toBe("<p>&lt;i&gt;<b>&amp;</b>1&lt;</p>");
  });
});

describe("booking e-mails", () => {
  it("formats visit times in Paris time, in the reader's language, summer and winter", () => {
    expect(plain(formatVisitTime(new Date("2027-03-13T09:00:00Z"), new Date("2027-03-13T10:30:00Z"), "fr"))).toBe(
      "samedi 13 mars 2027, 10 h 00 – 11 h 30 (heure de Paris)",
    );
    expect(plain(formatVisitTime(new Date("2027-06-12T08:00:00Z"), new Date("2027-06-12T09:00:00Z"), "en"))).toBe(
      "Saturday 12 June 2027, 10:00 – 11:00 (Paris time)",
    );
  });

  it("confirms in French with links, ticket code, conditions and a calendar file; user data escaped", () => {
    const mail = confirmationEmail(data(), tokens);
    expect(mail).toMatchObject({ to: "camille@example.fr", template: "booking.confirmed", bookingId: "booking-1" });
    expect(plain(mail.subject)).toBe("Réservation confirmée : Décolletage & Fils – Site de Cluses, samedi 13 mars 2027, 10 h 00 – 11 h 30 (heure de Paris)");
    expect(mail.text).toContain("https://usines.example/reservation/MANAGE_token-123");
    expect(mail.text).toContain("https://usines.example/billet/TICKET_token-456");
    expect(mail.text).toContain("Code billet : ABCD2345");
    expect(mail.text).toContain("Places : 3 places");
    expect(mail.text).toContain("- Âge minimum : 12 ans");
    expect(mail.text).toContain("- Chaussures fermées obligatoires");
    expect(mail.text).toContain("- Les mineurs doivent être accompagnés d'un adulte.");
    expect(mail.text).toContain("Bonjour Camille <b>Martin</b>,");
    expect(mail.html).toContain("Bonjour Camille &lt;b&gt;Martin&lt;/b&gt;,");
    expect(mail.html).toContain("Pas de &lt;bijoux&gt;");
    expect(mail.html).toContain("Décolletage &amp; Fils");
    expect(mail.html).toContain('href="https://usines.example/reservation/MANAGE_token-123"');
    expect(mail.attachments).toHaveLength(1);
    const [ics] = mail.attachments!;
    expect(ics).toMatchObject({ filename: "visite.ics", contentType: "text/calendar; method=REQUEST" });
    const calendar = Buffer.from(ics.content, "base64").toString("utf8");
    expect(calendar).toContain("DTSTART:20270313T090000Z");
    expect(calendar).toContain("DTEND:20270313T103000Z");
    expect(calendar).toMatch(/UID:[0-9a-f]{32}@usines-ouvertes/);
    // The event says how to get in and how to manage the booking (issue 13, item 9): ticket code and
    // manage link in DESCRIPTION (unfolded before reading).
    const description = calendar.replace(/\r\n[ \t]/g, "").match(/^DESCRIPTION:(.*)$/m)?.[1] ?? "";
    expect(description).toContain("Code billet : ABCD2345");
    expect(description).toContain("https://usines.example/reservation/MANAGE_token-123");
    // The same event as Google Calendar and Outlook links.
    expect(mail.text).toContain("Ajouter à Google Agenda");
    expect(mail.text).toContain("https://calendar.google.com/calendar/render?action=TEMPLATE");
    expect(mail.text).toContain("dates=20270313T090000Z%2F20270313T103000Z");
    expect(mail.text).toContain("Ajouter à Outlook");
    expect(mail.html).toContain("https://outlook.live.com/calendar/0/deeplink/compose?");
  });

  it("lists the practical information with Unicode signs and the directions link in the confirmation, promotion and reminder", () => {
    const directions = "https://www.google.com/maps/search/?api=1&query=1%20rue%20de%20l'Usine%2C%2074300%20Cluses";
    for (const mail of [confirmationEmail(data(), tokens), promotedEmail(data(), tokens), reminderEmail(data(), tokens)]) {
      const text = plain(mail.text);
      expect(text).toContain("Infos pratiques\n- 📍 Point de rendez-vous : Accueil du <bâtiment> B\n- 🅿️ Stationnement : Parking visiteurs devant l'entrée");
      expect(text).toContain("- 🚶 Marche sur le site : environ 1 200 m");
      expect(text).toContain("- ⛑️ Équipements de protection individuelle (EPI) fournis sur place");
      expect(text).toContain("- 🚫 Photos interdites pendant la visite");
      expect(text).toContain(`- Itinéraire vers Site de Cluses : ${directions}`);
      // Not said: not listed.
      expect(text).not.toContain("Transports en commun");
      expect(text).not.toContain("Pièce d'identité");
      // HTML: text and Unicode, escaped, never SVG (mail clients drop it).
      expect(mail.html).toContain("📍 Point de rendez-vous : Accueil du &lt;bâtiment&gt; B");
      expect(mail.html).toContain(`href="${directions.replaceAll("&", "&amp;").replaceAll("'", "&#39;")}"`);
      expect(mail.html).not.toContain("<svg");
    }
    // The ID the factory asks for is one of its pictograms too; English wording.
    const en = data({ locale: "en", slot: { ...data().slot, factory: { ...data().slot.factory, idRequired: true } } });
    const text = plain(reminderEmail(en, tokens).text);
    expect(text).toContain("Practical information\n- 📍 Meeting point: Accueil du <bâtiment> B");
    expect(text).toContain("- 🪪 ID required at the entrance");
    expect(text).toContain("- 🚶 Walking on site: about 1,200 m");
    // Only what a visitor going to the visit needs: not in a cancellation.
    expect(cancelledEmail(data(), "VISITOR").text).not.toContain("Infos pratiques");
    expect(waitlistedEmail(data(), tokens).text).not.toContain("Infos pratiques");
  });

  it("writes every template in English for English bookings", () => {
    const en = data({ locale: "en" });
    expect(confirmationEmail(en, tokens).subject).toMatch(/^Booking confirmed: /);
    expect(waitlistedEmail(en, tokens).subject).toMatch(/^Waiting list: /);
    expect(promotedEmail(en, tokens).subject).toMatch(/^Seat confirmed: /);
    expect(seatsChangedEmail({ ...en, status: "CONFIRMED" }, { ...en, seats: 4 }).text).toContain("Number of seats: 4 seats → 3 seats.");
    expect(cancelledEmail(en, "VISITOR").text).toContain("Your booking is cancelled.");
    expect(slotCancelledEmail(en).subject).toMatch(/^Visit cancelled by the factory: /);
    expect(confirmationEmail(en, tokens).html).toContain('<html lang="en">');
    expect(confirmationEmail(en, tokens).text).toContain("Visit conditions:\n- Minimum age: 12\n- Closed shoes required");
  });

  it("gives each life event its template and only the links it should", () => {
    const d = data();
    const waitlisted = waitlistedEmail(d, tokens);
    expect(waitlisted.template).toBe("booking.waitlisted");
    expect(waitlisted.text).toContain("/reservation/MANAGE_token-123");
    expect(waitlisted.text).not.toContain("/billet/");
    expect(waitlisted.attachments).toBeUndefined();
    const promoted = promotedEmail(d, tokens);
    expect(promoted.template).toBe("booking.promoted");
    expect(promoted.text).toContain("/billet/TICKET_token-456");
    expect(promoted.text).toContain("/reservation/MANAGE");
    expect(promotedEmail(d, null).text).not.toContain("/billet/");
    expect(promoted.attachments).toHaveLength(1);
    expect(cancelledEmail(d, "FACTORY").text).toContain("L'usine a annulé votre réservation.");
    expect(slotCancelledEmail(d).template).toBe("booking.slot_cancelled");
    // Every e-mail about the booking names it: erasure finds them by this key.
    for (const mail of [waitlisted, promoted, cancelledEmail(d, "VISITOR"), slotCancelledEmail(d), seatsChangedEmail({ ...d, status: "CONFIRMED" }, d)]) {
      expect(mail.bookingId).toBe("booking-1");
    }
    const group = data({ kind: "GROUP", seats: 26, students: 24, adults: 2 });
    expect(seatsChangedEmail({ ...group, status: "WAITLISTED" }, { ...group, seats: 27, students: 25 }).text).toContain(
      "Nombre de places : 25 élèves et 2 accompagnateurs → 24 élèves et 2 accompagnateurs. Votre demande reste sur la liste d'attente.",
    );
  });

  it("serves the calendar file on its own, e.g. cancelled", () => {
    expect(icsForBooking(data(), { method: "CANCEL", sequence: 1 })).toContain("STATUS:CANCELLED");
  });
});
