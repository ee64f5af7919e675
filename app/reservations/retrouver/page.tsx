import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { linkClass } from "@/components/ui/styles";
import { FindBookingsForm } from "./FindBookingsForm";
import { publicMetadata } from "@/lib/seo/site";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tm] = await Promise.all([getTranslations("myBookings.find"), getTranslations("myBookings.meta")]);
  return publicMetadata({ path: "/reservations/retrouver", title: t("title"), description: tm("find") });
}

export default async function FindBookingsPage() {
  const [t, locale] = await Promise.all([getTranslations("myBookings.find"), getLocale()]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <FindBookingsForm locale={locale === "en" ? "en" : "fr"} />
      <p className="max-w-xl text-sm text-slate-700">{t("privacy")}</p>
      <p>
        {t("signedIn")}{" "}
        <Link href="/mes-reservations" className={linkClass}>
          {t("signedInLink")}
        </Link>
      </p>
    </div>
  );
}
