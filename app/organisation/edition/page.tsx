import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EditionPicker } from "@/components/organiser/EditionPicker";
import { LinkLine } from "@/components/ui/LinkLine";
import { Section } from "@/components/ui/Section";
import { noticeClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { editionSettingsForm } from "@/lib/organiser/edition";
import { isOver, listEditions, organiserEdition } from "@/lib/organiser/editions";
import { editionViewInput } from "@/lib/organiser/schemas";
import { AdminPage } from "./AdminNav";
import { EditionForm } from "./EditionForm";
import { NextEditionForm } from "./NextEditionForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.edition"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Next year's edition keeps this one's weekday: 52 weeks later.
const suggestedFirstDay = (firstDay: Date) => new Date(firstDay.getTime() + 364 * 86_400_000).toISOString().slice(0, 10);
const nextYear = (text: string, year: number) => text.replace(String(year), String(year + 1));

export default async function EditionSettingsPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/edition");
  const params = await searchParams;
  const { edition: slug } = editionViewInput.parse(params);
  const [t, edition, editions] = await Promise.all([getTranslations("organiserAdmin"), organiserEdition(slug), listEditions()]);
  const settings = edition ? await editionSettingsForm(edition.id) : null;
  const newest = edition !== null && editions[0]?.id === edition.id;
  const year = edition ? Number(edition.firstDay.toISOString().slice(0, 4)) : 0;
  return (
    <AdminPage
      current="edition"
      title={t("edition.title")}
      intro={t("edition.intro")}
      header={settings && <LinkLine href="/organisation/journal?entityType=Edition">{t("edition.history")}</LinkLine>}
      spacing="gap-6"
    >
      {edition && <EditionPicker current={edition} />}
      {params.creee === "1" && edition && (
        <p role="status" className="rounded-md bg-green-50 p-4 text-green-900">
          {t("editions.created", { name: edition.name })}
        </p>
      )}
      {edition && isOver(edition) && <p className={noticeClass}>{t("editions.readOnly")}</p>}
      {settings && edition ? <EditionForm key={edition.id} initial={settings} readOnly={isOver(edition)} /> : <p className={noticeClass}>{t("noEdition")}</p>}
      {newest && edition && (
        <Section id="next-edition" title={t("editions.next.title")}>
          <p className="max-w-3xl text-slate-700">{t("editions.next.intro", { name: edition.name })}</p>
          <NextEditionForm
            suggested={{
              fromEditionId: edition.id,
              name: nextYear(edition.name, year),
              slug: nextYear(edition.slug, year) === edition.slug ? String(year + 1) : nextYear(edition.slug, year),
              firstDay: suggestedFirstDay(edition.firstDay),
            }}
          />
        </Section>
      )}
    </AdminPage>
  );
}
