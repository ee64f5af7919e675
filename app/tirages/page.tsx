import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { listDraws } from "@/lib/draw/queries";
import { publicMetadata } from "@/lib/seo/site";
import { DrawPhaseLine } from "./DrawPhaseLine";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("draws.public");
  return publicMetadata({ path: "/tirages", title: t("listTitle"), description: t("listIntro") });
}

// The current edition's draws: for each, its window or its result.
export default async function DrawsPage() {
  const [t, edition] = await Promise.all([getTranslations("draws.public"), getCurrentEdition()]);
  const draws = edition ? await listDraws(edition.id) : [];
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold text-slate-900">{t("listTitle")}</h1>
        <p className="max-w-3xl text-slate-700">{t("listIntro")}</p>
      </div>
      {draws.length === 0 ? (
        <p className="rounded-xl border border-slate-300 p-5">{t("none")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {draws.map((draw) => (
            <li key={draw.id} className="flex flex-col gap-2 rounded-xl border border-slate-300 p-5">
              <h2 className="text-xl font-semibold">
                <Link prefetch={false} href={`/tirages/${draw.id}`} className="text-brand-700 underline underline-offset-4">
                  {draw.name}
                </Link>
              </h2>
              <DrawPhaseLine draw={draw} />
              <p className="text-sm text-slate-700">{t("counts", { offers: draw.offers, applications: draw.applications })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
