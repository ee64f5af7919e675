import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageUser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { editionSettingsForm } from "@/lib/organiser/edition";
import { AdminNav } from "./AdminNav";
import { EditionForm } from "./EditionForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.edition"))("title"), robots: { index: false } };
}

export default async function EditionSettingsPage() {
  await pageUser("/organisation/edition", "ORGANISER");
  const [t, edition] = await Promise.all([getTranslations("organiserAdmin"), getCurrentEdition()]);
  const settings = edition ? await editionSettingsForm(edition.id) : null;
  return (
    <div className="flex flex-col gap-6">
      <AdminNav current="edition" />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("edition.title")}</h1>
        <p className="text-slate-700">{t("edition.intro")}</p>
        {settings && (
          <p>
            <Link
              href={`/organisation/journal?entityType=Edition`}
              className="font-semibold text-brand-700 underline underline-offset-4"
            >
              {t("edition.history")}
            </Link>
          </p>
        )}
      </div>
      {settings ? <EditionForm initial={settings} /> : <p className="rounded-md bg-amber-50 p-4">{t("noEdition")}</p>}
    </div>
  );
}
