import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { pageUser } from "@/lib/auth/pages";
import { getRegistrationEdition } from "@/lib/catalogue/edition";
import { formatDate } from "@/lib/i18n/format";
import { SECTORS } from "@/lib/reference/naf";
import { now } from "@/lib/clock";
import { CONDITION_FLAGS, type ConditionFlag } from "@/lib/booking/visit-conditions";
import { RegistrationForm, type SectorGroup } from "./RegistrationForm";
import { publicMetadata } from "@/lib/seo/site";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("registration");
  return publicMetadata({ path: "/espace-usine/inscription", title: t("title"), description: t("meta.description") });
}

export default async function RegistrationPage() {
  const user = await pageUser("/espace-usine/inscription");
  const [t, tc, locale, edition] = await Promise.all([
    getTranslations("registration"),
    getTranslations("booking.conditions"),
    getLocale(),
    getRegistrationEdition(now()),
  ]);
  const at = now();
  const open = edition !== null && at >= edition.factoryRegistrationOpensAt && at < edition.factoryRegistrationClosesAt;
  const back = (
    <Link href="/espace-usine" className="self-start text-brand-700 underline underline-offset-4">
      {t("back")}
    </Link>
  );

  if (!edition || !open) {
    const day = (date: Date) => formatDate(date, locale);
    return (
      <div className="flex flex-col gap-4">
        {back}
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-2xl rounded-md bg-amber-50 p-4">
          {edition
            ? t("closed", { edition: edition.name, opens: day(edition.factoryRegistrationOpensAt), closes: day(edition.factoryRegistrationClosesAt) })
            : t("noEdition")}
        </p>
      </div>
    );
  }

  const lang = locale === "en" ? "en" : "fr";
  const sectors: SectorGroup[] = (["B", "C", "D", "E"] as const).map((section) => ({
    section,
    label: t(`sector.sections.${section}`),
    options: SECTORS.filter((s) => s.section === section).map((s) => ({ code: s.code, label: lang === "en" ? s.labelEn : s.label })),
  }));

  const conditionLabels = Object.fromEntries(Object.entries(CONDITION_FLAGS).map(([flag, code]) => [flag, tc(code)])) as Record<ConditionFlag, string>;
  return (
    <div className="flex flex-col gap-4">
      {back}
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-2xl text-slate-700">{t("intro", { edition: edition.name })}</p>
      <RegistrationForm sectors={sectors} userEmail={user.email} conditionLabels={conditionLabels} />
    </div>
  );
}
