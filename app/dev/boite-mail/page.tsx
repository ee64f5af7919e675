import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { listDevMails } from "@/lib/email/dev-mailbox";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";

export const dynamic = "force-dynamic";

export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!env.devMailbox) notFound();
  const { to } = await searchParams;
  const [t, locale, mails] = await Promise.all([getTranslations("mailbox"), getLocale(), listDevMails(to)]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-2xl text-slate-700">{t("intro")}</p>
      <form className="flex flex-wrap items-end gap-2" role="search">
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("filter")}</span>
          <input name="to" type="search" defaultValue={to} className="rounded-md border border-slate-400 px-3 py-2" />
        </label>
        <button className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("filterSubmit")}</button>
      </form>
      {mails.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {mails.map((mail) => (
            <li key={String(mail.id)} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between">
              <div>
                <Link href={`/dev/boite-mail/${mail.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                  {mail.subject}
                </Link>
                <p className="text-sm text-slate-700">
                  {t("to")} : {mail.to}
                </p>
              </div>
              <p className="text-sm text-slate-600">{formatDateTime(mail.receivedAt, locale)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
