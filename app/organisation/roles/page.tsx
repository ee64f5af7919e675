import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/form/FormMessage";
import { inputClass, PlainField } from "@/components/form/Field";
import { Section } from "@/components/ui/Section";
import { noticeClass, primaryButtonClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { listOrganisers, searchFactories } from "@/lib/organiser/roles";
import { AdminPage } from "../edition/AdminNav";
import { AttachContactForm, DetachContactButton, GrantOrganiserForm, RevokeOrganiserButton } from "./RoleForms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.roles"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const OUTCOMES = ["granted", "revoked", "attached", "detached"] as const;

export default async function RolesPage({ searchParams }: Props) {
  const user = await pageOrganiser("/organisation/roles");
  const raw = await searchParams;
  const search = (first(raw.q) ?? "").trim().slice(0, 100);
  const outcome = OUTCOMES.find((o) => o === first(raw.fait));
  const [t, edition, organisers] = await Promise.all([getTranslations("organiserAdmin"), getCurrentEdition(), listOrganisers()]);
  const factories = edition && search ? await searchFactories(edition.id, search) : [];

  return (
    <AdminPage current="roles" title={t("roles.title")} intro={t("roles.intro")}>
      <FormMessage tone="success" message={outcome ? t(`roles.done.${outcome}`) : undefined} reserveSpace={false} />

      <Section id="organisers" title={t("roles.organisersTitle")}>
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200">
          {organisers.map((o) => (
            <li key={o.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
              <span className="break-all">
                {o.email}
                {o.name ? <span className="text-slate-600"> ({o.name})</span> : null}
                {o.id === user.id ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs font-semibold">{t("roles.you")}</span> : null}
              </span>
              <RevokeOrganiserButton userId={o.id} email={o.email} search={search} />
            </li>
          ))}
        </ul>
        <p className="text-sm text-slate-600">{t("roles.lastOrganiserHint")}</p>
        <GrantOrganiserForm search={search} />
      </Section>

      <Section id="contacts" title={t("roles.contactsTitle")}>
        <p className="text-sm text-slate-700">{t("roles.contactsIntro")}</p>
        {!edition ? (
          <p className={noticeClass}>{t("noEdition")}</p>
        ) : (
          <>
            <form method="get" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
              <div className="flex-1">
                <PlainField id="factory-search" label={t("roles.searchLabel")}>
                  {(p) => <input {...p} name="q" type="search" minLength={2} defaultValue={search} className={inputClass} />}
                </PlainField>
              </div>
              <button type="submit" className={primaryButtonClass}>
                {t("roles.search")}
              </button>
            </form>
            {search && (
              <p aria-live="polite">{search.length < 2 ? t("roles.searchTooShort") : t("roles.results", { count: factories.length })}</p>
            )}
            <ul className="flex flex-col gap-4">
              {factories.map((f) => (
                <li key={f.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4">
                  <div>
                    <h3 className="text-lg font-semibold">
                      {f.siteName} <span className="font-normal text-slate-700">— {f.companyName}</span>
                    </h3>
                    <p className="text-sm text-slate-700">
                      {t("roles.siret")} <span className="font-mono">{f.siret}</span> · {f.communeName} · {t(`status.${f.status}`)}
                    </p>
                  </div>
                  <div>
                    <h4 className="font-medium">{t("roles.contacts")}</h4>
                    {f.contacts.length === 0 ? (
                      <p className="text-sm">{t("roles.noContact")}</p>
                    ) : (
                      <ul className="mt-1 flex flex-col gap-2">
                        {f.contacts.map(({ user: c }) => (
                          <li key={c.id} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:justify-between">
                            <span className="break-all">{c.email}</span>
                            <DetachContactButton factoryId={f.id} userId={c.id} email={c.email} search={search} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                  <AttachContactForm factoryId={f.id} siteName={f.siteName} search={search} />
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
    </AdminPage>
  );
}
