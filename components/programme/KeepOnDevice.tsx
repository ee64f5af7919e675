"use client";
import { saveDeviceProgramme, useDeviceProgramme } from "./device-programme";

// A programme opened from a shared link, different from the one on this device: offers to keep it
// here (it replaces the device's list, as the button says).
export function KeepOnDevice({ ids, label, replaceLabel }: { ids: string[]; label: string; replaceLabel: string }) {
  const device = useDeviceProgramme();
  if (!device || ids.length === 0) return null;
  const same = device.length === ids.length && ids.every((id) => device.includes(id));
  if (same) return null;
  return (
    <button
      type="button"
      onClick={() => saveDeviceProgramme(ids)}
      className="no-print inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 font-medium text-brand-700 hover:border-brand-700"
    >
      {device.length > 0 ? replaceLabel : label}
    </button>
  );
}
