import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterDisclosure } from "@/components/catalogue/FilterDisclosure";
import { CircuitCard } from "@/components/circuit/CircuitCard";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { catalogueQueryString, parseCatalogueFilters } from "@/lib/catalogue/schemas";
import { CIRCUIT_FILTERS, circuitFilters, searchCircuits } from "@/lib/circuit/catalogue";
import { publicMetadata } from "@/lib/seo/site";
import { editionDays, FilterForm } from "../visites/FilterForm";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("circuits.public");
  return publicMetadata({ path: "/circuits", title: t("title"), description: t("intro") });
}

// The circuits of the current edition, searched with the visits' filters that apply to a circuit
// (a GET form: the address is the search).
export default async function CircuitsPage({ searchParams }: { searchParams: SearchParams }) {
  const filters = circuitFilters(parseCatalogueFilters(await searchParams));
  const [t, edition] = await Promise.all([getTranslations("circuits.public"), getCurrentEdition()]);
  if (!edition) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p>{t("noEdition")}</p>
      </div>
    );
  }
  const circuits = await searchCircuits(edition.id, filters);
  const query = catalogueQueryString(filters);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold text-slate-900">{t("title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("intro")}</p>
        <p>
          <Link prefetch={false} href={`/visites${query}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("toVisits")}
          </Link>
        </p>
      </div>
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)] lg:items-start">
        <FilterDisclosure key={query} summary={t("filterToggle")} defaultOpen={query === ""} resultsId="resultats-titre">
          <FilterForm filters={filters} days={editionDays(edition.firstDay, edition.lastDay)} action="/circuits" only={CIRCUIT_FILTERS} />
        </FilterDisclosure>
        <section aria-labelledby="resultats-titre" className="flex min-w-0 flex-col gap-4">
          <div role="status">
            <h2 id="resultats-titre" tabIndex={-1} className="scroll-mt-4 text-2xl font-semibold text-slate-900">
              {t("count", { count: circuits.length })}
            </h2>
          </div>
          {circuits.length === 0 ? (
            <p className="rounded-xl border border-slate-300 p-5">
              {query ? (
                <Link prefetch={false} href="/circuits" className="font-medium text-brand-700 underline underline-offset-4">
                  {t("emptyReset")}
                </Link>
              ) : (
                t("empty")
              )}
            </p>
          ) : (
            <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
              {circuits.map((circuit) => (
                <li key={circuit.id}>
                  <CircuitCard circuit={circuit} forSchools={filters.audience === "SCHOOL"} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
