import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlainField } from "@/components/form/Field";
import { LinkLine } from "@/components/ui/LinkLine";
import { Section } from "@/components/ui/Section";
import { linkClass, primaryButtonClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { EXPORT_FORMATS, EXPORT_KINDS } from "@/lib/organiser/exports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiser.exports"))("title"), robots: { index: false } };
}

export default async function OrganiserExportsPage() {
  await pageOrganiser("/organisation/exports");
  const [t, tr, edition] = await Promise.all([getTranslations("organiser.exports"), getTranslations("organiser"), getCurrentEdition()]);
  if (!edition) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p>{tr("noEdition")}</p>
      </div>
    );
  }
  const href = (kind: string, format: string) => `/organisation/exports/${kind}?${new URLSearchParams({ format, edition: edition.id })}`;
  return (
    <div className="flex flex-col gap-8">
      <LinkLine href="/organisation">{t("back")}</LinkLine>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-3xl">{t("intro", { edition: edition.name })}</p>

      <ul className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {EXPORT_KINDS.map((kind) => (
          <li key={kind} className="flex flex-col gap-2 rounded-xl border border-slate-200 p-4">
            <h2 className="text-xl font-semibold">{t(`${kind}.title`)}</h2>
            <p className="flex-1 text-slate-700">{t(`${kind}.body`)}</p>
            <p className="flex flex-wrap gap-4">
              {EXPORT_FORMATS.map((format) => (
                <a
                  key={format}
                  href={href(kind, format)}
                  download
                  className={linkClass}
                  aria-label={t("download", { kind: t(`${kind}.title`), format: t(format) })}
                >
                  {t(format)}
                </a>
              ))}
            </p>
          </li>
        ))}
      </ul>

      <Section
        id="contacts-title"
        title={t("contacts.title")}
        titleClassName="text-xl font-semibold"
        className="flex max-w-2xl flex-col gap-3 rounded-xl border border-amber-600 bg-amber-50 p-4"
      >
        <p>{t("contacts.body")}</p>
        {/* A plain form post: the route handler answers with the file, so the page stays as it is. */}
        <form method="post" action="/organisation/exports/bookings" className="flex flex-col gap-4">
          <input type="hidden" name="edition" value={edition.id} />
          <div className="flex items-start gap-2">
            <input id="contacts" name="contacts" type="checkbox" value="1" required className="mt-1 size-5" />
            <label htmlFor="contacts" className="font-medium">
              {t("contacts.confirm")}
            </label>
          </div>
          <PlainField id="reason" label={t("contacts.reason")} hint={t("contacts.reasonHint")}>
            {(p) => <input {...p} name="reason" type="text" required minLength={3} maxLength={500} className="min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2" />}
          </PlainField>
          <fieldset className="flex flex-col gap-1">
            <legend className="font-medium">{t("contacts.format")}</legend>
            <div className="flex flex-wrap gap-4">
              {EXPORT_FORMATS.map((format) => (
                <label key={format} className="flex min-h-11 items-center gap-2">
                  <input type="radio" name="format" value={format} defaultChecked={format === "xlsx"} className="size-5" />
                  {t(format)}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className={`${primaryButtonClass} w-fit`}>
            {t("contacts.submit")}
          </button>
        </form>
      </Section>
    </div>
  );
}
