"use client";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

// Copies the page's address. Shown only once the page's script runs: without it the button could
// do nothing (the other share links work without JavaScript).
export function CopyLinkButton({ url, label, copiedLabel, className }: { url: string; label: string; copiedLabel: string; className: string }) {
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [copied, setCopied] = useState(false);
  if (!hydrated) return null;
  return (
    <>
      <button type="button" className={className} onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false))}>
        {label}
      </button>
      <span role="status" className="text-sm text-slate-700">
        {copied ? copiedLabel : ""}
      </span>
    </>
  );
}
