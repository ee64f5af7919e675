import { getTranslations } from "next-intl/server";

const LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";

/** The credit the base map's licence (CC BY 4.0) asks for, shown under each map and in the footer. */
export async function MapAttribution({ className = "text-xs text-slate-600" }: { className?: string }) {
  const t = await getTranslations("common.mapCredit");
  return (
    <p className={className}>
      {t("text")}{" "}
      <a href={LICENCE_URL} className="underline underline-offset-2">
        {t("licence")}
      </a>
      {t("changes")}
    </p>
  );
}
