import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ComparisonTables } from "@/components/organiser/ComparisonTables";
import { EditionPicker } from "@/components/organiser/EditionPicker";
import { noticeClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { editionComparison } from "@/lib/organiser/comparison";
import { organiserEdition, previousEdition } from "@/lib/organiser/editions";
import { editionViewInput } from "@/lib/organiser/schemas";
import { AdminPage } from "../edition/AdminNav";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.comparison"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// This edition beside the one before (lib/organiser/comparison.ts): the same figures as the dashboard.
export default async function ComparisonPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/comparaison");
  const { edition: slug } = editionViewInput.parse(await searchParams);
  const [t, edition] = await Promise.all([getTranslations("organiserAdmin.comparison"), organiserEdition(slug)]);
  const previous = edition && (await previousEdition(edition));
  const comparison = edition && previous ? await editionComparison(edition, previous) : null;
  return (
    <AdminPage current="comparison" title={t("title")} intro={t("intro")} spacing="gap-6">
      {edition && <EditionPicker current={edition} />}
      {!edition ? (
        <p className={noticeClass}>{t("noEdition")}</p>
      ) : !comparison?.previous ? (
        <p className={noticeClass}>{t("noPrevious", { name: edition.name })}</p>
      ) : (
        <ComparisonTables current={comparison.current} previous={comparison.previous} level={2} />
      )}
    </AdminPage>
  );
}
