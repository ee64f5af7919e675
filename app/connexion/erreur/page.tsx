import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function SignInErrorPage() {
  const t = await getTranslations("auth.error");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("body")}</p>
      <Link href="/connexion" className="font-semibold text-brand-700 underline underline-offset-4">{t("retry")}</Link>
    </div>
  );
}
