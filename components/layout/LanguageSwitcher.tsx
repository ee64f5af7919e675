import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES } from "@/lib/i18n/config";
import { LanguageForm } from "./LanguageForm";

export async function LanguageSwitcher() {
  const [t, locale] = await Promise.all([getTranslations("common.language"), getLocale()]);
  return <LanguageForm label={t("label")} current={locale} options={LOCALES.map((l) => ({ locale: l, name: t(l) }))} />;
}
