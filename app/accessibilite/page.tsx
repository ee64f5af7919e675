import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BulletList, frenchPageLink, LegalPage, LegalSection, mailLink } from "@/components/layout/LegalPage";
import { publicMetadata } from "@/lib/seo/site";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tm] = await Promise.all([getTranslations("lifecycle.accessibilityPage"), getTranslations("lifecycle.meta")]);
  return publicMetadata({ path: "/accessibilite", title: t("title"), description: tm("accessibility") });
}

// The RGAA accessibility statement (required for public-interest services in France): compliance
// status, what was checked, known non-accessible content, contact and remedies.
export default async function AccessibilityPage() {
  const t = await getTranslations("lifecycle.accessibilityPage");
  const rich = { mail: mailLink, ddd: frenchPageLink("https://formulaire.defenseurdesdroits.fr/") };
  return (
    <LegalPage title={t("title")}>
      <p>{t("intro")}</p>
      <LegalSection id="status" title={t("statusTitle")}>
        <p className="font-semibold">{t("status")}</p>
        <p>{t("status2")}</p>
      </LegalSection>
      <LegalSection id="tested" title={t("testedTitle")}>
        <BulletList items={(["tested1", "tested2", "tested3", "tested4"] as const).map((key) => ({ key, text: t(key) }))} />
      </LegalSection>
      <LegalSection id="environment" title={t("environmentTitle")}>
        <p>{t("environment")}</p>
      </LegalSection>
      <LegalSection id="issues" title={t("issuesTitle")}>
        <BulletList items={(["issue1", "issue2", "issue3", "issue4"] as const).map((key) => ({ key, text: t(key) }))} />
      </LegalSection>
      <LegalSection id="contact" title={t("contactTitle")}>
        <p>{t.rich("contact", rich)}</p>
      </LegalSection>
      <LegalSection id="remedies" title={t("remediesTitle")}>
        <p>{t.rich("remedies", rich)}</p>
      </LegalSection>
      <p className="text-sm text-slate-700">{t("date")}</p>
    </LegalPage>
  );
}
