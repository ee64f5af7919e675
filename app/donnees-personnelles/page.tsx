import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BulletList, frenchPageLink, LegalPage, LegalSection, mailLink } from "@/components/layout/LegalPage";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { publicMetadata } from "@/lib/seo/site";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tm] = await Promise.all([getTranslations("lifecycle.privacyPage"), getTranslations("lifecycle.meta")]);
  return publicMetadata({ path: "/donnees-personnelles", title: t("title"), description: tm("privacy") });
}

// Privacy notice (GDPR art. 13): controller, purposes, legal bases, recipients, retention, rights.
export default async function PrivacyPage() {
  const [t, ta, edition] = await Promise.all([getTranslations("lifecycle.privacyPage"), getTranslations("alerts.privacy"), getCurrentEdition()]);
  const days = edition?.dataRetentionDays ?? 180;
  const rich = { mail: mailLink, cnil: frenchPageLink("https://www.cnil.fr/fr/plaintes") };
  return (
    <LegalPage title={t("title")}>
      <p className="text-sm text-slate-700">{t("updated")}</p>
      <p>{t("intro")}</p>
      <LegalSection id="controller" title={t("controllerTitle")}>
        <p>{t.rich("controller", rich)}</p>
      </LegalSection>
      <LegalSection id="data" title={t("dataTitle")}>
        <BulletList items={(["visitors", "teachers", "factories", "survey", "security"] as const).map((key) => ({ key, text: t(key) }))} />
      </LegalSection>
      <LegalSection id="alerts" title={ta("title")}>
        <p>{ta("body", { days })}</p>
      </LegalSection>
      <LegalSection id="legal" title={t("legalTitle")}>
        <p>{t("legal")}</p>
      </LegalSection>
      <LegalSection id="recipients" title={t("recipientsTitle")}>
        <p>{t("recipients")}</p>
      </LegalSection>
      <LegalSection id="retention" title={t("retentionTitle")}>
        <p>{t("retention", { days })}</p>
      </LegalSection>
      <LegalSection id="rights" title={t("rightsTitle")}>
        <p>{t.rich("rights", rich)}</p>
        <p>{t.rich("complaint", rich)}</p>
      </LegalSection>
      <LegalSection id="cookies" title={t("cookiesTitle")}>
        <p>{t("cookies")}</p>
      </LegalSection>
    </LegalPage>
  );
}
