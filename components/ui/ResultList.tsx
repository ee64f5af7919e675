import type { ReactNode } from "react";
import { emptyClass } from "./styles";

// The results of a filtered list: their count (announced when a filter changes it), then the
// ordered list, or a sentence saying there is nothing.
export function ResultList({ count, empty, children }: { count: string; empty: string | null; children: ReactNode }) {
  return (
    <>
      <p aria-live="polite">{count}</p>
      {empty ? <p className={emptyClass}>{empty}</p> : <ol className="flex flex-col gap-4">{children}</ol>}
    </>
  );
}
