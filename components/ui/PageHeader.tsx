import type { ReactNode } from "react";

// The top of a page: the one <h1>, an optional introduction, then any other lines.
export function PageHeader({ title, intro, children }: { title: ReactNode; intro?: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-3xl font-bold">{title}</h1>
      {intro && <p className="text-slate-700">{intro}</p>}
      {children}
    </div>
  );
}
