import "server-only";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { pageMetadata, type PageMetadataInput } from "./metadata";

/** An absolute address on the app's public origin (APP_URL): robots, sitemap, JSON-LD, share links. */
export const absoluteUrl = (path: string) => new URL(path, env.APP_URL).toString();

/** The app's public origin, without a trailing slash. */
export const siteOrigin = () => new URL(env.APP_URL).origin;

/** pageMetadata in the request's language, with the site's name. */
export async function publicMetadata(input: Omit<PageMetadataInput, "locale" | "siteName">): Promise<Metadata> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  return pageMetadata({ ...input, locale: isLocale(locale) ? locale : DEFAULT_LOCALE, siteName: t("siteName") });
}
