import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lifecycle.accessibilityPage"))("title") };
}

// The RGAA accessibility statement (required for public-interest services in France): compliance
// status, what was checked, known non-accessible content, contact and remedies.
export default async function AccessibilityPage() {
  const t = await getTranslations("lifecycle.accessibilityPage");
  const rich = {
    mail: (chunks: ReactNode) => (
      <a className="text-brand-700 underline underline-offset-4" href={`mailto:${chunks}`}>
        {chunks}
      </a>
    ),
    ddd: (chunks: ReactNode) => (
      <a className="text-brand-700 underline underline-offset-4" href="https://formulaire.defenseurdesdroits.fr/" hrefLang="fr">
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
      <p>{t("intro")}</p>
      {section(
        "status",
        t("statusTitle"),
        <>
          <p className="font-semibold">{t("status")}</p>
          <p>{t("status2")}</p>
        </>,
      )}
      {section(
        "tested",
        t("testedTitle"),
        <ul className="list-disc space-y-2 pl-5">
          {(["tested1", "tested2", "tested3", "tested4"] as const).map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>,
      )}
      {section("environment", t("environmentTitle"), <p>{t("environment")}</p>)}
      {section(
        "issues",
        t("issuesTitle"),
        <ul className="list-disc space-y-2 pl-5">
          {(["issue1", "issue2", "issue3", "issue4"] as const).map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>,
      )}
      {section("contact", t("contactTitle"), <p>{t.rich("contact", rich)}</p>)}
      {section("remedies", t("remediesTitle"), <p>{t.rich("remedies", rich)}</p>)}
      <p className="text-sm text-slate-700">{t("date")}</p>
    </article>
  );
}
