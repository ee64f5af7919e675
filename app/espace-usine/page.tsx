import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { pageUser } from "@/lib/auth/pages";
import { now } from "@/lib/clock";
import { reregistrableFactories } from "@/lib/factory/reregister";
import { factoriesOfContact } from "@/lib/factory/queries";
import { statusNote } from "@/lib/representativity/reasons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factorySpace"))("title") };
}

export default async function FactorySpacePage() {
  const user = await pageUser("/espace-usine");
  const at = now();
  const [t, locale, factories, former] = await Promise.all([
    getTranslations("factorySpace"),
    getLocale(),
    factoriesOfContact(user.id, at),
    reregistrableFactories(user.id, at),
  ]);
  const lang = locale === "en" ? "en" : "fr";
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <h2 className="text-xl font-semibold">{t("mySites")}</h2>
      {factories.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {factories.map((f) => {
            const note = f.status === "APPROVED" ? null : statusNote(f, lang);
            return (
              <li key={f.id} className="flex flex-col gap-1 rounded-xl border border-slate-200 p-4">
                <h3 className="text-lg font-semibold">{f.siteName}</h3>
                <p className="text-slate-700">
                  {f.companyName} · {f.communeName} · {f.edition.name}
                </p>
                <p>
                  <strong>{t(`status.${f.status}`)}</strong>
                  {note ? ` — ${t("reason", { reason: note })}` : null}
                </p>
                <Link href={`/espace-usine/${f.id}`} className="self-start font-semibold text-brand-700 underline underline-offset-4">
                  {t("open")}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {former.edition && former.factories.length > 0 && (
        <section aria-labelledby="former-heading" className="flex flex-col gap-3">
          <h2 id="former-heading" className="text-xl font-semibold">
            {t("former.heading", { edition: former.edition.name })}
          </h2>
          <p className="max-w-2xl text-slate-700">{t("former.intro")}</p>
          <ul className="flex flex-col gap-3">
            {former.factories.map((f) => (
              <li key={f.id} className="flex flex-col gap-1 rounded-xl border border-slate-200 p-4">
                <h3 className="text-lg font-semibold">{f.siteName}</h3>
                <p className="text-slate-700">{t("former.tookPart", { commune: f.communeName, edition: f.edition.name })}</p>
                <Link href={`/espace-usine/reinscription/${f.id}`} className="self-start font-semibold text-brand-700 underline underline-offset-4">
                  {t("former.reregister", { site: f.siteName })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Link href="/espace-usine/inscription" className="self-start rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900">
        {t("register")}
      </Link>
    </div>
  );
}
