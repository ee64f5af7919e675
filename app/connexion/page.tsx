import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SIGN_IN_LANDING_PATH } from "@/lib/auth/landing";
import { safePath } from "@/lib/auth/schemas";
import { allowance } from "@/lib/rate-limit";
import { SignInForm } from "./SignInForm";
import { publicMetadata } from "@/lib/seo/site";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tm] = await Promise.all([getTranslations("auth.signIn"), getTranslations("auth.meta")]);
  return publicMetadata({ path: "/connexion", title: t("title"), description: tm("signIn") });
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const t = await getTranslations("auth.signIn");
  const { callbackUrl } = await searchParams;
  // next-auth sends absolute URLs; keep only the path part of our own site. Without one, the
  // person lands in their own space (lib/auth/landing.ts).
  const path = callbackUrl ? safePath.parse(callbackUrl.replace(/^https?:\/\/[^/]+/, "")) : SIGN_IN_LANDING_PATH;
  // Reached from "Inscrire mon usine" (or any factory page): say why registering needs an address.
  const forFactory = path.startsWith("/espace-usine");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {forFactory && <p className="max-w-xl rounded-md bg-brand-50 px-4 py-3 text-brand-900">{t("forFactory")}</p>}
      <p className="max-w-xl text-slate-700">
        {t("intro")} {t("limit", { count: allowance("magicLinkPerEmail") })}
      </p>
      <SignInForm callbackUrl={path} />
    </div>
  );
}
