import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { pageUser } from "@/lib/auth/pages";
import { listApiKeys } from "@/lib/partners/api-keys";
import { AdminNav } from "../edition/AdminNav";
import { IssueApiKeyForm, RevokeApiKeyForm } from "./ApiKeyForms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.partners"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PartnersPage({ searchParams }: Props) {
  await pageUser("/organisation/partenaires", "ORGANISER");
  const revoked = (await searchParams).fait === "revoked";
  const [t, format, keys] = await Promise.all([getTranslations("organiserAdmin.partners"), getFormatter(), listApiKeys()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });

  return (
    <div className="flex flex-col gap-8">
      <AdminNav current="partners" />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <div role="status" aria-live="polite">
        {revoked && <p className="rounded-md bg-green-50 px-4 py-3 text-green-900">{t("done.revoked")}</p>}
      </div>

      <section aria-labelledby="issue" className="flex flex-col gap-3">
        <h2 id="issue" className="text-2xl font-semibold">
          {t("issueTitle")}
        </h2>
        <IssueApiKeyForm />
      </section>

      <section aria-labelledby="keys" className="flex flex-col gap-3">
        <h2 id="keys" className="text-2xl font-semibold">
          {t("listTitle")}
        </h2>
        {keys.length === 0 ? (
          <p className="rounded-md bg-slate-50 p-4">{t("empty")}</p>
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
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="text-slate-600">{t("prefix")}</dt>
                  <dd className="font-mono">{key.prefix}…</dd>
                  <dt className="text-slate-600">{t("scopes")}</dt>
                  <dd>{key.scopes.map((scope) => t(`scope.${scope}`)).join(", ")}</dd>
                  <dt className="text-slate-600">{t("created")}</dt>
                  <dd>
                    {when(key.createdAt)}
                    {key.createdBy ? ` · ${key.createdBy.email}` : ""}
                  </dd>
                  <dt className="text-slate-600">{t("lastUsed")}</dt>
                  <dd>{key.lastUsedAt ? when(key.lastUsedAt) : t("never")}</dd>
                  {key.revokedAt && (
                    <>
                      <dt className="text-slate-600">{t("revokedAt")}</dt>
                      <dd>{when(key.revokedAt)}</dd>
                    </>
                  )}
                </dl>
                {!key.revokedAt && <RevokeApiKeyForm keyId={key.id} name={key.name} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
