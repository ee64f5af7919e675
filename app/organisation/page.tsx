import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { pageUser } from "@/lib/auth/pages";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiser"))("title") };
}

export default async function OrganiserHomePage() {
  const user = await pageUser("/organisation", "ORGANISER");
  const [t, format, edition] = await Promise.all([getTranslations("organiser"), getFormatter(), getCurrentEdition()]);
  const editionId = edition?.id ?? "";
  const [byStatus, slots] = await Promise.all([
    db.factory.groupBy({ by: ["status"], where: { editionId }, _count: true }),
    db.slot.aggregate({ where: { editionId, status: "OPEN" }, _count: true, _sum: { taken: true } }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count ?? 0;
  const total = byStatus.reduce((sum, row) => sum + row._count, 0);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("welcome", { name: user.name ?? user.email })}</p>
      {edition && <h2 className="text-xl font-semibold">{edition.name}</h2>}
      <p>
        {t("summary", {
          factories: format.number(total),
          approved: format.number(count("APPROVED")),
          slots: format.number(slots._count),
          seats: format.number(slots._sum.taken ?? 0),
        })}
      </p>
      <p>{t("pending", { count: count("PENDING") + count("WAITLISTED") })}</p>
    </div>
  );
}
