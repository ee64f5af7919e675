"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { programmeHref } from "@/lib/catalogue/programme-ids";
import { useDeviceProgramme } from "./device-programme";

// /programme without a list: the device's programme is shown at its shareable address, so that one
// server render serves both (replace: Back does not return to this empty step).
export function ProgrammeFromDevice({ empty, loading }: { empty: string; loading: string }) {
  const ids = useDeviceProgramme();
  const router = useRouter();
  const count = ids?.length ?? 0;
  useEffect(() => {
    if (ids && ids.length > 0) router.replace(programmeHref(ids));
  }, [ids, router]);
  if (!ids) return null;
  return (
    <p role="status" className="text-slate-800">
      {count > 0 ? loading : empty}
    </p>
  );
}
