import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FilterDisclosure } from "@/components/catalogue/FilterDisclosure";
import { Pagination } from "@/components/catalogue/Pagination";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { FranceDepartmentsMap } from "@/components/map/FranceDepartmentsMap";
import { printableProgrammeHref } from "@/lib/catalogue/programme-ids";
import { countVisitsByDepartment, explainEmpty, searchSlots } from "@/lib/catalogue/queries";
import { activeFilterKeys, catalogueQueryString, parseCatalogueFilters, type CatalogueFilters } from "@/lib/catalogue/schemas";
import { publicMetadata } from "@/lib/seo/site";
import { getFilterLabeler } from "./filter-labels";
import { editionDays, FilterForm } from "./FilterForm";
import { SlotCard } from "./SlotCard";
import { AlertEntry } from "@/components/alerts/AlertEntry";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const filters = parseCatalogueFilters(await searchParams);
  const [t, tm, label] = await Promise.all([getTranslations("catalogue.search"), getTranslations("catalogue.meta"), getFilterLabeler()]);
  const criteria = activeFilterKeys(filters).map((key) => label(key, filters)).join(", ");
  const { page } = filters;
  const base = criteria ? tm("searchTitleFiltered", { criteria }) : t("title");
  return publicMetadata({
    // The search actually run, in the catalogue's own order: every spelling of it shares one address.
    path: href(filters),
    title: page && page > 1 ? `${base} – ${t("metaPage", { page })}` : base,
    description: criteria ? tm("searchFiltered", { criteria }) : tm("search"),
  });
}

// The parameters as a sorted list, to compare two query strings regardless of order.
function sortedParams(params: URLSearchParams): string {
  return [...params].map(([key, value]) => `${key}=${value}`).sort().join("&");
}

// A submitted GET form also sends its empty fields ("?q=&region=&…"), and a hand-edited address may
// carry invalid values: both are redirected to the canonical address of the search actually run,
// which is short and safe to share.
function isCanonical(raw: Record<string, string | string[] | undefined>, canonical: string): boolean {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of [value ?? []].flat()) params.append(key, v);
  return sortedParams(params) === sortedParams(new URLSearchParams(canonical));
}

const href = (filters: CatalogueFilters, changes: Partial<CatalogueFilters> = {}) => `/visites${catalogueQueryString(filters, changes)}`;

export default async function VisitsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const filters = parseCatalogueFilters(raw);
  if (!isCanonical(raw, catalogueQueryString(filters))) redirect(href(filters));
  const [t, edition] = await Promise.all([getTranslations("catalogue"), getCurrentEdition()]);
  if (!edition) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-3xl font-bold">{t("search.title")}</h1>
        <p>{t("search.noEdition")}</p>
      </div>
    );
  }
  const [result, departmentCounts] = await Promise.all([searchSlots(edition.id, filters), countVisitsByDepartment(edition.id, filters)]);
  const active = activeFilterKeys(filters);
  const query = catalogueQueryString(filters);
  const [suggestions, label, tp] = await Promise.all([
    result.total === 0 && active.length > 0 ? explainEmpty(edition.id, filters) : Promise.resolve([]),
    getFilterLabeler(),
    getTranslations("programme.printable"),
  ]);
  // The area's whole programme, to print (a department narrows more than its region).
  const printable = filters.department
    ? printableProgrammeHref({ kind: "department", code: filters.department })
    : filters.region && printableProgrammeHref({ kind: "region", code: filters.region });

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold text-slate-900">{t("search.title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("search.intro")}</p>
        {/* On a phone the form comes first and is long: let people jump over it. */}
        <a href="#resultats" className="font-medium text-brand-700 underline underline-offset-4 lg:hidden">
          {t("search.skipToResults", { count: result.total })}
        </a>
      </div>

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)] lg:items-start">
        <div className="flex flex-col gap-3 lg:gap-8">
          {/* Keyed by the search so the fields follow the address after a client-side navigation (and
              the disclosure folds again once a search is set). */}
          <FilterDisclosure
            key={query}
            summary={active.length > 0 ? t("search.filterToggleActive", { count: active.length }) : t("search.filterToggle")}
            defaultOpen={query === ""}
            resultsId="resultats-titre"
          >
            <FilterForm filters={filters} days={editionDays(edition.firstDay, edition.lastDay)} />
          </FilterDisclosure>
          {/* Folded on a phone, so that the results stay on the first screen. */}
          <FilterDisclosure key={`carte${query}`} summary={t("map.toggle")} defaultOpen={false} resultsId="resultats-titre">
            <FranceDepartmentsMap
              counts={new Map(departmentCounts.map((row) => [row.departmentCode, row.count]))}
              selected={filters.department}
              hrefFor={(department) => href(filters, { department })}
            />
          </FilterDisclosure>
        </div>

        <section id="resultats" aria-labelledby="resultats-titre" className="flex min-w-0 flex-col gap-4">
          <div role="status" className="flex flex-wrap items-baseline gap-x-3">
            <h2 id="resultats-titre" tabIndex={-1} className="scroll-mt-4 text-2xl font-semibold text-slate-900">
              {t("results.count", { count: result.total })}
            </h2>
            {result.pageCount > 1 && <p className="text-slate-700">{t("results.pageOf", { page: result.page, pageCount: result.pageCount })}</p>}
          </div>
          {printable && (
            <p>
              <Link prefetch={false} href={printable} className="font-medium text-brand-700 underline underline-offset-4">
                {tp("fromCatalogue")}
              </Link>
            </p>
          )}

          {result.nearMe && (
            <p className="rounded-md bg-brand-50 px-3 py-2 text-brand-900">
              {t("results.nearMe", {
                postalCode: result.nearMe.postalCode,
                department: result.nearMe.departmentName,
                region: result.nearMe.regionName,
              })}
            </p>
          )}
          {result.postalCodeUnknown && filters.postalCode && (
            <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-amber-950">
              {t("results.postalCodeUnknown", { postalCode: filters.postalCode })}
            </p>
          )}

          {active.length > 0 && result.total > 0 && (
            <div className="flex flex-col gap-2">
              <p id="criteres-actifs" className="font-medium text-slate-900">
                {t("results.activeFilters")}
              </p>
              <ul aria-labelledby="criteres-actifs" className="flex flex-wrap gap-2">
                {active.map((key) => (
                  <li key={key}>
                    <Link prefetch={false}
                      href={href(filters, { [key]: undefined })}
                      aria-label={t("results.removeFilter", { filter: label(key, filters) })}
                      className="inline-flex min-h-9 items-center gap-2 rounded-full border border-slate-400 bg-white px-3 text-sm text-slate-900 hover:border-brand-700"
                    >
                      {label(key, filters)}
                      <span aria-hidden="true">✕</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}

          {result.total === 0 ? (
            <div className="flex flex-col gap-3 rounded-xl border border-slate-300 p-5">
              {active.length === 0 ? (
                <p>{t("empty.noVisits")}</p>
              ) : (
                <>
                  <p className="font-semibold">{t("empty.title")}</p>
                  {suggestions.length > 0 ? (
                    <>
                      <p id="suggestions">{t("empty.suggestions")}</p>
                      <ul aria-labelledby="suggestions" className="flex flex-col gap-2">
                        {suggestions.map(({ filter, count }) => (
                          <li key={filter}>
                            <Link prefetch={false} href={href(filters, { [filter]: undefined })} className="font-medium text-brand-700 underline underline-offset-4">
                              {t("empty.removeFilter", { filter: label(filter, filters), count })}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p>{t("empty.noSuggestion")}</p>
                  )}
                  <p>
                    <Link prefetch={false} href={href({}, { postalCode: filters.postalCode })} className="font-medium text-brand-700 underline underline-offset-4">
                      {t("empty.reset")}
                    </Link>
                  </p>
                </>
              )}
            </div>
          ) : (
            <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
              {result.items.map((item) => (
                <li key={item.id}>
                  <SlotCard item={item} forSchools={filters.audience === "SCHOOL"} query={query} />
                </li>
              ))}
            </ul>
          )}

          <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => href(filters, { page })} />
          <AlertEntry postalCode={filters.postalCode} />
        </section>
      </div>
    </div>
  );
}
