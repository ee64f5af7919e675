"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { catalogueQueryString } from "@/lib/catalogue/schemas";
import { formatVisitTime } from "@/lib/i18n/format";
import type { SeatRefusal as Refusal } from "./actions";

/** Under a booking refused for lack of seats: how many are left, and the nearest visits that fit. */
export function SeatRefusal({ refusal }: { refusal: Refusal }) {
  const t = useTranslations("booking.seatRefusal");
  const locale = useLocale();
  const { asked, audience } = refusal;
  const search = `/visites${catalogueQueryString({ seats: asked, audience })}`;
  return (
    <section aria-labelledby="places-ailleurs" className="flex flex-col gap-3 rounded-xl border border-slate-300 p-4">
      <p>{t("left", { left: refusal.left, audience, capacity: refusal.capacity, asked })}</p>
      <h2 id="places-ailleurs" className="text-lg font-semibold">
        {t("title", { asked })}
      </h2>
      {refusal.suggestions.length > 0 ? (
        <ul className="flex flex-col gap-2">
          {refusal.suggestions.map((visit) => (
            <li key={visit.id}>
              <Link href={`/visites/${visit.id}/reserver`} className="font-medium text-brand-700 underline underline-offset-4">
                {visit.factory.siteName} ({visit.factory.communeName}) —{" "}
                {formatVisitTime(new Date(visit.startsAt), new Date(visit.endsAt), locale, { year: false })}
              </Link>{" "}
              <span className="text-slate-700">
                · {t("seatsLeft", { count: visit.seatsLeft })}
                {visit.sameFactory && ` · ${t("sameFactory")}`}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("none")}</p>
      )}
      <Link href={search} className="self-start font-medium text-brand-700 underline underline-offset-4">
        {t("search")}
      </Link>
    </section>
  );
}
