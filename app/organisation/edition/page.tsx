import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageOrganiser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { editionSettingsForm } from "@/lib/organiser/edition";
import { LinkLine } from "@/components/ui/LinkLine";
import { noticeClass } from "@/components/ui/styles";
import { AdminPage } from "./AdminNav";
import { EditionForm } from "./EditionForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.edition"))("title"), robots: { index: false } };
}

export default async function EditionSettingsPage() {
  await pageOrganiser("/organisation/edition");
  const [t, edition] = await Promise.all([getTranslations("organiserAdmin"), getCurrentEdition()]);
  const settings = edition ? await editionSettingsForm(edition.id) : null;
  return (
    <AdminPage
      current="edition"
      title={t("edition.title")}
      intro={t("edition.intro")}
      header={settings && <LinkLine href="/organisation/journal?entityType=Edition">{t("edition.history")}</LinkLine>}
      spacing="gap-6"
    >
      {settings ? <EditionForm initial={settings} /> : <p className={noticeClass}>{t("noEdition")}</p>}
    </AdminPage>
  );
}
