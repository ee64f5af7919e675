"use client";

// The browser's print dialog; the print stylesheet (app/globals.css) hides the site's header
// navigation, the footer and everything marked `no-print`.
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900"
    >
      {label}
    </button>
  );
}
