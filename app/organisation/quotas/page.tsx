import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { pageUser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { listPhases, quotaTable } from "@/lib/organiser/quotas";
import { AdminNav } from "../edition/AdminNav";
import { AddPhaseForm, QuotaImportForm, ReevaluateForm, RemovePhaseButton } from "./QuotaForms";
import { QuotaTableForm } from "./QuotaTableForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.quotas"))("title"), robots: { index: false } };
}

const h2 = "text-2xl font-semibold";
const link = "font-semibold text-brand-700 underline underline-offset-4";

export default async function QuotasPage() {
  await pageUser("/organisation/quotas", "ORGANISER");
  const [t, format, edition] = await Promise.all([getTranslations("organiserAdmin"), getFormatter(), getCurrentEdition()]);
  if (!edition) {
    return (
      <div className="flex flex-col gap-6">
        <AdminNav current="quotas" />
        <h1 className="text-3xl font-bold">{t("quotas.title")}</h1>
        <p className="rounded-md bg-amber-50 p-4">{t("noEdition")}</p>
      </div>
    );
  }
  const now = new Date();
  const [rows, phases, waitlisted] = await Promise.all([
    quotaTable(edition.id),
    listPhases(edition.id),
    db.factory.count({ where: { editionId: edition.id, status: "WAITLISTED" } }),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });
  const phaseState = (p: { startsAt: Date; endsAt: Date | null }) =>
    p.startsAt > now ? "upcoming" : p.endsAt && p.endsAt <= now ? "ended" : "active";

  return (
    <div className="flex flex-col gap-8">
      <AdminNav current="quotas" />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("quotas.title")}</h1>
        <p className="text-slate-700">{t("quotas.intro", { edition: edition.name })}</p>
      </div>

      <section aria-labelledby="quota-table" className="flex flex-col gap-3">
        <h2 id="quota-table" className={h2}>
          {t("quotas.tableTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("quotas.tableIntro")}</p>
        <QuotaTableForm editionId={edition.id} rows={rows} />
      </section>

      <section aria-labelledby="quota-reevaluate" className="flex flex-col gap-3">
        <h2 id="quota-reevaluate" className={h2}>
          {t("quotas.reevaluate.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("quotas.reevaluate.intro")}</p>
        <ReevaluateForm editionId={edition.id} waitlisted={waitlisted} />
      </section>

      <section aria-labelledby="quota-csv" className="flex flex-col gap-3">
        <h2 id="quota-csv" className={h2}>
          {t("quotas.csv.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("quotas.csv.intro")}</p>
        <p>
          <a href="/organisation/quotas/export.csv" download className={link}>
            {t("quotas.csv.export")}
          </a>
        </p>
        <QuotaImportForm editionId={edition.id} />
      </section>

      <section aria-labelledby="quota-phases" className="flex flex-col gap-3">
        <h2 id="quota-phases" className={h2}>
          {t("quotas.phases.title")}
        </h2>
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
      </section>
    </div>
  );
}
