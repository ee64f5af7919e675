"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { BULK_APPROVAL_MAX, type BulkApprovalState } from "@/lib/organiser/schemas";
import { dimensionValueLabel, type Dimension } from "@/lib/representativity/reasons";
import { approveSelectionAction } from "./actions";

// "Valider la sélection" around the queue (`children`): the queue's checkboxes belong to this form
// (`formId`) through their `form` attribute (each site keeps its own decision form), the button stays at the
// bottom of the screen while the list scrolls, and the outcome — the sites approved, those refused
// with why — is shown above the list and receives the focus.
export function BulkApproval({ formId, enabled, children }: { formId: string; enabled: boolean; children: ReactNode }) {
  const t = useTranslations("organiserAdmin.validations.bulk");
  const errors = useTranslations("organiserAdmin.errors");
  const format = useFormatter();
  const locale = useLocale() === "en" ? "en" : "fr";
  const [state, approve] = useFormActionState(approveSelectionAction, {} as BulkApprovalState);
  const text = useFormText("organiserAdmin.errors", state, { max: BULK_APPROVAL_MAX });
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.ok || state.formError) outcome.current?.focus();
  }, [state]);

  // The same messages as one site's decision (a cap names its region, sector or size).
  const reason = ({ code, params = {} }: NonNullable<BulkApprovalState["refused"]>[number]) => {
    const label = typeof params.dimension === "string" && typeof params.value === "string" ? dimensionValueLabel(params.dimension as Dimension, params.value, locale) : "";
    return errors.has(code) ? errors(code, { ...params, label }) : (text.message(code) ?? "");
  };
  const approved = state.approved ?? [];
  const refused = state.refused ?? [];

  return (
    <>
      <div ref={outcome} tabIndex={-1} className="flex flex-col gap-2 outline-none empty:hidden">
        {state.ok && (
          <FormMessage tone="success" reserveSpace={false} message={t("approved", { count: approved.length, sites: format.list(approved) })} />
        )}
        {refused.length > 0 && (
          <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-red-800">
            <p className="font-semibold">{t("refused", { count: refused.length })}</p>
            <ul className="list-disc pl-6">
              {refused.map((site, i) => (
                <li key={i}>{site.siteName ? t("refusedSite", { site: site.siteName, reason: reason(site) }) : reason(site)}</li>
              ))}
            </ul>
          </div>
        )}
        {text.formError && <FormMessage message={text.formError} reserveSpace={false} />}
      </div>
      {children}
      {enabled && (
        <form
          id={formId}
          action={approve}
          className="sticky bottom-0 z-10 flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-slate-300 bg-white/95 py-3"
        >
          <p className="max-w-prose flex-1 text-sm text-slate-800">{t("hint", { max: BULK_APPROVAL_MAX })}</p>
          <SubmitButton className="relative">{t("submit")}</SubmitButton>
        </form>
      )}
    </>
  );
}
