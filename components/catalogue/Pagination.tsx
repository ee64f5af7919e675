import Link from "next/link";
import { getTranslations } from "next-intl/server";

// First, last, and the current page with its neighbours; gaps shown as "…".
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const pages = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return pages.flatMap((p, i) => (i > 0 && p - pages[i - 1] > 1 ? (["gap", p] as const) : [p]));
}

const linkClass = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-300 px-3 font-medium text-brand-700 hover:bg-brand-50";

/** Page links (plain links: they work without JavaScript and can be shared). */
export async function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("catalogue.pagination");
  return (
    <nav aria-label={t("label")} className="mt-6">
      <ul className="flex flex-wrap items-center justify-center gap-2">
        {page > 1 && (
          <li>
            <Link prefetch={false} href={hrefFor(page - 1)} rel="prev" aria-label={t("previousLabel")} className={linkClass}>
              <span aria-hidden="true">←&nbsp;</span>
              {t("previous")}
            </Link>
          </li>
        )}
        {pageWindow(page, pageCount).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-700">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <Link prefetch={false} href={hrefFor(p)} aria-current="page" aria-label={t("page", { page: p })} className={`${linkClass} border-brand-700 bg-brand-700 text-white hover:bg-brand-900`}>
                  {p}
                </Link>
              ) : (
                <Link prefetch={false} href={hrefFor(p)} aria-label={t("page", { page: p })} className={linkClass}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <Link prefetch={false} href={hrefFor(page + 1)} rel="next" aria-label={t("nextLabel")} className={linkClass}>
              {t("next")}
              <span aria-hidden="true">&nbsp;→</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
