"use client";
import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

// Disabled while the form is submitting (no double submit by impatience), with the label kept in
// place so the layout does not jump. The pending label defaults to the common "sending…".
export function SubmitButton({ children, pendingLabel, className = "" }: { children: ReactNode; pendingLabel?: string; className?: string }) {
  const { pending } = useFormStatus();
  const t = useTranslations("common");
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-70 ${className}`}
    >
      <span className={pending ? "invisible" : ""}>{children}</span>
      {pending && <span className="absolute">{pendingLabel ?? t("pending")}</span>}
    </button>
  );
}
