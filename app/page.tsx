import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { editionHeadlineFigures, getCurrentEdition } from "@/lib/catalogue/edition";
import { formatDayRange, formatNumber } from "@/lib/i18n/format";
import { publicMetadata } from "@/lib/seo/site";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc, locale, edition] = await Promise.all([getTranslations("home.meta"), getTranslations("common"), getLocale(), getCurrentEdition()]);
  const title = edition ? t("title", { edition: edition.name }) : tc("siteName");
  const description = edition ? t("description", { days: formatDayRange(edition.firstDay, edition.lastDay, locale) }) : tc("meta.description");
  // The title names the site already: not repeated by the layout's template.
  return { ...(await publicMetadata({ path: "/", title, description })), title: { absolute: title } };
}

export default async function HomePage() {
  const [t, locale, edition] = await Promise.all([getTranslations("home"), getLocale(), getCurrentEdition()]);
  if (!edition) return <p>{t("noEdition")}</p>;
  const figures = await editionHeadlineFigures(edition.id);
  const days = formatDayRange(edition.firstDay, edition.lastDay, locale);
  const entries = [
    { key: "visitors", href: "/visites" },
    { key: "schools", href: "/visites?audience=SCHOOL" },
    { key: "factories", href: "/espace-usine/inscription" },
    { key: "organisers", href: "/organisation" },
  ] as const;
  return (
    <div className="flex flex-col gap-10">
      <section className="rounded-2xl bg-brand-50 px-5 py-6 sm:px-10 sm:py-10" aria-labelledby="edition-title">
        <h1 id="edition-title" className="text-3xl font-bold text-brand-900 sm:text-4xl">
          {t("title", { edition: edition.name })}
        </h1>
        <p className="mt-2 text-lg font-medium text-brand-900">{t("dates", { days })}</p>
        <p className="mt-4 max-w-2xl text-slate-800">{t("lead")}</p>
        {/* The main way in, before the figures: on a 390 × 844 phone it shows without scrolling. */}
        <Link prefetch={false} href="/visites" className="mt-5 inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-3 text-lg font-semibold text-white hover:bg-brand-900">
          {t("mainCta")}
        </Link>
        <dl className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-3">
          {(
            [
              ["factories", figures.factories],
              ["visits", figures.visits],
              ["seats", figures.freeSeats],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-xl bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-700">{t(`stats.${key}`)}</dt>
              <dd className="text-2xl font-bold text-brand-900">{formatNumber(value, locale)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {entries.map(({ key, href }) => (
          <li key={key} className="flex flex-col rounded-xl border border-slate-200 p-5">
            <h2 className="text-xl font-semibold text-slate-900">{t(`cta.${key}.title`)}</h2>
            <p className="mt-2 flex-1 text-slate-700">{t(`cta.${key}.body`)}</p>
            <Link prefetch={false} href={href} className="mt-4 font-semibold text-brand-700 underline underline-offset-4">
              {t(`cta.${key}.link`)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
