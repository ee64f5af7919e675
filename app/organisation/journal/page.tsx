import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/catalogue/Pagination";
import { inputClass, PlainField, SelectFilter } from "@/components/form/Field";
import { FilterButtons } from "@/components/form/FilterButtons";
import { ColumnHeaders } from "@/components/ui/ColumnHeaders";
import { ResultList } from "@/components/ui/ResultList";
import { pageOrganiser } from "@/lib/auth/pages";
import { formatDate, formatDateTime, formatNumber } from "@/lib/i18n/format";
import { auditFacets, isIsoInstant, listAuditEntries, type DiffLine } from "@/lib/organiser/audit";
import { auditLabels } from "@/lib/organiser/audit-labels";
import { auditFilterInput, isDimension, type AuditFilter } from "@/lib/organiser/schemas";
import { isDay } from "@/lib/paris-time";
import { dimensionValueLabel, parseStatusReason, reasonMessage } from "@/lib/representativity/reasons";
import { AdminPage } from "../edition/AdminNav";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.journal"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function queryOf(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["action", "entityType", "actor", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

interface Standing {
  dimension: string;
  value: string;
  approvedBefore?: number;
  cap: number | null;
  target: number | null;
}
const isStanding = (v: unknown): v is Standing =>
  typeof v === "object" && v !== null && typeof (v as Standing).dimension === "string" && typeof (v as Standing).value === "string";

const KIND_CLASS: Record<DiffLine["kind"], string> = {
  added: "bg-green-50",
  removed: "bg-red-50",
  changed: "",
};

export default async function JournalPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/journal");
  const raw = await searchParams;
  const filter = auditFilterInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  const [t, tSlot, locale, facets, journal] = await Promise.all([
    getTranslations("organiserAdmin.journal"),
    getTranslations("catalogue.slot"),
    getLocale(),
    auditFacets(),
    listAuditEntries(filter),
  ]);
  const lang = locale === "en" ? "en" : "fr";

  const labels = auditLabels(t, tSlot);
  const actionLabel = labels.action;
  const entityLabel = labels.entityType;
  const keyLabel = (key: string) => {
    const quota = /^(REGION|SECTOR|SIZE)\.([^.]+)\.(cap|target)$/.exec(key);
    if (quota && isDimension(quota[1])) return `${dimensionValueLabel(quota[1], quota[2], lang)} — ${t(`keys.${quota[3]}`)}`;
    return labels.key(key);
  };
  const dimensionLabel = (dimension: string, value: string) =>
    isDimension(dimension) ? `${t(`dimensions.${dimension}`)} ${dimensionValueLabel(dimension, value, lang)}` : `${dimension} ${value}`;
  const show = (key: string, value: unknown): string => {
    if (value === undefined) return "";
    // The counts a decision was taken on (lib/representativity) and the caps an override exceeded.
    if (Array.isArray(value) && value.length > 0 && value.every(isStanding)) {
      return value
        .map((s) =>
          // Older entries may lack the count: the sentence then says nothing about it.
          t(s.approvedBefore === undefined ? "standingLimits" : "standing", { dimension: dimensionLabel(s.dimension, s.value), approved: s.approvedBefore ?? 0, cap: s.cap ?? "—", target: s.target ?? "—" }),
        )
        .join(" · ");
    }
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && /^(REGION|SECTOR|SIZE):/.test(v))) {
      return (value as string[]).map((v) => dimensionLabel(v.split(":")[0], v.split(":").slice(1).join(":"))).join(", ");
    }
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.map((v) => (t.has(`keys.${v}`) ? t(`keys.${v}`) : labels.value(key, v))).join(", ");
    const reason = parseStatusReason(value);
    if (reason) return reasonMessage(reason, lang);
    if (value === null) return "—";
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "number") return formatNumber(value, locale);
    if (isIsoInstant(value)) return formatDateTime(value, locale);
    if (typeof value === "string" && isDay(value)) return formatDate(value, locale);
    if (typeof value === "string") return labels.value(key, value);
    const json = JSON.stringify(value);
    return json.length > 300 ? `${json.slice(0, 300)}…` : json;
  };
  const dateFilter = (name: "from" | "to") => (
    <PlainField id={`j-${name}`} label={t(`filters.${name}`)}>
      {(p) => <input {...p} name={name} type="date" defaultValue={filter[name] ?? ""} className={inputClass} />}
    </PlainField>
  );

  return (
    <AdminPage current="journal" title={t("title")} intro={t("intro")} spacing="gap-6">

      <form method="get" aria-label={t("filters.label")} className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectFilter id="j-action" name="action" label={t("filters.action")} defaultValue={filter.action} emptyLabel={t("filters.all")} options={facets.actions.map((a) => ({ value: a, label: actionLabel(a) }))} />
        <SelectFilter id="j-entity" name="entityType" label={t("filters.entityType")} defaultValue={filter.entityType} emptyLabel={t("filters.all")} options={facets.entityTypes.map((e) => ({ value: e, label: entityLabel(e) }))} />
        <PlainField id="j-actor" label={t("filters.actor")}>
          {(p) => <input {...p} name="actor" type="search" inputMode="email" defaultValue={filter.actor ?? ""} className={inputClass} />}
        </PlainField>
        {dateFilter("from")}
        {dateFilter("to")}
        <FilterButtons
          submit={t("filters.submit")}
          reset={{ href: "/organisation/journal", label: t("filters.reset") }}
          className="flex flex-wrap items-end gap-3"
        />
      </form>

      <ResultList count={t("results", { count: journal.total })} empty={journal.entries.length === 0 ? t("empty") : null}>
        {journal.entries.map((entry) => (
          <li key={entry.id} className="flex flex-col gap-2 rounded-lg border border-slate-300 p-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">{actionLabel(entry.action)}</h2>
              <p className="text-sm text-slate-700">
                <time dateTime={entry.at.toISOString()}>
                  {formatDateTime(entry.at, locale)}
                </time>
              </p>
            </div>
            <p className="text-sm">
              <span className="text-slate-600">{t("by")}</span> {entry.actorEmail ?? t("system")} ·{" "}
              <span className="text-slate-600">{entityLabel(entry.entityType)}</span> {entry.entityLabel ?? <span className="font-mono text-xs">{entry.entityId}</span>}
            </p>
            {entry.reason && (
              <p className="rounded-md bg-slate-50 p-2 text-sm">
                <span className="font-semibold">{t("reason")}</span> {labels.reason(entry.reason)}
              </p>
            )}
            {entry.diff.length > 0 && (
              // Wider than a phone: the scrolling region takes the focus, so the keyboard can scroll it.
              <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("diffCaption", { action: actionLabel(entry.action) })}>
                <table className="w-full min-w-[28rem] text-left text-sm">
                  <caption className="sr-only">{t("diffCaption", { action: actionLabel(entry.action) })}</caption>
                  <ColumnHeaders
                    className="bg-slate-50"
                    cellClassName="p-2"
                    columns={(["field", "before", "after"] as const).map((key) => ({ key, label: t(key) }))}
                  />
                  <tbody>
                    {entry.diff.map((line) => (
                      <tr key={line.key} className={`border-t border-slate-200 align-top ${KIND_CLASS[line.kind]}`}>
                        <th scope="row" className="p-2 font-medium">
                          {keyLabel(line.key)}
                          {line.kind !== "changed" && <span className="block text-xs font-normal text-slate-600">{t(`kind.${line.kind}`)}</span>}
                        </th>
                        <td className="p-2 break-words text-slate-700">
                          {line.kind === "added" ? <span className="sr-only">{t("absent")}</span> : <del className="no-underline">{show(line.key, line.before)}</del>}
                        </td>
                        <td className="p-2 break-words font-medium">
                          {line.kind === "removed" ? <span className="sr-only">{t("absent")}</span> : <ins className="no-underline">{show(line.key, line.after)}</ins>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        ))}
      </ResultList>
      <Pagination page={journal.page} pageCount={journal.pageCount} hrefFor={(p) => `/organisation/journal${queryOf(filter, p)}`} />
    </AdminPage>
  );
}
