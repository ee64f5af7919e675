import { getTranslations } from "next-intl/server";

export async function WheelchairBadge() {
  const t = await getTranslations("catalogue.card");
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2.5 py-0.5 text-sm font-medium text-slate-800">
      <span aria-hidden="true">♿</span>
      {t("wheelchair")}
    </span>
  );
}
