"use client";
import { removeFromDeviceProgramme } from "./device-programme";

// A programme page's « Retirer » for one visit: the same page without it (a plain link, so that it
// works without script too), and the visit taken off the device's programme when it is there.
export function RemoveFromProgramme({ slotId, href, label, visit }: { slotId: string; href: string; label: string; visit: string }) {
  return (
    <a
      href={href}
      onClick={() => removeFromDeviceProgramme(slotId)}
      className="no-print inline-flex min-h-11 items-center rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium text-brand-700 hover:border-brand-700"
    >
      {label}
      <span className="sr-only"> : {visit}</span>
    </a>
  );
}
