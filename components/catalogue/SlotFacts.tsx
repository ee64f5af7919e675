import type { SlotSummary } from "@/lib/catalogue/queries";
import { getTranslations } from "next-intl/server";
import { getCatalogueFormatters } from "./formatters";

/** Duration, format, language and minimum age of a visit, as a compact list. */
export async function SlotFacts({ slot }: { slot: Pick<SlotSummary, "durationMinutes" | "format" | "language" | "minAge"> }) {
  const [t, { duration }] = await Promise.all([getTranslations("catalogue.slot"), getCatalogueFormatters()]);
  const language = slot.language === "fr" || slot.language === "en" ? t(`language.${slot.language}`) : t("language.other", { code: slot.language });
  const facts = [
    t("durationLabel", { duration: duration(slot.durationMinutes) }),
    t(`format.${slot.format}`),
    language,
    ...(slot.minAge !== null ? [t("minAge", { age: slot.minAge })] : []),
  ];
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
      {facts.map((fact) => (
        <li key={fact}>{fact}</li>
      ))}
    </ul>
  );
}
