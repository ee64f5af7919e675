"use client";
import { useFormActionState } from "@/components/form/useFormActionState";
import type { FormState } from "@/lib/action-state";
import { HiddenFields } from "./HiddenFields";
import { useFormText } from "./useFormText";

type ParamsState = FormState & { params?: Record<string, string | number> };

// A one-button form (revoke, detach, remove…) whose refusal is announced next to it. `who` names the
// thing acted on for screen readers, as the visible label alone is the same on every row.
export function ActionButton(props: {
  // Method syntax: any action whose state extends ParamsState fits.
  action(state: ParamsState, formData: FormData): Promise<ParamsState>;
  errors: string;
  label: string;
  who: string;
  hidden: Record<string, string>;
  className: string;
}) {
  const [state, action, pending] = useFormActionState(props.action, {} as ParamsState);
  const text = useFormText(props.errors, state, state.params ?? {});
  return (
    <form action={action} className="flex flex-col gap-1">
      <HiddenFields values={props.hidden} />
      <button type="submit" disabled={pending} className={props.className}>
        {props.label}
        <span className="sr-only"> : {props.who}</span>
      </button>
      {text.formError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {text.formError}
        </p>
      )}
    </form>
  );
}
