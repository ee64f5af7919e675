import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { SubNav } from "@/components/ui/SubNav";

export type AdminSection = "edition" | "comparison" | "report" | "quotas" | "validations" | "circuits" | "transports" | "draws" | "journal" | "roles" | "partners";

const SECTIONS: AdminSection[] = ["edition", "comparison", "report", "quotas", "validations", "circuits", "transports", "draws", "journal", "roles", "partners"];
const PATHS: Record<AdminSection, string> = {
  edition: "/organisation/edition",
  comparison: "/organisation/comparaison",
  report: "/organisation/bilan",
  quotas: "/organisation/quotas",
  validations: "/organisation/validations",
  circuits: "/organisation/circuits",
  transports: "/organisation/transports",
  draws: "/organisation/tirages",
  journal: "/organisation/journal",
  roles: "/organisation/roles",
  partners: "/organisation/partenaires",
};

// The back office's own navigation, shared by its pages (kept here because app/organisation/layout
// belongs to the dashboard). The current page is marked for screen readers; wraps on a phone.
export async function AdminNav({ current }: { current: AdminSection }) {
  const t = await getTranslations("organiserAdmin.nav");
  return (
    <SubNav
      label={t("label")}
      home={{ href: "/organisation", label: t("dashboard") }}
      items={SECTIONS.map((section) => ({ key: section, href: PATHS[section], label: t(section) }))}
      current={current}
    />
  );
}

// A back-office page: the navigation, the page's header, then its content.
export function AdminPage({
  current,
  title,
  intro,
  header,
  spacing = "gap-8",
  children,
}: {
  current: AdminSection;
  title: string;
  intro?: ReactNode;
  header?: ReactNode;
  spacing?: "gap-6" | "gap-8";
  children: ReactNode;
}) {
  return (
    <div className={`flex flex-col ${spacing}`}>
      <AdminNav current={current} />
      <PageHeader title={title} intro={intro}>
        {header}
      </PageHeader>
      {children}
    </div>
  );
}
