// The metadata every public page shares: description, canonical address, Open Graph and Twitter
// card. Pure (no request, no environment): pages pass what they know; the root layout's
// metadataBase (APP_URL) makes the relative addresses absolute.
//
// Languages: French and English share every address — the language is a cookie (or, on a first
// visit, the browser's preference), and no URL selects English. `hreflang` alternates would have
// to point both languages at the same address, which tells search engines nothing true (a crawler
// sends no cookie and gets French). So a page states its canonical address only, and Open Graph
// says which language it is in and that the other exists (og:locale, og:locale:alternate).
import type { Metadata } from "next";
import type { Locale } from "@/lib/i18n/config";

const OG_LOCALES: Record<Locale, string> = { fr: "fr_FR", en: "en_GB" };

export interface PageMetadataInput {
  /** The canonical path with its canonical query ("/visites?region=84"), or "/" for the home page. */
  path: string;
  title: string;
  description: string;
  locale: Locale;
  siteName: string;
  /** When the page has its own large image (a factory's generated card); else a small summary card. */
  largeImage?: boolean;
}

export function pageMetadata({ path, title, description, locale, siteName, largeImage = false }: PageMetadataInput): Metadata {
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: {
      type: "website",
      url: path,
      title,
      description,
      siteName,
      locale: OG_LOCALES[locale],
      alternateLocale: Object.entries(OG_LOCALES)
        .filter(([l]) => l !== locale)
        .map(([, og]) => og),
    },
    twitter: { card: largeImage ? "summary_large_image" : "summary", title, description },
  };
}

/** A description cut at a word boundary to `max` characters (search engines show about 155). */
export function shortDescription(text: string, max = 155): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).replace(/[\s,;:.–—-]+$/, "")}…`;
}
