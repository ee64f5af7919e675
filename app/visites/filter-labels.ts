import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { getCatalogueFormatters } from "@/components/catalogue/formatters";
import type { CatalogueFilters, FilterKey } from "@/lib/catalogue/schemas";
import { departmentName, regionName } from "@/lib/geo/regions";
import { sectorLabel } from "@/lib/reference/naf";

/** Names an active filter for people: "Région : Bretagne", "Accessible en fauteuil roulant"… */
export async function getFilterLabeler() {
  const [t, tFilters, tJobs, locale, { editionDay }] = await Promise.all([
    getTranslations("catalogue.filterLabel"),
    getTranslations("catalogue.filters"),
    getTranslations("jobs"),
    getLocale(),
    getCatalogueFormatters(),
  ]);
  return (key: FilterKey, filters: CatalogueFilters): string => {
    switch (key) {
      case "q":
        return t("q", { value: filters.q ?? "" });
      case "region":
        return t("region", { value: regionName(filters.region ?? "") ?? filters.region ?? "" });
      case "department":
        return t("department", { value: `${departmentName(filters.department ?? "") ?? ""} (${filters.department})` });
      case "sector":
        return t("sector", { value: sectorLabel(filters.sector ?? "", locale === "en" ? "en" : "fr") ?? filters.sector ?? "" });
      case "metier":
        return tJobs("filter.active", { value: filters.metier ? tJobs(`families.${filters.metier}`) : "" });
      case "day":
        return t("day", { value: filters.day ? editionDay(new Date(`${filters.day}T00:00:00Z`)) : "" });
      case "time":
        return t("time", { value: t(filters.time === "afternoon" ? "timeAfternoon" : "timeMorning") });
      case "audience":
        return t("audience", { value: tFilters(filters.audience ?? "PUBLIC") });
      case "available":
        return t("available");
      case "wheelchair":
        return t("wheelchair");
      case "maxMinAge":
        return t("maxMinAge", { value: filters.maxMinAge ?? 0 });
      case "seats":
        return t("seats", { value: filters.seats ?? 0 });
      case "language":
        return t("language", { value: t(filters.language === "en" ? "languageEn" : "languageFr") });
    }
  };
}
