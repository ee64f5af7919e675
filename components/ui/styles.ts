// The classes of the few controls every page draws the same way.
export const linkClass = "font-semibold text-brand-700 underline underline-offset-4";
export const primaryButtonClass = "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900";
export const outlineButtonClass = "inline-flex min-h-11 items-center justify-center rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50";
export const noticeClass = "rounded-md bg-amber-50 p-4";
export const emptyClass = "rounded-md bg-slate-50 p-4";
