import { getTranslations } from "next-intl/server";
import type { CalendarEvent } from "@/lib/calendar-links";
import { calendarLinks } from "@/lib/email/templates/booking";

// "Add to my calendar" three ways: the .ics file, Google Calendar and Outlook (the last two open in
// a new tab, already filled in).
export async function CalendarLinks({ icsHref, event }: { icsHref: string; event: CalendarEvent }) {
  const t = await getTranslations("booking.manage");
  const { google, outlook } = calendarLinks(event);
  const link = "font-semibold text-brand-700 underline underline-offset-4";
  return (
    <ul className="no-print flex flex-wrap gap-x-6 gap-y-2">
      <li>
        <a href={icsHref} className={link}>
          {t("calendar")}
        </a>
      </li>
      <li>
        <a href={google} target="_blank" rel="noopener noreferrer" className={link}>
          {t("googleCalendar")}
        </a>
      </li>
      <li>
        <a href={outlook} target="_blank" rel="noopener noreferrer" className={link}>
          {t("outlookCalendar")}
        </a>
      </li>
    </ul>
  );
}
