import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type FactorySection = "dashboard" | "newSlots" | "attendees" | "door";

const PATHS: Record<FactorySection, string> = { dashboard: "", newSlots: "/creneaux/nouveau", attendees: "/inscrits", door: "/accueil" };

// The factory space's own navigation (hidden when printing), the current page marked for screen readers.
export async function FactoryNav({ factoryId, current, siteName }: { factoryId: string; current?: FactorySection; siteName: string }) {
  const t = await getTranslations("factory.nav");
  const base = `/espace-usine/${factoryId}`;
  return (
    <nav aria-label={`${t("label")} — ${siteName}`} className="no-print">
      <ul className="flex flex-wrap gap-2 text-sm">
        <li>
          <Link href="/espace-usine" className="inline-flex min-h-11 items-center rounded-md px-3 py-2 font-medium text-brand-700 underline underline-offset-4">
            {t("mySites")}
          </Link>
        </li>
        {(Object.keys(PATHS) as FactorySection[]).map((section) => (
          <li key={section}>
            <Link
              href={`${base}${PATHS[section]}`}
              aria-current={section === current ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 py-2 font-medium text-slate-900 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
            >
              {t(section)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
