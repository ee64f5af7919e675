import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * The booking link of a slot. A full slot still links to the booking page, which offers the
 * waiting list. The site and time are read to screen-reader users only, so that each of the many
 * "Réserver" links of a page has a distinct name out of context (RGAA 6.1).
 */
export async function ReserveLink({ slotId, full, site, time }: { slotId: string; full: boolean; site: string; time: string }) {
  const t = await getTranslations("catalogue.slot");
  return (
    <Link
      href={`/visites/${encodeURIComponent(slotId)}/reserver`}
      className={
        full
          ? "inline-flex min-h-11 items-center justify-center rounded-md border-2 border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
          : "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900"
      }
    >
      {full ? t("joinWaitlist") : t("book")}
      <span className="sr-only">{t("bookContext", { site, time })}</span>
    </Link>
  );
}
