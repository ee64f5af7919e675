"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useActionState } from "react";
import { setLocale } from "@/lib/i18n/actions";

// A form bound to a server action is rendered with an empty `action=""`, which HTML forbids; through
// useActionState its permalink — this page's address — becomes the action, where the post lands
// when JavaScript has not run (the server runs the action, then renders this page in the new language).
export function LanguageForm({ label, current, options }: { label: string; current: string; options: { locale: string; name: string }[] }) {
  const query = useSearchParams().toString();
  const [, action] = useActionState(setLocale, undefined, `${usePathname()}${query ? `?${query}` : ""}`);
  return (
    <form action={action} className="flex items-center gap-1" aria-label={label}>
      {options.map(({ locale, name }) => (
        <button
          key={locale}
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="rounded px-2 py-1 text-sm font-medium text-slate-700 underline-offset-4 hover:underline aria-pressed:bg-brand-100 aria-pressed:text-brand-900"
        >
          {name}
        </button>
      ))}
    </form>
  );
}
