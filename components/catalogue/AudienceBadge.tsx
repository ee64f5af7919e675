import type { Audience } from "@prisma/client";
import { getTranslations } from "next-intl/server";

export async function AudienceBadge({ audience }: { audience: Audience }) {
  const t = await getTranslations("catalogue.slot.audience");
  return (
    <span className="inline-flex items-center rounded-full bg-brand-100 px-2.5 py-0.5 text-sm font-medium text-brand-900">
      {t(audience)}
    </span>
  );
}
