import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SlotTime } from "@/components/catalogue/SlotTime";
import { PageHeader } from "@/components/ui/PageHeader";
import { emptyClass, linkClass } from "@/components/ui/styles";
import { pageUser } from "@/lib/auth/pages";
import { bookingsOfUser, type UserBooking } from "@/lib/booking/lookup";
import { groupName } from "@/lib/booking/groups";

export async function generateMetadata(): Promise<Metadata> {
  // The page holds private links: keep them out of referrers.
  return { title: (await getTranslations("myBookings.mine"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

const STATUS_TONE: Record<UserBooking["status"], string> = {
  CONFIRMED: "bg-green-100 text-green-900",
  WAITLISTED: "bg-amber-100 text-amber-900",
  CANCELLED: "bg-slate-200 text-slate-800",
  CHECKED_IN: "bg-blue-100 text-blue-900",
};

export default async function MyBookingsPage() {
  const user = await pageUser("/mes-reservations");
  const [t, tf, { edition, bookings }] = await Promise.all([getTranslations("myBookings.mine"), getTranslations("myBookings.find"), bookingsOfUser(user)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={edition ? t("intro", { email: user.email, edition: edition.name }) : undefined} />
      {bookings.length === 0 ? (
        <p className={emptyClass}>
          {t("empty")}{" "}
          <Link href="/visites" className={linkClass}>
            {t("browse")}
          </Link>
        </p>
      ) : (
        <ul className="flex flex-col gap-3">
          {bookings.map((b) => (
            <li key={b.id} className="flex flex-col gap-2 rounded-xl border border-slate-200 p-4">
              <h2 className="text-lg font-semibold">{b.circuit ? t("circuit", { name: b.title }) : b.title}</h2>
              <p>
                <SlotTime startsAt={b.startsAt} endsAt={b.endsAt} />
              </p>
              <p className="text-slate-700">
                {b.kind === "GROUP" && b.students !== null && b.adults !== null
                  ? `${groupName(b)} · ${t("organisationName" in b && b.organisationName ? "organisationGroup" : "group", { students: b.students, adults: b.adults })}`
                  : t("seats", { count: b.seats })}
              </p>
              <p>
                <span className={`rounded-full px-3 py-1 text-sm font-semibold ${STATUS_TONE[b.status]}`}>{t(`status.${b.status}`)}</span>
              </p>
              {b.href ? (
                <Link href={b.href} className={`self-start ${linkClass}`}>
                  {t("manage")}
                  <span className="sr-only"> – {b.title}</span>
                </Link>
              ) : (
                <p className="text-sm text-slate-700">{t("noLink")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        {t("other")}{" "}
        <Link href="/reservations/retrouver" className={linkClass}>
          {tf("title")}
        </Link>
      </p>
    </div>
  );
}
