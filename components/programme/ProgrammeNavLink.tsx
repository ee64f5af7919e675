"use client";
import Link from "next/link";
import { programmeHref } from "@/lib/catalogue/programme-ids";
import { useDeviceProgramme } from "./device-programme";

// The header's « Mon programme (n) »: straight to the programme's shareable address once the
// device's list is known (before that, /programme reads it in the browser).
export function ProgrammeNavLink({ label, className }: { label: string; className: string }) {
  const ids = useDeviceProgramme() ?? [];
  return (
    <Link prefetch={false} href={programmeHref(ids)} className={className}>
      {ids.length > 0 ? `${label} (${ids.length})` : label}
    </Link>
  );
}
