import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { getCurrentEdition } from "@/lib/catalogue/edition";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lifecycle.privacyPage"))("title") };
}

// Privacy notice (GDPR art. 13): controller, purposes, legal bases, recipients, retention, rights.
export default async function PrivacyPage() {
  const [t, edition] = await Promise.all([getTranslations("lifecycle.privacyPage"), getCurrentEdition()]);
  const days = edition?.dataRetentionDays ?? 180;
  const rich = {
    mail: (chunks: ReactNode) => (
      <a className="text-brand-700 underline underline-offset-4" href={`mailto:${chunks}`}>
        {chunks}
      </a>
    ),
    cnil: (chunks: ReactNode) => (
      <a className="text-brand-700 underline underline-offset-4" href="https://www.cnil.fr/fr/plaintes" hrefLang="fr">
        {chunks}
      </a>
    ),
  };
  const section = (id: string, title: string, body: ReactNode) => (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {body}
    </section>
  );
  return (
    <article className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("updated")}</p>
      <p>{t("intro")}</p>
      {section("controller", t("controllerTitle"), <p>{t.rich("controller", rich)}</p>)}
      {section(
        "data",
        t("dataTitle"),
        <ul className="list-disc space-y-2 pl-5">
          {(["visitors", "teachers", "factories", "survey", "security"] as const).map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>,
      )}
      {section("legal", t("legalTitle"), <p>{t("legal")}</p>)}
      {section("recipients", t("recipientsTitle"), <p>{t("recipients")}</p>)}
      {section("retention", t("retentionTitle"), <p>{t("retention", { days })}</p>)}
      {section(
        "rights",
        t("rightsTitle"),
        <>
          <p>{t.rich("rights", rich)}</p>
          <p>{t.rich("complaint", rich)}</p>
        </>,
      )}
      {section("cookies", t("cookiesTitle"), <p>{t("cookies")}</p>)}
    </article>
  );
}
