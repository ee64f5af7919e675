import { getLocale, getTranslations } from "next-intl/server";
import type { DrawPhase } from "@/lib/draw/queries";
import { formatDateTime } from "@/lib/i18n/format";

/** Where a draw stands, in words: upcoming, open until…, closed, drawn on… */
export async function drawPhaseText(draw: { phase: DrawPhase; wishesOpenAt: Date; wishesCloseAt: Date; drawnAt: Date | null }): Promise<string> {
  const [t, locale] = await Promise.all([getTranslations("draws.public.phase"), getLocale()]);
  const date = { upcoming: draw.wishesOpenAt, open: draw.wishesCloseAt, closed: draw.wishesCloseAt, drawn: draw.drawnAt ?? draw.wishesCloseAt }[draw.phase];
  return t(draw.phase, { date: formatDateTime(date, locale) });
}

export async function DrawPhaseLine({ draw }: { draw: Parameters<typeof drawPhaseText>[0] }) {
  return <p className="font-semibold text-brand-900">{await drawPhaseText(draw)}</p>;
}
