import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/Section";
import { alertSubscriptionStats } from "@/lib/alerts";

const cell = "border-b border-slate-200 px-2 py-1.5";

// The organiser dashboard's « Prévenez-moi » figures: counts only, never an address. Rendered by the
// organiser's page only (its guard comes first).
export async function AlertStats({ className }: { className: string }) {
  const [t, stats] = await Promise.all([getTranslations("alerts.organiser"), alertSubscriptionStats()]);
  return (
    <Section id="alerts-heading" title={t("title")} className={className}>
      <p className="text-slate-800">{t("summary", { confirmed: stats.confirmed, pending: stats.pending, unsubscribed: stats.unsubscribed })}</p>
      {stats.departments.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table className="w-full max-w-md border-collapse text-left text-sm">
          <caption className="py-2 text-left font-semibold">{t("caption")}</caption>
          <thead>
            <tr className="bg-slate-100">
              <th scope="col" className={`${cell} font-semibold`}>
                {t("department")}
              </th>
              <th scope="col" className={`${cell} text-right font-semibold`}>
                {t("count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.departments.map((d) => (
              <tr key={d.code}>
                <th scope="row" className={`${cell} font-normal`}>
                  {d.name} ({d.code})
                </th>
                <td className={`${cell} text-right tabular-nums`}>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
