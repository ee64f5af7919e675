import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/Section";
import { getPrivacyView } from "@/lib/privacy";
import { DeleteDataForm } from "./DeleteDataForm";
import { formatDate } from "@/lib/i18n/format";

type Props = { params: Promise<{ token: string }> };

const box = "flex flex-col gap-3 rounded-xl border p-5";

export async function generateMetadata(): Promise<Metadata> {
  // The URL is a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("lifecycle.data"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

// "My personal data", from the booking's private link: what is kept and until when, download it
// (JSON), or delete it (the booking is cancelled first if the visit is still to come).
export default async function BookingDataPage({ params }: Props) {
  const { token } = await params;
  const [view, t, locale] = await Promise.all([getPrivacyView(token), getTranslations("lifecycle.data"), getLocale()]);
  if (!view) notFound();
  const date = (d: Date) => formatDate(d, locale);

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <Link href={`/reservation/${token}`} className="self-start text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {view.erasedAt ? (
        <p role="status" className="rounded-md bg-slate-100 px-4 py-3 text-slate-900">
          {t("erased", { date: date(view.erasedAt) })}
        </p>
      ) : (
        <>
          <p>{t("intro")}</p>
          <Section id="stored-title" title={t("storedTitle")} titleClassName="text-xl font-semibold" className="flex flex-col gap-2">
            <p>{t("stored")}</p>
            <p>{t("why")}</p>
            <p>{t("retention", { date: date(view.purgeAt), days: view.edition.dataRetentionDays })}</p>
          </Section>
          <Section id="download-title" title={t("downloadTitle")} titleClassName="text-xl font-semibold" className={`${box} border-slate-200`}>
            <p className="text-slate-700">{t("downloadHelp")}</p>
            <a
              href={`/reservation/${token}/donnees/mes-donnees.json`}
              download
              className="inline-flex min-h-11 items-center self-start rounded-md border-2 border-brand-700 px-5 py-2 font-semibold text-brand-700 hover:bg-brand-50"
            >
              {t("download")}
            </a>
          </Section>
          <Section id="delete-title" title={t("deleteTitle")} titleClassName="text-xl font-semibold" className={`${box} border-red-200`}>
            <p className="text-slate-700">{t("deleteHelp")}</p>
            <DeleteDataForm token={token} />
          </Section>
        </>
      )}
      <Link href="/donnees-personnelles" className="self-start text-brand-700 underline underline-offset-4">
        {t("policy")}
      </Link>
    </div>
  );
}
