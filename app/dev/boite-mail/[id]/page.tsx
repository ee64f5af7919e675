import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDevMail } from "@/lib/email/dev-mailbox";
import { env } from "@/lib/env";

// Plain-text body with its URLs turned into links, so people (and tests) can follow them.
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <p className="whitespace-pre-wrap break-words">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="text-brand-700 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!env.devMailbox) notFound();
  const { id } = await params;
  const [t, mail] = await Promise.all([getTranslations("mailbox"), getDevMail(id)]);
  if (!mail) notFound();
  return (
    <article className="flex flex-col gap-4">
      <Link href="/dev/boite-mail" className="text-brand-700 underline underline-offset-4">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-bold">{mail.subject}</h1>
      <p className="text-slate-700">
        {t("to")} : {mail.to}
      </p>
      <div className="rounded-md border border-slate-200 bg-slate-50 p-4">
        <Linkified text={mail.text} />
      </div>
    </article>
  );
}
