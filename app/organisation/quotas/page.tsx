import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { pageOrganiser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { listPhases, quotaTable } from "@/lib/organiser/quotas";
import { Section } from "@/components/ui/Section";
import { linkClass, noticeClass } from "@/components/ui/styles";
import { AdminPage } from "../edition/AdminNav";
import { AddPhaseForm, QuotaImportForm, ReevaluateForm, RemovePhaseButton } from "./QuotaForms";
import { QuotaTableForm } from "./QuotaTableForm";
import { formatDateTime } from "@/lib/i18n/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.quotas"))("title"), robots: { index: false } };
}

export default async function QuotasPage() {
  await pageOrganiser("/organisation/quotas");
  const [t, locale, edition] = await Promise.all([getTranslations("organiserAdmin"), getLocale(), getCurrentEdition()]);
  if (!edition) {
    return (
      <AdminPage current="quotas" title={t("quotas.title")} spacing="gap-6">
        <p className={noticeClass}>{t("noEdition")}</p>
      </AdminPage>
    );
  }
  const now = new Date();
  const [rows, phases, waitlisted] = await Promise.all([
    quotaTable(edition.id),
    listPhases(edition.id),
    db.factory.count({ where: { editionId: edition.id, status: "WAITLISTED" } }),
  ]);
  const when = (date: Date) => formatDateTime(date, locale);
  const phaseState = (p: { startsAt: Date; endsAt: Date | null }) =>
    p.startsAt > now ? "upcoming" : p.endsAt && p.endsAt <= now ? "ended" : "active";

  return (
    <AdminPage current="quotas" title={t("quotas.title")} intro={t("quotas.intro", { edition: edition.name })}>
      <Section id="quota-table" title={t("quotas.tableTitle")}>
        <p className="text-sm text-slate-700">{t("quotas.tableIntro")}</p>
        <QuotaTableForm editionId={edition.id} rows={rows} />
      </Section>

      <Section id="quota-reevaluate" title={t("quotas.reevaluate.title")}>
        <p className="text-sm text-slate-700">{t("quotas.reevaluate.intro")}</p>
        <ReevaluateForm editionId={edition.id} waitlisted={waitlisted} />
      </Section>

      <Section id="quota-csv" title={t("quotas.csv.title")}>
        <p className="text-sm text-slate-700">{t("quotas.csv.intro")}</p>
        <p>
          <a href="/organisation/quotas/export.csv" download className={linkClass}>
            {t("quotas.csv.export")}
          </a>
        </p>
        <QuotaImportForm editionId={edition.id} />
      </Section>

      <Section id="quota-phases" title={t("quotas.phases.title")}>
        <p className="text-sm text-slate-700">{t("quotas.phases.intro")}</p>
        {phases.length === 0 ? (
          <p>{t("quotas.phases.none")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {phases.map((phase) => (
              <li key={phase.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <p className="font-semibold">
                    {phase.name}{" "}
                    <span className="ml-1 inline-block rounded bg-slate-100 px-1.5 text-xs font-semibold text-slate-800">
                      {t(`quotas.phases.state.${phaseState(phase)}`)}
                    </span>
                  </p>
                  <p className="text-sm text-slate-700">
                    {phase.endsAt
                      ? t("quotas.phases.period", { start: when(phase.startsAt), end: when(phase.endsAt) })
                      : t("quotas.phases.openEnded", { start: when(phase.startsAt) })}
                  </p>
                  <p className="text-sm text-slate-700">{t("quotas.phases.ruleUnderTargetOnly")}</p>
                </div>
                <RemovePhaseButton editionId={edition.id} phaseId={phase.id} name={phase.name} />
              </li>
            ))}
          </ul>
        )}
        <AddPhaseForm editionId={edition.id} />
      </Section>
    </AdminPage>
  );
}
