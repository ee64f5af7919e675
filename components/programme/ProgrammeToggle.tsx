"use client";
import { useState } from "react";
import { toggleInDeviceProgramme, useDeviceProgramme } from "./device-programme";

export type ProgrammeToggleLabels = { add: string; remove: string; refused: string };

// « Ajouter à mon programme » / « Retirer de mon programme » for one visit, its site and time read
// to screen readers (`visit`) so that each button of a list has a distinct name. Shown once the
// page's script runs: the programme lives in the browser.
export function ProgrammeToggle({ slotId, visit, labels }: { slotId: string; visit: string; labels: ProgrammeToggleLabels }) {
  const ids = useDeviceProgramme();
  const [refused, setRefused] = useState(false);
  if (!ids) return null;
  const pressed = ids.includes(slotId);
  return (
    <span className="no-print inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        aria-pressed={pressed}
        onClick={() => setRefused(!toggleInDeviceProgramme(slotId))}
        className={`inline-flex min-h-11 items-center rounded-md border-2 px-3 py-1.5 text-sm font-semibold ${
          pressed ? "border-green-800 bg-green-50 text-green-900" : "border-slate-500 bg-white text-slate-900 hover:border-brand-700"
        }`}
      >
        <span aria-hidden="true" className="mr-1.5">
          {pressed ? "✓" : "+"}
        </span>
        {pressed ? labels.remove : labels.add}
        <span className="sr-only"> : {visit}</span>
      </button>
      <span role="status" className="text-sm text-amber-900">
        {refused ? labels.refused : ""}
      </span>
    </span>
  );
}
