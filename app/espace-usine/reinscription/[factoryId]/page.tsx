import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/Section";
import { linkClass } from "@/components/ui/styles";
import { pageUser } from "@/lib/auth/pages";
import { now } from "@/lib/clock";
import { reregistrationOffer, type RuleChange } from "@/lib/factory/reregister";
import { formatDate, formatDayRange } from "@/lib/i18n/format";
import { dimensionValueLabel } from "@/lib/representativity/reasons";
import { ReregisterForm } from "./ReregisterForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factorySpace.reregister"))("title"), robots: { index: false } };
}

type Props = { params: Promise<{ factoryId: string }> };

// What a former factory carries to the new edition, and what changed in the rules, before its one click.
export default async function ReregisterPage({ params }: Props) {
  const { factoryId } = await params;
  const user = await pageUser(`/espace-usine/reinscription/${factoryId}`);
  const [t, rawLocale] = await Promise.all([getTranslations("factorySpace.reregister"), getLocale()]);
  const locale = rawLocale === "en" ? "en" : "fr";
  const offer = await reregistrationOffer(user, factoryId, now());
  if (!offer) notFound();
  const { previous, edition, changes } = offer;
  const yesNo = (value: boolean) => t(value ? "yes" : "no");
  const change = (c: RuleChange) => {
    switch (c.key) {
      case "cap":
        return t("changes.cap", {
          value: dimensionValueLabel(c.dimension, c.value, locale),
          before: c.before === null ? t("changes.noCap") : String(c.before),
          after: c.after === null ? t("changes.noCap") : String(c.after),
        });
      case "phase":
        return t("changes.phase", { name: c.name, date: formatDate(c.startsAt, locale) });
      case "approvalMode":
        return t("changes.approvalMode", { before: t(`approval.${c.before}`), after: t(`approval.${c.after}`) });
      case "releaseUnconfirmed":
        return t("changes.releaseUnconfirmed", { before: yesNo(c.before), after: yesNo(c.after) });
      default:
        return t(`changes.${c.key}`, { before: c.before, after: c.after });
    }
  };
  return (
    <div className="flex flex-col gap-6">
      <Link href="/espace-usine" className={`self-start ${linkClass}`}>
        {t("back")}
      </Link>
      <h1 className="text-3xl font-bold">{t("heading", { site: previous.siteName, edition: edition.name })}</h1>
      <p className="max-w-2xl">{t("intro", { previous: previous.edition.name, days: formatDayRange(edition.firstDay, edition.lastDay, locale) })}</p>
      <Section id="carried" title={t("carriedTitle")} titleClassName="text-xl font-semibold">
        <ul className="list-disc pl-6">
          <li>{t("carried.identity", { company: previous.companyName, commune: previous.communeName })}</li>
          <li>{t("carried.conditions")}</li>
          <li>{t("carried.photos", { count: previous._count.photos })}</li>
          <li>{t("carried.jobs", { count: previous._count.jobs })}</li>
          <li>{t("carried.contacts", { count: previous.contacts.length })}</li>
        </ul>
      </Section>
      <Section id="changes" title={t("changesTitle")} titleClassName="text-xl font-semibold">
        {changes.length === 0 ? (
          <p>{t("noChanges")}</p>
        ) : (
          <ul className="list-disc pl-6">
            {changes.map((c, i) => (
              <li key={i}>{change(c)}</li>
            ))}
          </ul>
        )}
        <p className="text-sm text-slate-700">{t("decision")}</p>
      </Section>
      <ReregisterForm factoryId={previous.id} slots={previous._count.slots} edition={edition.name} />
    </div>
  );
}
