import { getTranslations } from "next-intl/server";
import { PRACTICAL_SIGNS, practicalText, type PracticalItem, type PracticalMessages } from "@/lib/practical/info";
import { Pictogram } from "./Pictogram";

/**
 * The compact row of a catalogue card: a pictogram and a word or two per item. The meeting point
 * says nothing without its text: it waits for the booking page. /visites is weighed (bench): keep
 * this markup short.
 */
export async function PracticalPictograms({ items }: { items: PracticalItem[] }) {
  const shown = items.filter((item) => item.code !== "meetingPoint");
  if (shown.length === 0) return null;
  const [t, short] = await Promise.all([getTranslations("practical"), getTranslations("practical.short")]);
  return (
    <ul aria-label={t("cardLabel")} className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-700">
      {shown.map((item) => (
        <li key={item.code} className="flex items-center gap-1">
          <Pictogram symbol={PRACTICAL_SIGNS[item.code].symbol} />
          {practicalText(item, short as unknown as PracticalMessages)}
        </li>
      ))}
    </ul>
  );
}
