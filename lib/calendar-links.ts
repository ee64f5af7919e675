// "Add to Google Calendar / Outlook" links: plain URLs that open the calendar's new-event form
// already filled in, for people who do not open .ics files (most phones' mail apps hide them).
// Times are sent in UTC ("Z"), which both calendars convert to the person's own time zone.

export interface CalendarEvent {
  title: string;
  start: Date;
  end: Date;
  location: string;
  details: string;
}

// 2027-03-27T08:00:00.000Z → "20270327T080000Z" (Google's compact UTC form).
const compactUtc = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
// 2027-03-27T08:00:00.000Z → "2027-03-27T08:00:00Z" (Outlook's form).
const isoUtc = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export function googleCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${compactUtc(event.start)}/${compactUtc(event.end)}`,
    details: event.details,
    location: event.location,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

export function outlookCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: isoUtc(event.start),
    enddt: isoUtc(event.end),
    body: event.details,
    location: event.location,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}
