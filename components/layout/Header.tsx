import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isOrganiser } from "@/lib/auth/policy";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ProgrammeNavLink } from "@/components/programme/ProgrammeNavLink";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { SignOutButton } from "./SignOutButton";

const navLink = "font-medium text-slate-800 underline-offset-4 hover:underline";

export async function Header() {
  const [t, tp, user] = await Promise.all([getTranslations("common"), getTranslations("programme"), currentUser()]);
  const links = [
    { href: "/visites", label: t("nav.visits") },
    { href: "/circuits", label: t("nav.circuits") },
    { href: "/tirages", label: t("nav.draws") },
    { href: "/visites?audience=SCHOOL", label: t("nav.schools") },
    { href: "/espace-usine", label: t("nav.factories") },
    // Signed in: the bookings made with the account; otherwise they are e-mailed on request.
    { href: user ? "/mes-reservations" : "/reservations/retrouver", label: t("nav.myBookings") },
    ...(isOrganiser(user) ? [{ href: "/organisation", label: t("nav.organiser") }] : []),
  ];
  // The public pages' links are not prefetched (prefetch={false}, here and in the catalogue): in
  // view on every load, they made ~20 server renders per page viewed, most for pages never opened.
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link prefetch={false} href="/" className="text-lg font-bold text-brand-900">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="mr-1 inline size-6 fill-brand-700 align-[-4px]">
            <path d="M2 21V9l6 4V9l6 4V3h4l2 18z" />
          </svg>
          {t("siteName")}
        </Link>
        <nav aria-label={t("nav.label")} className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {links.map((link) => (
              <li key={link.href}>
                <Link prefetch={false} href={link.href} className={navLink}>
                  {link.label}
                </Link>
              </li>
            ))}
            <li>
              <ProgrammeNavLink label={tp("nav")} className={navLink} />
            </li>
          </ul>
        </nav>
        <div className="no-print flex flex-wrap items-center gap-3">
          <LanguageSwitcher />
          {user ? (
            <>
              <span className="hidden text-sm text-slate-600 md:inline">{t("nav.account", { email: user.email })}</span>
              <SignOutButton label={t("nav.signOut")} />
            </>
          ) : (
            <Link prefetch={false} href="/connexion" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-900">
              {t("nav.signIn")}
            </Link>
          )}
          {env.devMailbox && (
            <Link prefetch={false} href="/dev/boite-mail" className="text-sm text-slate-700 underline underline-offset-4">
              {t("nav.mailbox")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
