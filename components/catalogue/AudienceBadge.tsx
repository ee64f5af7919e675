import type { Audience } from "@prisma/client";
import { getTranslations } from "next-intl/server";

const badge = "inline-flex items-center rounded-full bg-brand-100 px-2.5 py-0.5 text-sm font-medium text-brand-900";

/** Who may book: the audience, and employment professionals when the visit is open to them too. */
export async function AudienceBadge({ audience, openToEmployment = false }: { audience: Audience; openToEmployment?: boolean }) {
  const t = await getTranslations("catalogue.slot.audience");
  return (
    <>
      <span className={badge}>{t(audience)}</span>
      {openToEmployment && <span className={badge}>{t("openToEmployment")}</span>}
    </>
  );
}
