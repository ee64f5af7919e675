import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { getLocale, getTranslations } from "next-intl/server";
import { Footer } from "@/components/layout/Footer";
import { Header } from "@/components/layout/Header";
import { env } from "@/lib/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  // metadataBase: the pages' canonical, Open Graph and image addresses become absolute on APP_URL.
  return {
    metadataBase: new URL(env.APP_URL),
    title: { default: t("siteName"), template: `%s · ${t("siteName")}` },
    description: t("meta.description"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  return (
    <html lang={locale} className={GeistSans.variable}>
      <body className="flex min-h-screen flex-col bg-white font-sans text-slate-900 antialiased">
        <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {t("skipToContent")}
        </a>
        {/* No message provider here: the catalogue and factory pages have no translated client
            component, and the provider's code and messages would weigh on each of them. The
            segments whose forms need messages give them (see ClientMessages). */}
        <Header />
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <Footer />
      </body>
    </html>
  );
}
