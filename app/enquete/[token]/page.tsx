import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getSurveyByToken } from "@/lib/survey";
import { SurveyForm } from "./SurveyForm";
import { formatDate } from "@/lib/i18n/format";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The URL carries a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("lifecycle.survey"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

// The one-minute post-visit survey, reached from the invitation e-mail (no account).
export default async function SurveyPage({ params }: Props) {
  const { token } = await params;
  const [survey, t, locale] = await Promise.all([getSurveyByToken(token), getTranslations("lifecycle.survey"), getLocale()]);
  if (!survey) notFound();
  const date = formatDate(survey.startsAt, locale);

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-slate-800">
        {t("visit", { factory: `${survey.factory.companyName} – ${survey.factory.siteName}`, commune: survey.factory.communeName, date })}
      </p>
      {survey.answered ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
          {t("answered")}
        </p>
      ) : !survey.visitEnded ? (
        <p role="status" className="rounded-md bg-amber-50 px-4 py-3 text-amber-900">
          {t("notYet")}
        </p>
      ) : !survey.open ? (
        <p role="status" className="rounded-md bg-slate-100 px-4 py-3 text-slate-800">
          {t("closed")}
        </p>
      ) : (
        <>
          <p>{t("intro")}</p>
          <p className="text-slate-700">{t(`audience.${survey.audience}`)}</p>
          <SurveyForm token={token} jobs={survey.jobs} />
        </>
      )}
    </div>
  );
}
