"use client";
import { useFormActionState } from "@/components/form/useFormActionState";
import { setLocale } from "@/lib/i18n/actions";

// A client form for its action's permalink (see useFormActionState): without JavaScript the post
// lands on this page, which the server renders again in the new language.
export function LanguageForm({ label, current, options }: { label: string; current: string; options: { locale: string; name: string }[] }) {
  const [, action] = useFormActionState(setLocale, undefined);
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
