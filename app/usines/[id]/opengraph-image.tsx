import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFactoryPage } from "@/lib/catalogue/queries";
import { formatDayRange } from "@/lib/i18n/format";

// The factory's share card (Open Graph and Twitter): its name, town and the edition's dates, in the
// site's colours, in the site's font (Geist, with the French accents), read from its package on
// disk: no network needed.
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

const BRAND_50 = "#eef4ff";
const BRAND_700 = "#1e40af";
const BRAND_900 = "#172554";

const font = (file: string) => readFile(path.join(process.cwd(), "node_modules/geist/dist/fonts/geist-sans", file));

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const factory = await getFactoryPage((await params).id);
  if (!factory) notFound();
  const [locale, t, regular, bold] = await Promise.all([getLocale(), getTranslations("common"), font("Geist-Regular.ttf"), font("Geist-Bold.ttf")]);
  const days = formatDayRange(factory.edition.firstDay, factory.edition.lastDay, locale);
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", background: BRAND_50, padding: 72, fontFamily: "Geist" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 24 }}>
          <svg width="72" height="72" viewBox="0 0 24 24">
            <rect width="24" height="24" rx="4" fill="#ffffff" />
            <path d="M2 21V9l6 4V9l6 4V3h4l2 18z" fill={BRAND_700} />
          </svg>
          <div style={{ fontSize: 40, fontWeight: 700, color: BRAND_700 }}>{t("siteName")}</div>
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
          <div style={{ fontSize: factory.siteName.length > 40 ? 60 : 76, fontWeight: 700, color: BRAND_900, lineHeight: 1.1 }}>{factory.siteName}</div>
          <div style={{ fontSize: 40, color: BRAND_900 }}>{factory.communeName}</div>
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 8, borderTop: `4px solid ${BRAND_700}`, paddingTop: 28 }}>
          <div style={{ fontSize: 34, fontWeight: 700, color: BRAND_700 }}>{factory.edition.name}</div>
          <div style={{ fontSize: 34, color: BRAND_900 }}>{days}</div>
        </div>
      </div>
    ),
    { ...size, fonts: [
        { name: "Geist", data: regular, weight: 400, style: "normal" },
        { name: "Geist", data: bold, weight: 700, style: "normal" },
      ], },
  );
}
