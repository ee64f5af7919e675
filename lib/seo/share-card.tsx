// The share cards (Open Graph and Twitter) of the public pages — a factory's, a visit's — drawn
// alike: the site's name and mark, the factory's name and town, then the edition and when. In the
// site's colours and font (Geist, with the French accents), read from its package on disk: no
// network needed. Each page's opengraph-image.tsx says what goes on its card.
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import { getTranslations } from "next-intl/server";

export const SHARE_CARD_SIZE = { width: 1200, height: 630 };
export const SHARE_CARD_TYPE = "image/png";

const BRAND_50 = "#eef4ff";
const BRAND_700 = "#1e40af";
const BRAND_900 = "#172554";

const font = (file: string) => readFile(path.join(process.cwd(), "node_modules/geist/dist/fonts/geist-sans", file));

export interface ShareCardContent {
  /** The factory's site name. */
  title: string;
  /** Its town. */
  place: string;
  /** The edition's name. */
  edition: string;
  /** When: the edition's days, or a visit's date and time. */
  when: string;
}

export async function shareCard({ title, place, edition, when }: ShareCardContent): Promise<ImageResponse> {
  const [t, regular, bold] = await Promise.all([getTranslations("common"), font("Geist-Regular.ttf"), font("Geist-Bold.ttf")]);
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
          <div style={{ fontSize: title.length > 40 ? 60 : 76, fontWeight: 700, color: BRAND_900, lineHeight: 1.1 }}>{title}</div>
          <div style={{ fontSize: 40, color: BRAND_900 }}>{place}</div>
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 8, borderTop: `4px solid ${BRAND_700}`, paddingTop: 28 }}>
          <div style={{ fontSize: 34, fontWeight: 700, color: BRAND_700 }}>{edition}</div>
          <div style={{ fontSize: 34, color: BRAND_900 }}>{when}</div>
        </div>
      </div>
    ),
    {
      ...SHARE_CARD_SIZE,
      fonts: [
        { name: "Geist", data: regular, weight: 400, style: "normal" },
        { name: "Geist", data: bold, weight: 700, style: "normal" },
      ],
    },
  );
}
