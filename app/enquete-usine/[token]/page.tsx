import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { hostSurveyByToken } from "@/lib/host-survey";
import { formatDateTime } from "@/lib/i18n/format";
import { HostSurveyForm } from "./HostSurveyForm";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The URL carries a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("lifecycle.hostSurvey"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

// The hosts' questionnaire after the event, from the link e-mailed to the factory's contacts (no account).
export default async function HostSurveyPage({ params }: Props) {
  const { token } = await params;
  const [survey, t, locale] = await Promise.all([hostSurveyByToken(token), getTranslations("lifecycle.hostSurvey"), getLocale()]);
  if (!survey) notFound();
  const answers = Object.fromEntries(Object.entries(survey.answers).map(([key, value]) => [key, value === null ? "" : String(value)]));
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-slate-800">{t("intro", { site: `${survey.factory.companyName} – ${survey.factory.siteName}`, edition: survey.editionName })}</p>
      {survey.answeredAt && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
          {t("answeredAt", { when: formatDateTime(survey.answeredAt, locale) })}
        </p>
      )}
      <HostSurveyForm token={token} initial={answers} />
    </div>
  );
}
