"use client";
import { useEffect, useRef, type MouseEvent } from "react";
import { useTranslations } from "next-intl";

/** One entry of the error summary: the id of the field in error and its message. */
export interface FieldErrorLink {
  id: string;
  message: string;
}

// The form-level message of an action state (or of a page an action led to): announced to screen
// readers when it changes. `reserveSpace` keeps a line for it so the form does not jump.
// Given `fieldErrors`, it is the form's error summary: each entry links to its field (the link focuses
// it; `onFieldLink` lets a form first show a hidden step). Given `focusKey` (the action state), the
// summary takes the focus each time a new state brings errors, instead of leaving it on the page body.
export function FormMessage({
  id,
  message,
  tone = "error",
  reserveSpace = true,
  fieldErrors = [],
  focusKey,
  onFieldLink,
}: {
  id?: string;
  message?: string;
  tone?: "error" | "success";
  reserveSpace?: boolean;
  fieldErrors?: FieldErrorLink[];
  focusKey?: unknown;
  onFieldLink?: (id: string) => void;
}) {
  const t = useTranslations("common.errorSummary");
  const ref = useRef<HTMLDivElement>(null);
  const isError = tone === "error" && (Boolean(message) || fieldErrors.length > 0);
  // A form error that is also a field's (e.g. the overlap, on the e-mail) is said once, as its link.
  const shownMessage = fieldErrors.some((f) => f.message === message) ? undefined : message;
  useEffect(() => {
    if (focusKey !== undefined && isError) ref.current?.focus();
    // Only a new state moves the focus, not a re-render with the same errors.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);

  function follow(event: MouseEvent<HTMLAnchorElement>, id: string) {
    event.preventDefault();
    if (onFieldLink) return onFieldLink(id);
    const field = document.getElementById(id);
    field?.focus();
    field?.closest("div")?.scrollIntoView({ block: "center" });
  }

  return (
    <div id={id} ref={ref} tabIndex={-1} role={tone === "error" ? "alert" : "status"} aria-live="polite" className={`${reserveSpace ? "min-h-6 " : ""}rounded-md focus:outline-2 focus:outline-offset-2 focus:outline-red-700`}>
      {shownMessage && (
        <p className={`rounded-md px-4 py-3 ${tone === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-900"}`}>{shownMessage}</p>
      )}
      {tone === "error" && fieldErrors.length > 0 && (
        <div className="mt-2 rounded-md border-2 border-red-700 bg-white px-4 py-3">
          <h2 className="font-semibold text-red-800">{t("title", { count: fieldErrors.length })}</h2>
          <ul className="mt-1 list-disc pl-5">
            {fieldErrors.map((f) => (
              <li key={f.id}>
                <a href={`#${f.id}`} onClick={(e) => follow(e, f.id)} className="font-medium text-red-800 underline underline-offset-4">
                  {f.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
