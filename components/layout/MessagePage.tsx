import Link from "next/link";
import { getTranslations } from "next-intl/server";

// A page that only says something and offers a way back (not found, access denied…).
export async function MessagePage({ namespace, backHref = "/" }: { namespace: string; backHref?: string }) {
  const t = await getTranslations(namespace);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("body")}</p>
      <Link href={backHref} className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
    </div>
  );
}
