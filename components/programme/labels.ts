import "server-only";
import { getTranslations } from "next-intl/server";
import { MAX_PROGRAMME_VISITS } from "@/lib/catalogue/programme-ids";
import type { ProgrammeToggleLabels } from "./ProgrammeToggle";

/**
 * The toggle's wording, given to it as props (no message provider, and its payload, on the
 * catalogue's pages), and how a visit is named in its buttons: "Site, sam. 20 mars, 10 h – 11 h 30".
 */
export async function getProgrammeWording(): Promise<{ toggle: ProgrammeToggleLabels; visit: (site: string, time: string) => string }> {
  const t = await getTranslations("Programme");
  return {
    toggle: { add: t("toggle.add"), remove: t("toggle.remove"), refused: t("toggle.refused", { max: MAX_PROGRAMME_VISITS }) },
    visit: (site, time) => t("page.visitLabel", { site, time }),
  };
}
