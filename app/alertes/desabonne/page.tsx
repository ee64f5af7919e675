import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts.unsubscribe");
  return { title: t("title"), robots: { index: false } };
}

// Where the unsubscribe page's button leads (whatever the link was: nothing is revealed).
export default async function UnsubscribedPage() {
  const t = await getTranslations("alerts.unsubscribe");
  return <PageHeader title={t("title")} intro={t("done")} />;
}
