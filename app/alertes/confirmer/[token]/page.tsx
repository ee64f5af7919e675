import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { linkClass } from "@/components/ui/styles";
import { isConfirmLinkValid } from "@/lib/alerts";
import { ConfirmAlertsForm } from "./ConfirmAlertsForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts.confirm");
  return { title: t("title"), robots: { index: false } };
}

// Opening the link confirms nothing (mail scanners fetch links): the button does, by a POST.
export default async function ConfirmAlertsPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, valid] = await Promise.all([getTranslations("alerts.confirm"), isConfirmLinkValid(token)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={valid ? t("intro") : undefined} />
      {valid ? (
        <ConfirmAlertsForm token={token} />
      ) : (
        <>
          <p>{t("invalid")}</p>
          <Link href="/alertes" className={`${linkClass} self-start`}>
            {t("again")}
          </Link>
        </>
      )}
    </div>
  );
}
