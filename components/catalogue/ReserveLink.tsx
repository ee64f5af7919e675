import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";

const LABELS = { book: "book", waitlist: "joinWaitlist", class: "bookForClass" } as const;

/**
 * The booking link of a slot: "Réserver"; for a full slot "Liste d'attente" (the booking page offers
 * the waiting list); for a slot only classes can book now "Inscrire une classe", which goes through
 * the sign-in first when nobody is signed in (class bookings need a teacher's account). The site
 * and time are read to screen-reader users only, so that each of the many links of a page has a
 * distinct name out of context (RGAA 6.1). `query` carries the catalogue's filters to the booking
 * page, for its way back.
 */
export async function ReserveLink({
  slotId,
  variant,
  site,
  time,
  query = "",
}: {
  slotId: string;
  variant: keyof typeof LABELS;
  site: string;
  time: string;
  query?: string;
}) {
  const [t, user] = await Promise.all([getTranslations("catalogue.slot"), variant === "class" ? currentUser() : null]);
  const booking = `/visites/${encodeURIComponent(slotId)}/reserver${query}`;
  const href = variant === "class" && !user ? `/connexion?callbackUrl=${encodeURIComponent(booking)}` : booking;
  return (
    <Link prefetch={false}
      href={href}
      className={
        variant === "book"
          ? "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900"
          : "inline-flex min-h-11 items-center justify-center rounded-md border-2 border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
      }
    >
      {t(LABELS[variant])}
      <span className="sr-only">{t("bookContext", { site, time })}</span>
    </Link>
  );
}
