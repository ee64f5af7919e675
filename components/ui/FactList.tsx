import type { ReactNode } from "react";

export type Fact = [label: ReactNode, value: ReactNode];

// A description list of label/value pairs; `inline` puts each pair on one line ("SIRET 123…").
export function FactList({
  facts,
  className,
  termClassName = "text-slate-600",
  valueClassName,
  inline = false,
}: {
  facts: (Fact | null | false | undefined)[];
  className?: string;
  termClassName?: string;
  valueClassName?: string;
  inline?: boolean;
}) {
  return (
    <dl className={className}>
      {facts.filter((fact): fact is Fact => Boolean(fact)).map(([label, value], i) => (
        <div key={i} className={inline ? undefined : "contents"}>
          <dt className={inline ? `inline ${termClassName}` : termClassName}>
            {label}
            {inline && " "}
          </dt>
          <dd className={inline ? `inline ${valueClassName ?? ""}`.trim() : valueClassName}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
