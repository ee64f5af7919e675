import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { outlineButtonClass } from "@/components/ui/styles";

// The compact way in to « Prévenez-moi » (catalogue, factory page); a postal code, when the page
// knows one, is carried over to the form.
export async function AlertEntry({ postalCode }: { postalCode?: string }) {
  const t = await getTranslations("alerts.entry");
  const href = postalCode ? `/alertes?codePostal=${encodeURIComponent(postalCode)}` : "/alertes";
  return (
    <aside aria-label={t("link")} className="flex flex-col gap-2 rounded-xl border border-slate-300 p-4 sm:flex-row sm:items-center sm:justify-between">
      <div>
        <p className="font-semibold text-slate-900">{t("title")}</p>
        <p className="text-slate-800">{t("body")}</p>
      </div>
      <Link prefetch={false} href={href} className={`${outlineButtonClass} shrink-0 self-start sm:self-center`}>
        {t("link")}
      </Link>
    </aside>
  );
}
