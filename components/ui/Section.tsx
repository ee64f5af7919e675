import type { ReactNode } from "react";

// A section named by its own heading (aria-labelledby), so that it is a landmark with a name.
export function Section({
  id,
  title,
  titleClassName = "text-2xl font-semibold",
  className = "flex flex-col gap-3",
  children,
}: {
  id: string;
  title: ReactNode;
  titleClassName?: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={titleClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
