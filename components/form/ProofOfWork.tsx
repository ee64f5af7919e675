"use client";
import "altcha/altcha.css";
import type { AltchaWidgetElement } from "altcha";
import type {} from "altcha/types/react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { CHALLENGE_FIELD } from "@/lib/security";

// The proof of work of a public form (ALTCHA, self-hosted: no cookie, no third party). The browser
// starts solving as soon as the form is shown, in Web Workers, while the person fills it in; a submit
// that comes before the solution waits for it and then goes on, so people rarely wait at all. The
// solution goes in the hidden field CHALLENGE_FIELD, which the action checks (lib/challenge).
//
// The widget is a native checkbox with a label that says what happens ("checking… / done"); it is
// only needed by hand when the check failed (the box then runs it again), and is keyboard reachable.
// It uses the CSP-friendly build: its stylesheet is bundled with ours (no inline <style>) and its
// worker is a script of our origin (no blob: URL).

const STRINGS = ["label", "verifying", "verified", "error", "expired", "waitAlert", "verificationRequired", "loading"] as const;

let loading: Promise<void> | undefined;
function loadWidget() {
  loading ??= import("altcha/external").then(() => {
    // The algorithm lib/challenge/pow.ts issues.
    globalThis.$altcha.algorithms.set("PBKDF2/SHA-256", () => new Worker(new URL("altcha/workers/pbkdf2", import.meta.url)));
  });
  return loading;
}

export function ProofOfWork() {
  const t = useTranslations("common.proofOfWork");
  const locale = useLocale();
  const ref = useRef<AltchaWidgetElement>(null);
  const [ready, setReady] = useState(false);
  const strings = Object.fromEntries(STRINGS.map((key) => [key, t(key)]));
  const stringsKey = JSON.stringify(strings);

  useEffect(() => {
    let live = true;
    loadWidget().then(() => {
      // Our wording, in the page's language, over the widget's English defaults.
      globalThis.$altcha.i18n.set(locale, { ...globalThis.$altcha.i18n.get("en"), ...JSON.parse(stringsKey) });
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, [locale, stringsKey]);

  useEffect(() => {
    const widget = ref.current;
    const form = widget?.closest("form");
    if (!ready || !widget || !form) return;
    const solve = () => {
      if (widget.getState() !== "verifying") void widget.verify();
    };
    // A submit before the solution is ready is held (before React sees it) and sent once solved.
    let held: HTMLElement | null | undefined;
    const onSubmit = (event: SubmitEvent) => {
      if (widget.getState() === "verified") return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (held !== undefined) return;
      held = event.submitter;
      solve();
    };
    const onState = (event: Event) => {
      const state = (event as CustomEvent<{ state: string }>).detail.state;
      if (state === "verified" && held !== undefined) {
        const submitter = held;
        held = undefined;
        form.requestSubmit(submitter);
      }
      // Failed (network, too many requests): the widget says so; the person sends again.
      if (state === "error") held = undefined;
    };
    // React resets the form after each submission, and the widget with it: the next submission
    // needs a new solution, so solving starts again at once. An expired challenge is replaced too.
    const onReset = () => setTimeout(solve);
    form.addEventListener("submit", onSubmit, { capture: true });
    form.addEventListener("reset", onReset);
    widget.addEventListener("statechange", onState);
    widget.addEventListener("expired", solve);
    return () => {
      form.removeEventListener("submit", onSubmit, { capture: true });
      form.removeEventListener("reset", onReset);
      widget.removeEventListener("statechange", onState);
      widget.removeEventListener("expired", solve);
    };
  }, [ready]);

  return (
    <div className="min-h-12">
      {ready && (
        <altcha-widget
          ref={ref}
          challenge="/api/challenge"
          auto="onload"
          type="native"
          language={locale}
          name={CHALLENGE_FIELD}
          configuration={JSON.stringify({ hideLogo: true, hideFooter: true, minDuration: 0 })}
        />
      )}
      <noscript>
        <p className="rounded-md bg-amber-50 p-3 text-sm">{t("noScript")}</p>
      </noscript>
    </div>
  );
}
