import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { pageOrganiser } from "@/lib/auth/pages";
import { listApiKeys } from "@/lib/partners/api-keys";
import { FormMessage } from "@/components/form/FormMessage";
import { FactList } from "@/components/ui/FactList";
import { Section } from "@/components/ui/Section";
import { emptyClass } from "@/components/ui/styles";
import { AdminPage } from "../edition/AdminNav";
import { IssueApiKeyForm, RevokeApiKeyForm } from "./ApiKeyForms";
import { formatDateTime } from "@/lib/i18n/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.partners"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PartnersPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/partenaires");
  const revoked = (await searchParams).fait === "revoked";
  const [t, locale, keys] = await Promise.all([getTranslations("organiserAdmin.partners"), getLocale(), listApiKeys()]);
  const when = (date: Date) => formatDateTime(date, locale);

  return (
    <AdminPage current="partners" title={t("title")} intro={t("intro")}>
      <FormMessage tone="success" message={revoked ? t("done.revoked") : undefined} reserveSpace={false} />

      <Section id="issue" title={t("issueTitle")}>
        <IssueApiKeyForm />
      </Section>

      <Section id="keys" title={t("listTitle")}>
        {keys.length === 0 ? (
          <p className={emptyClass}>{t("empty")}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4">
                <h3 className="text-lg font-semibold">
                  {key.name}{" "}
                  <span className={`ml-1 rounded px-1.5 text-sm ${key.revokedAt ? "bg-slate-200 text-slate-800" : "bg-green-100 text-green-900"}`}>
                    {key.revokedAt ? t("revoked") : t("active")}
                  </span>
                </h3>
                <FactList
                  className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]"
                  facts={[
                    [t("prefix"), <span key="prefix" className="font-mono">{key.prefix}…</span>],
                    [t("scopes"), key.scopes.map((scope) => t(`scope.${scope}`)).join(", ")],
                    [t("created"), `${when(key.createdAt)}${key.createdBy ? ` · ${key.createdBy.email}` : ""}`],
                    [t("lastUsed"), key.lastUsedAt ? when(key.lastUsedAt) : t("never")],
                    key.revokedAt && [t("revokedAt"), when(key.revokedAt)],
                  ]}
                />
                {!key.revokedAt && <RevokeApiKeyForm keyId={key.id} name={key.name} />}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </AdminPage>
  );
}
