import type { SlotSummary } from "@/lib/catalogue/queries";
import { getLocale, getTranslations } from "next-intl/server";
import { getCatalogueFormatters, rememberText } from "./formatters";

/** Duration, format, language and minimum age of a visit, as a compact list. */
export async function SlotFacts({ slot }: { slot: Pick<SlotSummary, "durationMinutes" | "format" | "language" | "minAge"> }) {
  const [t, tc, { duration }, locale] = await Promise.all([
    getTranslations("catalogue.slot"),
    getTranslations("booking.conditions"),
    getCatalogueFormatters(),
    getLocale(),
  ]);
  const language = slot.language === "fr" || slot.language === "en" ? t(`language.${slot.language}`) : t("language.other", { code: slot.language });
  // Worded as in the visit conditions (lib/booking/visit-conditions.ts).
  const minAge = (age: number) => rememberText(`${locale}|minAge|${age}`, () => tc("minAge", { age }));
  const facts = [
    rememberText(`${locale}|durationLabel|${slot.durationMinutes}`, () => t("durationLabel", { duration: duration(slot.durationMinutes) })),
    t(`format.${slot.format}`),
    language,
    ...(slot.minAge !== null ? [minAge(slot.minAge)] : []),
  ];
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
      {facts.map((fact) => (
        <li key={fact}>{fact}</li>
      ))}
    </ul>
  );
}
