"use client";

import { useEffect, useState, type ReactNode } from "react";

// Set when the visitor submits the filters, read by the disclosure of the next search's page (keyed
// by its query string, so it mounts anew): that page then starts at its results.
let focusResultsOnNextSearch = false;

const WIDE = "(min-width: 64rem)";

/**
 * The catalogue's filters on a phone (the form, folded under "Filtrer (n critères actifs)" once a
 * search is set, so the results are on the first screen, and open when nothing is filtered yet; the
 * map, under "Carte des visites"). Wide screens
 * show the form beside the results, always open (before hydration too: the ::details-content rule).
 * After a search submitted here, the page lands on the results heading (`resultsId`), for keyboard
 * and screen-reader users as well; so does one after choosing a link inside (a department of the map).
 */
export function FilterDisclosure({ summary, defaultOpen, resultsId, children }: { summary: string; defaultOpen: boolean; resultsId: string; children: ReactNode }) {
  const [open, setOpen] = useState(defaultOpen);
  const [wide, setWide] = useState(false);

  useEffect(() => {
    const media = window.matchMedia(WIDE);
    const update = () => setWide(media.matches);
    update();
    media.addEventListener("change", update);
    return () => media.removeEventListener("change", update);
  }, []);

  useEffect(() => {
    if (!focusResultsOnNextSearch) return;
    focusResultsOnNextSearch = false;
    const heading = document.getElementById(resultsId);
    if (!heading) return;
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }, [resultsId]);

  return (
    <details
      open={open || wide}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onSubmit={() => {
        focusResultsOnNextSearch = true;
      }}
      onClick={(event) => {
        if ((event.target as Element).closest("a")) focusResultsOnNextSearch = true;
      }}
      className="group lg:[&::details-content]:[content-visibility:visible]"
    >
      <summary className="flex min-h-11 cursor-pointer items-center rounded-lg border border-slate-300 bg-slate-50 px-4 font-semibold text-brand-900 lg:hidden">
        {summary}
      </summary>
      <div className="pt-3 lg:pt-0">{children}</div>
    </details>
  );
}
