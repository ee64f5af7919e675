import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type AdminSection = "edition" | "quotas" | "validations" | "journal" | "roles" | "partners";

const SECTIONS: AdminSection[] = ["edition", "quotas", "validations", "journal", "roles", "partners"];
const PATHS: Record<AdminSection, string> = {
  edition: "/organisation/edition",
  quotas: "/organisation/quotas",
  validations: "/organisation/validations",
  journal: "/organisation/journal",
  roles: "/organisation/roles",
  partners: "/organisation/partenaires",
};

// The back office's own navigation, shared by its pages (kept here because app/organisation/layout
// belongs to the dashboard). The current page is marked for screen readers; wraps on a phone.
export async function AdminNav({ current }: { current: AdminSection }) {
  const t = await getTranslations("organiserAdmin.nav");
  const item =
    "inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 py-2 font-medium text-slate-900 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900";
  return (
    <nav aria-label={t("label")}>
      <ul className="flex flex-wrap gap-2 text-sm">
        <li>
          <Link href="/organisation" className="inline-flex min-h-11 items-center rounded-md px-3 py-2 font-medium text-brand-700 underline underline-offset-4">
            {t("dashboard")}
          </Link>
        </li>
        {SECTIONS.map((section) => (
          <li key={section}>
            <Link href={PATHS[section]} aria-current={section === current ? "page" : undefined} className={item}>
              {t(section)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
