import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/form/Field";
import { outlineButtonClass } from "@/components/ui/styles";
import { listEditions } from "@/lib/organiser/editions";

// Which edition an organiser's page shows: a plain GET form (`?edition=2026`), so it works without
// JavaScript and the address can be shared. Past editions are marked as such.
export async function EditionPicker({ current }: { current: { slug: string } }) {
  const [t, editions] = await Promise.all([getTranslations("organiserAdmin.editions"), listEditions()]);
  if (editions.length < 2) return null;
  return (
    <form method="get" className="no-print flex flex-wrap items-end gap-3" aria-label={t("pickerLabel")}>
      <div className="flex flex-col gap-1">
        <label htmlFor="edition-picker" className="font-medium">
          {t("picker")}
        </label>
        <select id="edition-picker" name="edition" defaultValue={current.slug} className={`${inputClass} w-auto`}>
          {editions.map((e) => (
            <option key={e.slug} value={e.slug}>
              {e.over ? t("pastOption", { name: e.name }) : e.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={outlineButtonClass}>
        {t("show")}
      </button>
    </form>
  );
}
