import { getTranslations } from "next-intl/server";
import { CopyLinkButton } from "./CopyLinkButton";

// Sharing a factory page as plain links (no third-party script, no tracking): LinkedIn first — the
// people who relay these events are there — then e-mail and copying the address.
export async function ShareLinks({ url, site, commune, edition }: { url: string; site: string; commune: string; edition: string }) {
  const t = await getTranslations("catalogue.share");
  const linkedIn = `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`;
  const mail = `mailto:?subject=${encodeURIComponent(t("emailSubject", { site, edition }))}&body=${encodeURIComponent(`${t("emailBody", { site, commune, edition })}\n${url}`)}`;
  const link = "inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 font-medium text-brand-700 hover:border-brand-700";
  return (
    <section aria-labelledby="partager" className="flex flex-col gap-3">
      <h2 id="partager" className="text-2xl font-semibold text-slate-900">
        {t("title")}
      </h2>
      <ul className="flex flex-wrap items-center gap-2">
        <li>
          <a href={linkedIn} target="_blank" rel="noopener noreferrer" className={link}>
            {t("linkedin")}
            <span className="sr-only"> {t("newWindow")}</span>
          </a>
        </li>
        <li>
          <a href={mail} className={link}>
            {t("email")}
          </a>
        </li>
        <li className="flex items-center gap-2">
          <CopyLinkButton url={url} label={t("copy")} copiedLabel={t("copied")} className={link} />
        </li>
      </ul>
    </section>
  );
}
