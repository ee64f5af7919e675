import Link from "next/link";
import type { ReactNode } from "react";
import { linkClass } from "./styles";

// A paragraph holding one link (a way back, a related page); hidden when printing.
export function LinkLine({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="no-print">
      <Link href={href} className={linkClass}>
        {children}
      </Link>
    </p>
  );
}
