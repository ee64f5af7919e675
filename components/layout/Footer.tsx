import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MapAttribution } from "@/components/map/MapAttribution";

export async function Footer() {
  const t = await getTranslations("common.footer");
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-slate-700 sm:flex-row sm:justify-between">
        <p>{t("tagline")}</p>
        <ul className="flex gap-4">
          <li><Link prefetch={false} className="underline underline-offset-4" href="/reservations/retrouver">{t("findBookings")}</Link></li>
          <li><Link prefetch={false} className="underline underline-offset-4" href="/donnees-personnelles">{t("privacy")}</Link></li>
          <li><Link prefetch={false} className="underline underline-offset-4" href="/accessibilite">{t("accessibility")}</Link></li>
        </ul>
      </div>
      <div className="mx-auto max-w-6xl px-4 pb-4">
        <MapAttribution />
      </div>
    </footer>
  );
}
