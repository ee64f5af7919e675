import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/i18n/actions";
import { LOCALES } from "@/lib/i18n/config";

export async function LanguageSwitcher() {
  const [t, locale] = await Promise.all([getTranslations("common.language"), getLocale()]);
  return (
    <form action={setLocale} className="flex items-center gap-1" aria-label={t("label")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className="rounded px-2 py-1 text-sm font-medium text-slate-700 underline-offset-4 hover:underline aria-pressed:bg-brand-100 aria-pressed:text-brand-900"
        >
          {t(l)}
        </button>
      ))}
    </form>
  );
}
