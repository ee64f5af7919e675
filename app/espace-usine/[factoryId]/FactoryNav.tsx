import { getTranslations } from "next-intl/server";
import { SubNav } from "@/components/ui/SubNav";

export type FactorySection = "dashboard" | "newSlots" | "attendees" | "door" | "profile";

const PATHS: Record<FactorySection, string> = { dashboard: "", newSlots: "/creneaux/nouveau", attendees: "/inscrits", door: "/accueil", profile: "/profil" };

// The factory space's own navigation (hidden when printing), the current page marked for screen readers.
export async function FactoryNav({ factoryId, current, siteName }: { factoryId: string; current?: FactorySection; siteName: string }) {
  const t = await getTranslations("factory.nav");
  const base = `/espace-usine/${factoryId}`;
  return (
    <SubNav
      label={`${t("label")} — ${siteName}`}
      home={{ href: "/espace-usine", label: t("mySites") }}
      items={(Object.keys(PATHS) as FactorySection[]).map((section) => ({ key: section, href: `${base}${PATHS[section]}`, label: t(section) }))}
      current={current}
      className="no-print"
    />
  );
}
