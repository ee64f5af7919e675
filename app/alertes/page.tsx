import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { publicMetadata } from "@/lib/seo/site";
import { AlertForm } from "./AlertForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts");
  return publicMetadata({ path: "/alertes", title: t("form.title"), description: t("meta.description") });
}

// ?codePostal=69003 (from the catalogue's entry point) starts with "near me" ticked and the code filled in.
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, locale, params] = await Promise.all([getTranslations("alerts.form"), getLocale(), searchParams]);
  const postalCode = typeof params.codePostal === "string" && /^\d{5}$/.test(params.codePostal) ? params.codePostal : undefined;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <AlertForm locale={locale === "en" ? "en" : "fr"} postalCode={postalCode} />
      <p className="max-w-xl text-sm text-slate-700">{t("privacy")}</p>
    </div>
  );
}
