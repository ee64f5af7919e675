import { describe, expect, it } from "vitest";
import { googleCalendarUrl, outlookCalendarUrl, type CalendarEvent } from "@/lib/calendar-links";

const event: CalendarEvent = {
  title: "Visite : Verreries – Atelier & fours",
  // 9:00–10:30 in Paris (winter time, UTC+1).
  start: new Date("2027-03-27T08:00:00.000Z"),
  end: new Date("2027-03-27T09:30:00.000Z"),
  location: "12 rue du Four, 39200 Saint-Claude",
  details: "Journées 2027\nCode billet : AB12-CD34",
};

describe("calendar links", () => {
  it("Google: a TEMPLATE with the visit's UTC times and every field encoded", () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "Visite : Verreries – Atelier & fours",
      dates: "20270327T080000Z/20270327T093000Z",
      details: "Journées 2027\nCode billet : AB12-CD34",
      location: "12 rue du Four, 39200 Saint-Claude",
    });
    // "&" in the title does not cut the query short.
    expect(googleCalendarUrl(event)).toContain("Atelier+%26+fours");
  });

  it("Outlook: the compose deep link with ISO UTC times", () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(url.origin + url.pathname).toBe("https://outlook.live.com/calendar/0/deeplink/compose");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      path: "/calendar/action/compose",
      rru: "addevent",
      subject: event.title,
      startdt: "2027-03-27T08:00:00Z",
      enddt: "2027-03-27T09:30:00Z",
      body: event.details,
      location: event.location,
    });
  });
});
