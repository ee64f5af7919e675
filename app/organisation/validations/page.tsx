import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/catalogue/Pagination";
import { Checkbox } from "@/components/form/Checkbox";
import { SelectFilter, type SelectOption } from "@/components/form/Field";
import { FilterButtons } from "@/components/form/FilterButtons";
import { FormMessage } from "@/components/form/FormMessage";
import { PhotoGallery } from "@/components/factory/PhotoGallery";
import { FactList } from "@/components/ui/FactList";
import { ResultList } from "@/components/ui/ResultList";
import { noticeClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { factoryPresentations } from "@/lib/factory/profile";
import { REGIONS, regionName } from "@/lib/geo/regions";
import { listApprovalQueue } from "@/lib/organiser/approvals";
import { QUEUE_STATUSES, queueFilterInput, type QueueFilter } from "@/lib/organiser/schemas";
import { SECTORS, sectorLabel } from "@/lib/reference/naf";
import { SIZE_BANDS, sizeBandLabel, type SizeBand } from "@/lib/reference/size-band";
import { statusNote } from "@/lib/representativity/reasons";
import { AdminPage } from "../edition/AdminNav";
import { BulkApproval } from "./BulkApproval";
import { DecisionForm } from "./DecisionForm";
import { formatDateTime } from "@/lib/i18n/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.validations"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function queryOf(filter: QueueFilter, page = filter.page): string {
  const params = new URLSearchParams();
  if (filter.status !== "TO_REVIEW") params.set("status", filter.status);
  if (filter.region) params.set("region", filter.region);
  if (filter.sector) params.set("sector", filter.sector);
  if (filter.size) params.set("size", filter.size);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

const STATUS_BADGE: Record<string, string> = {
  PENDING: "bg-blue-100 text-blue-900",
  WAITLISTED: "bg-amber-100 text-amber-900",
  REJECTED: "bg-red-100 text-red-900",
  APPROVED: "bg-green-100 text-green-900",
};
const OUTCOMES = ["APPROVED", "WAITLISTED", "REJECTED", "OVERRIDDEN"] as const;

const BULK_FORM_ID = "bulk-approval";
// Offered for "Valider la sélection": what one click could approve (a site over a cap needs the override).
const selectable = (entry: { status: string; capsReached: unknown[] }) => entry.status !== "APPROVED" && entry.capsReached.length === 0;

export default async function ValidationsPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/validations");
  const raw = await searchParams;
  const filter = queueFilterInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  const [t, locale, edition] = await Promise.all([getTranslations("organiserAdmin"), getLocale(), getCurrentEdition()]);
  const lang = locale === "en" ? "en" : "fr";
  if (!edition) {
    return (
      <AdminPage current="validations" title={t("validations.title")} spacing="gap-6">
        <p className={noticeClass}>{t("noEdition")}</p>
      </AdminPage>
    );
  }
  const queue = await listApprovalQueue(edition.id, filter);
  const presentations = await factoryPresentations(queue.entries.map((e) => e.id));
  const outcome = OUTCOMES.find((o) => o === first(raw.fait));
  const decided = outcome && first(raw.site) ? await db.factory.findFirst({ where: { id: first(raw.site), editionId: edition.id }, select: { siteName: true } }) : null;
  const returnTo = queryOf(filter, queue.page);
  const counts = t("validations.counts", {
    pending: queue.counts.PENDING ?? 0,
    waitlisted: queue.counts.WAITLISTED ?? 0,
    approved: queue.counts.APPROVED ?? 0,
    rejected: queue.counts.REJECTED ?? 0,
  });

  const filterOptions: ["status" | "region" | "sector" | "size", SelectOption[]][] = [
    ["status", QUEUE_STATUSES.map((s) => ({ value: s, label: t(`validations.statusFilter.${s}`) }))],
    ["region", [...REGIONS].sort((a, b) => a.name.localeCompare(b.name, "fr")).map((r) => ({ value: r.code, label: r.name }))],
    ["sector", SECTORS.map((s) => ({ value: s.code, label: `${s.code} — ${lang === "en" ? s.labelEn : s.label}` }))],
    ["size", SIZE_BANDS.map((s) => ({ value: s, label: `${s} — ${sizeBandLabel(s, lang)}` }))],
  ];

  return (
    <AdminPage current="validations" title={t("validations.title")} intro={t("validations.intro")} header={<p>{counts}</p>} spacing="gap-6">
      <FormMessage tone="success" message={outcome ? t(`validations.done.${outcome}`, { site: decided?.siteName ?? "" }) : undefined} reserveSpace={false} />

      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("validations.filters.label")}>
        {filterOptions.map(([name, options]) => (
          <SelectFilter
            key={name}
            id={`f-${name}`}
            name={name}
            label={t(`validations.filters.${name}`)}
            defaultValue={filter[name]}
            emptyLabel={name === "status" ? undefined : t("validations.filters.all")}
            options={options}
          />
        ))}
        <FilterButtons
          submit={t("validations.filters.submit")}
          reset={{ href: "/organisation/validations", label: t("validations.filters.reset") }}
          className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-4"
        />
      </form>

      <BulkApproval formId={BULK_FORM_ID} enabled={queue.entries.some(selectable)}>
        <ResultList count={t("validations.results", { count: queue.total })} empty={queue.entries.length === 0 ? t("validations.empty") : null}>
          {queue.entries.map((entry) => {
            const reason = statusNote(entry, lang);
            const presentation = presentations.get(entry.id);
            return (
              <li key={entry.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-xl font-semibold">
                    {entry.siteName} <span className="font-normal text-slate-700">— {entry.companyName}</span>
                  </h2>
                  <span className={`rounded px-2 py-0.5 text-sm font-semibold ${STATUS_BADGE[entry.status]}`}>{t(`status.${entry.status}`)}</span>
                </div>
                {selectable(entry) && (
                  <Checkbox
                    form={BULK_FORM_ID}
                    name="factoryIds"
                    value={entry.id}
                    label={
                      <>
                        {t("validations.bulk.select")}
                        <span className="sr-only"> : {entry.siteName}</span>
                      </>
                    }
                  />
                )}
                {reason && (
                  <p className="rounded-md bg-amber-50 p-3 text-amber-950">
                    <span className="font-semibold">{t("validations.reason")}</span> {reason}
                  </p>
                )}
                <FactList
                  inline
                  className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2"
                  facts={[
                    [t("validations.facts.siret"), <span key="siret" className="font-mono">{entry.siret}</span>],
                    [t("validations.facts.place"), `${entry.postalCode} ${entry.communeName} · ${regionName(entry.regionCode) ?? entry.regionCode}`],
                    [t("validations.facts.sector"), `${entry.sectorCode} — ${sectorLabel(entry.sectorCode, lang) ?? entry.sectorCode}`],
                    [t("validations.facts.size"), `${sizeBandLabel(entry.sizeBand as SizeBand, lang)} · ${t("validations.facts.headcount", { count: entry.headcount })}`],
                    [
                      t("validations.facts.registered"),
                      `${formatDateTime(entry.registeredAt, locale)} · ${t("validations.facts.arrival", { arrival: entry.arrival })}`,
                    ],
                    [t("validations.facts.contacts"), <span key="contacts" className="break-all">{entry.contacts.join(", ") || "—"}</span>],
                  ]}
                />
                {presentation && (
                  <details className="rounded-md border border-slate-200">
                    <summary className="flex min-h-11 cursor-pointer items-center px-3 font-semibold text-brand-900">
                      {t("validations.presentation", { count: presentation.photos.length })}
                    </summary>
                    <div className="flex flex-col gap-3 border-t border-slate-200 p-3">
                      <p className="max-w-prose whitespace-pre-line text-slate-800">{presentation.description}</p>
                      <PhotoGallery
                        photos={presentation.photos}
                        fallbackAlt={(n) => t("validations.photoAlt", { n, site: entry.siteName })}
                        sizes="(min-width: 640px) 25vw, 100vw"
                      />
                    </div>
                  </details>
                )}
                <DecisionForm
                  factoryId={entry.id}
                  siteName={entry.siteName}
                  status={entry.status}
                  capsReached={entry.capsReached}
                  returnTo={returnTo}
                />
              </li>
            );
          })}
        </ResultList>
      </BulkApproval>
      <Pagination page={queue.page} pageCount={queue.pageCount} hrefFor={(p) => `/organisation/validations${queryOf(filter, p)}`} />
    </AdminPage>
  );
}
