// The layout of the legal pages (accessibility statement, privacy notice): a titled article of
// sections, bullet lists, and the links their rich texts use.
import type { ReactNode } from "react";
import { Section } from "@/components/ui/Section";

const linkClass = "text-brand-700 underline underline-offset-4";

/** For `t.rich`: `<mail>a@b.fr</mail>` becomes a mailto link to that address. */
export const mailLink = (chunks: ReactNode) => (
  <a className={linkClass} href={`mailto:${chunks}`}>
    {chunks}
  </a>
);

/** For `t.rich`: a tag whose text links to an external French page. */
export const frenchPageLink = (href: string) =>
  function FrenchPageLink(chunks: ReactNode) {
    return (
      <a className={linkClass} href={href} hrefLang="fr">
        {chunks}
      </a>
    );
  };

export function LegalPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <article className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-3xl font-bold">{title}</h1>
      {children}
    </article>
  );
}

export function LegalSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Section id={id} title={title} titleClassName="text-xl font-semibold" className="flex flex-col gap-2">
      {children}
    </Section>
  );
}

export function BulletList({ items }: { items: { key: string; text: ReactNode }[] }) {
  return (
    <ul className="list-disc space-y-2 pl-5">
      {items.map(({ key, text }) => (
        <li key={key}>{text}</li>
      ))}
    </ul>
  );
}
