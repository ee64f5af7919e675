import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/catalogue/Pagination";
import { inputClass } from "@/components/form/Field";
import { pageUser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { REGIONS, regionName } from "@/lib/geo/regions";
import { listApprovalQueue } from "@/lib/organiser/approvals";
import { QUEUE_STATUSES, queueFilterInput, type QueueFilter } from "@/lib/organiser/schemas";
import { SECTORS, sectorLabel } from "@/lib/reference/naf";
import { SIZE_BANDS, sizeBandLabel, type SizeBand } from "@/lib/reference/size-band";
import { reasonMessage } from "@/lib/representativity/reasons";
import { AdminNav } from "../edition/AdminNav";
import { DecisionForm } from "./DecisionForm";

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

export default async function ValidationsPage({ searchParams }: Props) {
  await pageUser("/organisation/validations", "ORGANISER");
  const raw = await searchParams;
  const filter = queueFilterInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  const [t, format, locale, edition] = await Promise.all([getTranslations("organiserAdmin"), getFormatter(), getLocale(), getCurrentEdition()]);
  const lang = locale === "en" ? "en" : "fr";
  if (!edition) {
    return (
      <div className="flex flex-col gap-6">
        <AdminNav current="validations" />
        <h1 className="text-3xl font-bold">{t("validations.title")}</h1>
        <p className="rounded-md bg-amber-50 p-4">{t("noEdition")}</p>
      </div>
    );
  }
  const queue = await listApprovalQueue(edition.id, filter);
  const outcome = OUTCOMES.find((o) => o === first(raw.fait));
  const decided = outcome && first(raw.site) ? await db.factory.findFirst({ where: { id: first(raw.site), editionId: edition.id }, select: { siteName: true } }) : null;
  const returnTo = queryOf(filter, queue.page);
  const select = inputClass;

  return (
    <div className="flex flex-col gap-6">
      <AdminNav current="validations" />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("validations.title")}</h1>
        <p className="text-slate-700">{t("validations.intro")}</p>
        <p>
          {t("validations.counts", {
            pending: queue.counts.PENDING ?? 0,
            waitlisted: queue.counts.WAITLISTED ?? 0,
            approved: queue.counts.APPROVED ?? 0,
            rejected: queue.counts.REJECTED ?? 0,
          })}
        </p>
      </div>
      <div role="status" aria-live="polite">
        {outcome && <p className="rounded-md bg-green-50 px-4 py-3 text-green-900">{t(`validations.done.${outcome}`, { site: decided?.siteName ?? "" })}</p>}
      </div>

      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("validations.filters.label")}>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-status" className="font-medium">
            {t("validations.filters.status")}
          </label>
          <select id="f-status" name="status" defaultValue={filter.status} className={select}>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`validations.statusFilter.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-region" className="font-medium">
            {t("validations.filters.region")}
          </label>
          <select id="f-region" name="region" defaultValue={filter.region ?? ""} className={select}>
            <option value="">{t("validations.filters.all")}</option>
            {[...REGIONS]
              .sort((a, b) => a.name.localeCompare(b.name, "fr"))
              .map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-sector" className="font-medium">
            {t("validations.filters.sector")}
          </label>
          <select id="f-sector" name="sector" defaultValue={filter.sector ?? ""} className={select}>
            <option value="">{t("validations.filters.all")}</option>
            {SECTORS.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} — {lang === "en" ? s.labelEn : s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-size" className="font-medium">
            {t("validations.filters.size")}
          </label>
          <select id="f-size" name="size" defaultValue={filter.size ?? ""} className={select}>
            <option value="">{t("validations.filters.all")}</option>
            {SIZE_BANDS.map((s) => (
              <option key={s} value={s}>
                {s} — {sizeBandLabel(s, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900">
            {t("validations.filters.submit")}
          </button>
          <Link href="/organisation/validations" className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline underline-offset-4">
            {t("validations.filters.reset")}
          </Link>
        </div>
      </form>

      <p aria-live="polite">{t("validations.results", { count: queue.total })}</p>
      {queue.entries.length === 0 ? (
        <p className="rounded-md bg-slate-50 p-4">{t("validations.empty")}</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {queue.entries.map((entry) => {
            const reason = entry.reason ? reasonMessage(entry.reason, lang) : entry.statusReason;
            return (
              <li key={entry.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-xl font-semibold">
                    {entry.siteName} <span className="font-normal text-slate-700">— {entry.companyName}</span>
                  </h2>
                  <span className={`rounded px-2 py-0.5 text-sm font-semibold ${STATUS_BADGE[entry.status]}`}>{t(`status.${entry.status}`)}</span>
                </div>
                {reason && (
                  <p className="rounded-md bg-amber-50 p-3 text-amber-950">
                    <span className="font-semibold">{t("validations.reason")}</span> {reason}
                  </p>
                )}
                <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
                  <div>
                    <dt className="inline text-slate-600">{t("validations.facts.siret")} </dt>
                    <dd className="inline font-mono">{entry.siret}</dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-600">{t("validations.facts.place")} </dt>
                    <dd className="inline">
                      {entry.postalCode} {entry.communeName} · {regionName(entry.regionCode) ?? entry.regionCode}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-600">{t("validations.facts.sector")} </dt>
                    <dd className="inline">
                      {entry.sectorCode} — {sectorLabel(entry.sectorCode, lang) ?? entry.sectorCode}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-600">{t("validations.facts.size")} </dt>
                    <dd className="inline">
                      {sizeBandLabel(entry.sizeBand as SizeBand, lang)} · {t("validations.facts.headcount", { count: entry.headcount })}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-600">{t("validations.facts.registered")} </dt>
                    <dd className="inline">
                      {format.dateTime(entry.registeredAt, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" })} ·{" "}
                      {t("validations.facts.arrival", { arrival: entry.arrival })}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-600">{t("validations.facts.contacts")} </dt>
                    <dd className="inline break-all">{entry.contacts.join(", ") || "—"}</dd>
                  </div>
                </dl>
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
        </ol>
      )}
      <Pagination page={queue.page} pageCount={queue.pageCount} hrefFor={(p) => `/organisation/validations${queryOf(filter, p)}`} />
    </div>
  );
}
