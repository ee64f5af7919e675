import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { primaryButtonClass } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts.unsubscribe");
  return { title: t("title"), robots: { index: false } };
}

// For people who open the List-Unsubscribe link: a plain form that POSTs to it (its route handler),
// the same request a mail provider's one-click button sends. It says nothing about the link: an
// unknown or used one leads to the same page.
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("alerts.unsubscribe");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <form method="post" action={`/alertes/desabonnement/${encodeURIComponent(token)}`}>
        <button type="submit" className={primaryButtonClass}>
          {t("submit")}
        </button>
      </form>
    </div>
  );
}
