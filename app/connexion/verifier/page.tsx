import { getTranslations } from "next-intl/server";

export default async function VerifyRequestPage() {
  const t = await getTranslations("auth.verify");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("body")}</p>
    </div>
  );
}
