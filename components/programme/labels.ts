import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { rememberText } from "@/components/catalogue/formatters";
import { MAX_PROGRAMME_VISITS } from "@/lib/catalogue/programme-ids";
import type { ProgrammeToggleLabels } from "./ProgrammeToggle";

/**
 * The toggle's wording, given to it as props (no message provider, and its payload, on the
 * catalogue's pages), and how a visit is named in its buttons: "Site, sam. 20 mars, 10 h – 11 h 30".
 * Once per request, and each visit's name once per process (see rememberText): a catalogue page
 * has twenty toggles.
 */
export const getProgrammeWording = cache(async (): Promise<{ toggle: ProgrammeToggleLabels; visit: (site: string, time: string) => string }> => {
  const [t, locale] = await Promise.all([getTranslations("programme"), getLocale()]);
  return {
    toggle: { add: t("toggle.add"), remove: t("toggle.remove"), refused: t("toggle.refused", { max: MAX_PROGRAMME_VISITS }) },
    visit: (site, time) => rememberText(`${locale}|programmeVisit|${site}|${time}`, () => t("page.visitLabel", { site, time })),
  };
});
